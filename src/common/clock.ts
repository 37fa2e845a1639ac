// Time enters the engine only here, and from here only into events (machines read no clock).
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
