import { describe, expect, it } from '@jest/globals';
import { loginDelaySeconds } from './login-delay.js';

const settings = {
  freeFailures: 3,
  delayBaseSeconds: 1,
  delayMaxSeconds: 60,
  pairWindowSeconds: 86_400,
  addressMaxFailures: 300,
  addressWindowSeconds: 900,
};

describe('loginDelaySeconds', () => {
  it('lets the free failures pass, then doubles from the base up to the cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => loginDelaySeconds(i + 1, settings));
    expect(delays).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('stays at the cap for absurd failure counts', () => {
    expect(loginDelaySeconds(1e9, settings)).toBe(60);
  });
});
