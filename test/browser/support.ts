import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';
export const PHONE = { width: 375, height: 667 };

// Skipped as a whole without a browser (the config has already said so loudly).
export function requireBrowser(): void {
  test.skip(!process.env.CI && !hasChromium(), 'no Chromium on this machine');
}
// Whether the browser is there, not its contents: the binary is hundreds of megabytes.
const hasChromium = () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

// A person signed in in a browser context of their own, as they would: through the sign-in page.
export async function signIn(
  browser: Browser,
  username: string,
  options: { viewport?: { width: number; height: number }; language?: 'zh' | 'en' } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(options.viewport ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  if (options.language === 'en')
    await page.addInitScript(() => localStorage.setItem('console.language', 'en'));
  await page.goto('/login');
  await page
    .getByLabel(options.language === 'en' ? 'Username' : '用户名', { exact: true })
    .first()
    .fill(username);
  await page
    .getByLabel(options.language === 'en' ? 'Password' : '密码', { exact: true })
    .first()
    .fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: options.language === 'en' ? 'Sign in' : '登录' }).click();
  await expect(page.getByTestId('who')).toHaveText(username);
  return page;
}

// axe-core's own script, injected into the page (its Playwright wrapper needs Node 22).
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export async function seriousAccessibilityViolations(page: Page) {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy (rightly) does
  // not let a <script> tag do.
  await page.evaluate(`${axeSource};0`);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe;
    return axe.run({ resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}
