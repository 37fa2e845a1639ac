import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  requireBrowser,
  seriousAccessibilityViolations,
  signIn,
} from './support.js';
import { chooseOption } from './antd-select.js';

requireBrowser();

// The demo's two Xinhe rounds: 2025 (two sessions, four offers, signed) and 2026 (both sides' first
// offers tabled, the second session open, so the union chair may table an offer now). Their ids are
// read once through the API, so each test opens its round directly (a reload keeps the sign-in).
const roundIds = new Map<number, string>();
test.beforeAll(async ({ request }) => {
  const login = await request.post('/api/auth/login', {
    data: { username: 'chen.chair', password: DEMO_PASSWORD },
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const list = await request.get('/api/negotiations', {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  for (const r of ((await list.json()) as { items: { id: string; year: number }[] }).items)
    roundIds.set(r.year, r.id);
});

async function openRound(page: Page, year: number, tab: '报价对照' | '差距收敛') {
  await page.goto(`/rounds/${roundIds.get(year)}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${year}年度新河镇羊毛衫行业工资集体协商` }),
    // A whole page load (the app and the round page's chunk): on a busy shared machine this is the
    // slow step, so it gets more than the default 10 s.
  ).toBeVisible({ timeout: 30_000 });
  await page.getByRole('tab', { name: tab }).click();
}

const choose = (page: Page, label: string, option: string | RegExp) =>
  chooseOption(page.getByLabel(label, { exact: true }), option);

const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('.ant-table-row');
// The first rows wait for three reads (the gap, the catalog, the offers) and the tab's chunk.
const LOADED = { timeout: 30_000 };

test.describe('offers side by side and convergence', () => {
  // About 25 s each on a quiet machine; the margin is for a shared 2-vCPU VM under load.
  test.describe.configure({ timeout: 90_000 });

  test('the chair sees both sides line by line, filters them, and the tab passes axe', async ({
    browser,
  }) => {
    const page = await signIn(browser, 'chen.chair');
    await openRound(page, 2026, '报价对照');
    await expect(page.getByTestId('latest-worker')).toContainText('职工方 · 第1次协商');
    await expect(page.getByTestId('latest-employer')).toContainText('企业方 · 第1次协商');
    // Virtualized: 405 lines, a few dozen rows in the DOM.
    await expect(rows(page, 'offers-table').first()).toBeVisible(LOADED);
    await expect(page.getByTestId('offer-count')).toContainText('405 / 405 行');
    expect(await rows(page, 'offers-table').count()).toBeLessThan(60);
    // Both rates of the first line, and its gap highlighted (the sides differ on every demo line).
    const first = rows(page, 'offers-table').first();
    await expect(first.locator('[data-differs="true"]')).toBeVisible();
    await expect(first).toContainText('KN-01');

    // Filter by section: 横机 has 9 processes x 9 product types.
    await choose(page, '车间/工种', '横机');
    await expect(page.getByTestId('offer-count')).toContainText('81 / 405 行');
    await expect(first).toContainText('横机');
    await expect(first).not.toContainText('KN-01');
    await choose(page, '品种', /^开衫$/);
    await expect(page.getByTestId('offer-count')).toContainText('9 / 405 行');
    await page.getByLabel('工序编码或名称').fill('KN-12');
    await expect(page.getByTestId('offer-count')).toContainText('1 / 405 行');
    await page.getByLabel('工序编码或名称').fill('');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  test('the chair compares two offers, downloads a 工价表 and tables it again', async ({
    browser,
  }) => {
    const page = await signIn(browser, 'chen.chair');
    await openRound(page, 2026, '报价对照');
    // Compare the union's offer with the employers' counter: old, new, change, status.
    await choose(page, '原报价', /职工方/);
    await choose(page, '新报价', /企业方/);
    await expect(rows(page, 'compare-table').first()).toBeVisible(LOADED);
    await expect(rows(page, 'compare-table').first()).toContainText('下调');

    // Download the union's table as Excel: a 工价表 workbook (a zip) named after the offer.
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('download-offers').click();
    await page.getByRole('menuitem', { name: '下载 Excel（职工方）' }).click();
    const file = await downloaded;
    expect(file.suggestedFilename()).toMatch(/^offer-[0-9a-f-]+\.xlsx$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // Upload it back as the union's offer in the open second session.
    await page.getByTestId('upload-offer').click();
    await page.getByLabel('说明（可选）').fill('浏览器测试上传');
    await page.getByTestId('offer-upload-file').setInputFiles({
      name: 'offer.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await expect(page.getByText(/报价已提交（版本 \d+）/)).toBeVisible();
    await expect(page.getByTestId('latest-worker')).toContainText('职工方 · 第2次协商');
  });

  test('a representative who may not table an offer sees no upload; the convergence chart draws', async ({
    browser,
  }) => {
    const page = await signIn(browser, 'wang.w1');
    await openRound(page, 2026, '报价对照');
    await expect(rows(page, 'offers-table').first()).toBeVisible(LOADED);
    await expect(page.getByTestId('download-offers')).toBeVisible();
    await expect(page.getByTestId('upload-offer')).toHaveCount(0);

    await openRound(page, 2025, '差距收敛');
    const chart = page.getByTestId('convergence-overall');
    await expect(chart.locator('svg')).toBeVisible(LOADED);
    await expect(chart.locator('svg text', { hasText: '总体' })).toBeVisible();
    await expect(chart.locator('svg text', { hasText: '第2次协商' })).toBeVisible();
    // One line per series: overall and the sections.
    expect(await chart.locator('svg path[fill="none"]').count()).toBeGreaterThan(3);
    await expect(chart).toHaveAttribute('aria-label', /第1次协商 [\d.]+ %，第2次协商 [\d.]+ %/);
  });
});
