import { expect, test } from '@playwright/test';
import { requireBrowser, seriousAccessibilityViolations, signIn } from './support.js';

requireBrowser();

test.describe('the console shell', () => {
  test('opens on the sign-in page in Chinese, and a wrong password is refused in words', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { name: '行业性工资集体协商' })).toBeVisible();
    await page.getByLabel('用户名', { exact: true }).first().fill('chen.chair');
    await page.getByLabel('密码', { exact: true }).first().fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
    await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'AUTH_INVALID_CREDENTIALS');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  test('a chair signs in, sees their work, and a reload of a console route keeps the page', async ({
    browser,
  }) => {
    const page = await signIn(browser, 'chen.chair');
    await expect(page.getByRole('heading', { name: '我的工作' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '我的协商轮次' })).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '协商轮次' }).click();
    await expect(page.getByRole('heading', { name: '协商轮次' })).toBeVisible();
    const firstRound = page.getByRole('table').getByRole('link').first();
    await expect(firstRound).toBeVisible();
    await firstRound.click();
    await expect(page).toHaveURL(/\/rounds\/[0-9a-f-]{36}$/);
    await expect(page.getByText('当前阶段').first()).toBeVisible();
    await page.reload();
    await expect(page.getByText('当前阶段').first()).toBeVisible();
    await expect(page.getByTestId('who')).toHaveText('chen.chair');
  });

  test('switches to English and back, and remembers the choice on this device', async ({
    browser,
  }) => {
    const page = await signIn(browser, 'chen.chair');
    await page.getByRole('radiogroup', { name: '语言' }).getByText('EN').click();
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'My work' })).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click();
    await expect(page.getByRole('heading', { name: '我的工作' })).toBeVisible();
  });

  test('an unknown API path under the console still answers the API’s coded 404', async ({
    request,
  }) => {
    const res = await request.get('/api/no-such-route');
    expect(res.status()).toBe(404);
    expect((await res.json()).code).toBe('NOT_FOUND');
    const page = await request.get('/rounds/anything/at/all');
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
