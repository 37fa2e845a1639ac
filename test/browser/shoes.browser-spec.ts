import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import * as screen from './round-screen.js';
import { PHONE, requireBrowser, seriousAccessibilityViolations, signIn } from './support.js';

requireBrowser();

const expect = baseExpect.configure({ timeout: 30_000 });

// The demo's 2026 Hengfeng shoes round (issue 12), from the end of its first joint session to
// signature, by the people at the table in browser contexts of their own: the union chair (zhu.shoes),
// the association's chief (xie.shoes), the recorder (jiang.shoes) and a worker representative on a
// phone (wu.shoes). On the way: the increase band beside the offers, the public hearing on the
// overview, and the enterprise rate survey, whose enterprises' own rates appear on no screen but the
// chair's recording form.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const TITLE = '2026年度横峰街道制鞋行业工资集体协商';
let roundUrl = '';
const pages: Record<string, Page> = {};

const openRound = (page: Page) => screen.openRound(page, roundUrl);
const send = (page: Page, type: string, fill?: (form: Locator) => Promise<void>) =>
  screen.send(page, roundUrl, type, fill);

test.afterAll(async () => {
  await Promise.all(Object.values(pages).map((p) => p.context().close()));
});

test('the overview shows the band beside each offer and the public hearing', async ({
  browser,
}) => {
  pages.chair = await signIn(browser, 'zhu.shoes');
  pages.chief = await signIn(browser, 'xie.shoes');
  pages.recorder = await signIn(browser, 'jiang.shoes');
  pages.rep = await signIn(browser, 'wu.shoes', { viewport: PHONE });
  const { chair, rep } = pages;
  await chair.goto('/rounds?year=2026&outcome=open&industry=shoes');
  await chair.getByRole('link', { name: TITLE }).click();
  await expect(chair).toHaveURL(/\/rounds\/[0-9a-f-]{36}$/);
  roundUrl = new URL(chair.url()).pathname;
  await openRound(chair);

  // The union's band, and beside each offer the band it was tabled under (the union's only) with
  // the reason of its line outside it.
  const band = chair.getByTestId('band-card');
  await expect(band.getByTestId('increase-band')).toHaveText('职工方：比上年上涨 15% – 20%');
  await expect(band.getByTestId('overview-offer-worker')).toContainText(
    '本报价适用的涨幅区间：15% – 20%',
  );
  await expect(band.getByTestId('overview-offer-worker')).toContainText('SH-111');
  await expect(band.getByTestId('overview-offer-employer')).not.toContainText('涨幅区间');

  // The hearing: date and place, attendance per side against the minimum (51 by default),
  // each opinion with its side, the minutes and both chiefs' signatures.
  const hearing = chair.getByTestId('hearing');
  await expect(hearing).toContainText('2026-06-25');
  await expect(hearing).toContainText('横峰街道办事处大会议室');
  await expect(hearing.getByTestId('hearing-attendance')).toContainText(
    '职工方 56 人（至少 51 人）',
  );
  await expect(hearing.getByTestId('hearing-attendance')).toContainText(
    '企业方 53 人（至少 51 人）',
  );
  await expect(hearing.getByTestId('hearing-attendance')).not.toContainText('低于最低人数');
  const opinions = hearing.getByTestId('hearing-opinions');
  await expect(opinions.locator('li')).toHaveCount(2);
  await expect(opinions.locator('li').first()).toContainText('职工方');
  await expect(opinions.locator('li').first()).toContainText('踏帮、成型工序工价多年未明显上调');
  await expect(opinions.locator('li').nth(1)).toContainText('企业方');
  await expect(hearing).toContainText('职工代表56人、企业代表53人出席');
  await expect(hearing.getByTestId('hearing-signatures')).toContainText('职工方首席代表已签署');
  await expect(hearing.getByTestId('hearing-signatures')).toContainText('企业方首席代表已签署');
  await expect(hearing).toContainText('可以召开面对面协商会议');
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  // The offers tab: the band beside the union's latest offer.
  await chair.getByRole('tab', { name: '报价对照' }).click();
  await expect(chair.getByTestId('latest-band-worker')).toContainText('15% – 20%');
  await expect(chair.getByTestId('latest-band-employer')).toHaveCount(0);
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  // A representative on a phone sees the same hearing.
  await openRound(rep);
  await expect(rep.getByTestId('hearing')).toContainText('职工方 56 人');
  expect(await seriousAccessibilityViolations(rep)).toEqual([]);
});

test('the enterprise rate survey: recorded by the chair, sealed, statistics for all, too few withheld', async () => {
  const { chair, chief, rep } = pages;
  // The demo's survey, closed: per process high / median / low / mean, by type where no type would
  // reveal an enterprise.
  await openRound(chair);
  await chair.getByRole('tab', { name: '企业调查' }).click();
  const demo = chair.getByTestId('enterprise-survey-closed').first();
  await expect(demo).toContainText('2026-05-20 开始的调查');
  const stats = demo.getByTestId('enterprise-statistics');
  await expect(stats).toContainText('SH-111');
  await expect(stats).toContainText('全部企业');
  await expect(stats).toContainText('规上企业');
  await expect(stats).toContainText('按企业类型的分组不公布');
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  // A new survey of two processes: three enterprises pay SH-001, only two SH-002.
  await chair.getByRole('combobox', { name: '选择要调查的工序' }).fill('SH-001');
  await chair.keyboard.press('Enter');
  await chair.getByRole('combobox', { name: '选择要调查的工序' }).fill('SH-002');
  await chair.keyboard.press('Enter');
  await chair.keyboard.press('Escape');
  await chair.getByRole('button', { name: '开始调查' }).click();
  const fresh = chair.getByTestId('enterprise-survey-open');
  await expect(fresh).toBeVisible();
  await expect(fresh).toContainText('调查截止后才公布数字');
  await fresh.getByText('记录一家企业的实付工价').click();
  const form = fresh.getByTestId('record-enterprise');
  const enterprises = [
    ['测试鞋业甲 (illustrative)', '规上企业', '0.1100', '0.1200'],
    ['测试鞋业乙 (illustrative)', '规上企业', '0.1150', '0.1250'],
    ['测试鞋业丙 (illustrative)', '规下企业', '0.1050', ''],
  ];
  for (const [i, [name, type, a, b]] of enterprises.entries()) {
    await form.getByLabel('企业名称').fill(name!);
    await form.getByLabel('企业类型').fill(type!);
    await form.getByLabel(/^SH-001/).fill(a!);
    if (b) await form.getByLabel(/^SH-002/).fill(b);
    await form.getByRole('button', { name: '保存并封存' }).click();
    await expect(form.getByRole('status')).toContainText(`已记录 ${b ? 2 : 1} 个工价并封存`);
    await expect(fresh.getByTestId('enterprise-count')).toHaveText(String(i + 1));
    // Sealed: the form is emptied, the name is nowhere on the page.
    await expect(form.getByLabel('企业名称')).toHaveValue('');
    await expect(chair.getByText(name!)).toHaveCount(0);
  }
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  // The association's chief sees that it is open, how many were recorded, no figure, no form.
  await openRound(chief);
  await chief.getByRole('tab', { name: '企业调查' }).click();
  const seen = chief.getByTestId('enterprise-survey-open');
  await expect(seen.getByTestId('enterprise-count')).toHaveText('3');
  await expect(seen.getByTestId('record-enterprise')).toHaveCount(0);
  await expect(chief.getByRole('button', { name: '开始调查' })).toHaveCount(0);

  await fresh.getByRole('button', { name: '截止调查' }).click();
  await chair.getByRole('button', { name: /确\s*定|OK/ }).click();
  const closed = chair.getByTestId('enterprise-survey-closed').first();
  await expect(closed).toContainText('SH-001');
  const rows = closed.getByTestId('enterprise-statistics');
  await expect(rows).toContainText('0.1150'); // SH-001's high, of three enterprises
  await expect(rows.getByTestId('too-few')).toHaveCount(1); // SH-002: two enterprises, no figure
  await expect(rows).toContainText('企业数不足，不公布');

  // Everyone in the round reads the same statistics, and no enterprise's name or own rate.
  for (const page of [chief, rep]) {
    await openRound(page);
    await page.getByRole('tab', { name: '企业调查' }).click();
    const s = page.getByTestId('enterprise-survey-closed').first();
    await expect(s).toContainText('企业数不足，不公布');
    await expect(s).not.toContainText('0.1250');
    for (const [name] of enterprises) await expect(page.getByText(name!)).toHaveCount(0);
  }
  expect(await seriousAccessibilityViolations(rep)).toEqual([]);
});

test('through the draft, ratification and signature', async () => {
  const { chair, chief, rep } = pages;
  const keep = Array.from({ length: 233 }, (_, i) => `SH-${String(i + 2).padStart(3, '0')}`);
  await send(chair, 'draft.agreed', async (f) => {
    await f.getByLabel('文本').fill('2026年度横峰街道制鞋行业工资集体协议（草案）');
    await f.getByLabel('工序代码 1', { exact: true }).fill('SH-001');
    await f.getByLabel('工价（元） 1', { exact: true }).fill('0.0986');
    await f.getByLabel('维持上年工价的行').fill(`${keep.join(',')},`);
    await expect(f.locator('.ant-select-selection-item')).toHaveCount(keep.length);
  });
  await send(chair, 'draft.signed');
  await send(chief, 'draft.signed');
  await send(chair, 'ratification.submitted', async (f) => {
    await f.getByLabel('审议机构').fill('横峰街道制鞋行业职工代表大会');
    await f.getByLabel('应到人数').fill('60');
    await f.getByLabel('会议日期').fill('2026-07-20');
  });
  await send(chair, 'ballot.closed', async (f) => {
    await f.getByLabel('出席人数').fill('55');
    await f.getByLabel('赞成票数').fill('50');
    await f.getByLabel('反对票数').fill('3');
    await f.getByLabel('弃权票数').fill('2');
    await f.getByLabel('结束日期').fill('2026-07-20');
  });
  await send(chief, 'agreement.prepared', (f) =>
    f.getByLabel('文本').fill('2026年度横峰街道制鞋行业工资集体协议'),
  );
  await send(chief, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-07-25'));
  await send(chair, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-07-25'));
  await expect(chair.getByText('在当前阶段，您没有可以提交的事项')).toBeVisible();

  // Signed: the representative reads the agreement; the hearing stays on the overview.
  await openRound(rep);
  await expect(rep.getByTestId('timeline').locator('[data-seq]').first()).toHaveAttribute(
    'data-type',
    'agreement.signed',
  );
  await expect(rep.getByTestId('hearing')).toContainText('职工方首席代表已签署');
  await rep.getByRole('tab', { name: '协议' }).click();
  await expect(rep.getByRole('row', { name: /职工方签字 2026-07-25/ })).toBeVisible();
  await expect(rep.getByRole('row', { name: /企业方签字 2026-07-25/ })).toBeVisible();
  expect(await seriousAccessibilityViolations(rep)).toEqual([]);
});
