import { Clock } from '../../src/common/clock.js';

// The app's clock under the test's hand: real time plus whatever the test has moved it forward.
export class ManualClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
