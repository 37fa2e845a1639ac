import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// The browser tier: the built server and console (npm run build), the demo data on a fresh database of
// the machine's PostgreSQL, driven in Debian's Chromium (.ci/run installs it; Playwright's own
// download cannot reach its host here). Without a browser the tier says so loudly and skips, except
// under CI=true, where a missing browser fails the run.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.BROWSER_TEST_PORT ?? 3197);
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) {
  const message = `\n*** BROWSER TIER: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk) ***\n`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`${message}*** the browser tests are SKIPPED ***\n`);
}

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.browser-spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  forbidOnly: process.env.CI === 'true',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: CHROMIUM },
    trace: 'retain-on-failure',
    // The console turns its animations off for people who ask for less motion; so do the tests, so
    // that a click never lands on a dialog or dropdown still moving in (two CI failures, 2026-12-02).
    reducedMotion: 'reduce',
    // A click that cannot land (something covers the button) fails within a minute, with the reason,
    // instead of waiting out a serial spec's whole timeout.
    actionTimeout: 60_000,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: hasBrowser
    ? {
        command: 'node --import tsx test/browser/serve-for-browser-tests.ts',
        url: `http://127.0.0.1:${port}/api/health`,
        env: { BROWSER_TEST_PORT: String(port) },
        reuseExistingServer: false,
        timeout: 60_000,
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      }
    : undefined,
});
