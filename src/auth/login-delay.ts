import type { LoginThrottleSettings } from '../config/app-config.js';

// Seconds an (account, address) pair must wait after its nth consecutive failure: nothing for the
// first free ones, then base, 2 x base, 4 x base … up to the cap. A delay, never a lockout: the
// account stays open from every other address (ADR 0017).
export function loginDelaySeconds(failures: number, s: LoginThrottleSettings): number {
  const over = failures - s.freeFailures;
  if (over <= 0) return 0;
  // 2^31 already exceeds any cap; keeps the power finite for absurd counts.
  return Math.min(s.delayBaseSeconds * 2 ** Math.min(over - 1, 31), s.delayMaxSeconds);
}
