import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import { chooseOption } from './antd-select.js';
import * as screen from './round-screen.js';
import { requireBrowser, seriousAccessibilityViolations, signIn } from './support.js';

requireBrowser();

const expect = baseExpect.configure({ timeout: 30_000 });

// The demo's 2026 Wenling shipbuilding round (issue 12), from its second joint session to signature,
// by the union chair (xie.chair), the association's chief (pan.chief) and the recorder
// (dai.recorder), each in a browser context of their own. The package side by side (方案对照) is
// read from GET …/terms: the wage survey by trade, the trade minimums (last year's, each side's,
// the agreed), the skill grids, each clause with its status; on the agreed round, the agreement's
// terms and its pay impact. Trades and amounts are illustrative.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const TITLE = '2026年度温岭市船舶修造行业工资集体协商';
let roundUrl = '';
const pages: Record<string, Page> = {};
const roundId = () => roundUrl.split('/').pop()!;

const openRound = (page: Page) => screen.openRound(page, roundUrl);
const send = (page: Page, type: string, fill?: (form: Locator) => Promise<void>) =>
  screen.send(page, roundUrl, type, fill);
const round = (page: Page) => screen.apiRound(page, roundUrl);

// The whole package and the draft carry six trades, their grids and a headcount: the chair sends
// those through the API with their own session, as a client of the API would; the item-by-item
// counter goes through the generated form, nested rows and all.
async function sendThroughApi(page: Page, type: string, payload: unknown) {
  const { revision } = await round(page);
  const status = await page.evaluate(
    async ({ id, body }) => {
      const token = JSON.parse(sessionStorage.getItem('console.session') ?? '{}').accessToken;
      const res = await fetch(`/api/negotiations/${id}/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
      return [res.status, await res.text()];
    },
    { id: roundId(), body: { type, payload, expectedRevision: revision } },
  );
  expect(status[0], String(status[1])).toBeLessThan(300);
}

async function openPackage(page: Page) {
  await openRound(page);
  await page.getByRole('tab', { name: '方案对照' }).click();
  await expect(page.getByTestId('package')).toBeVisible();
}

const clauseStatus = (page: Page, clause: string) => page.getByTestId(`clause-${clause}`);

const MINIMUMS = [
  ['WELD', '4850'],
  ['FIT', '4650'],
  ['GRIND', '3800'],
  ['PAINT', '4000'],
  ['PIPE', '4550'],
  ['ELEC', '4650'],
].map(([trade, monthlyMinimum]) => ({ trade, monthlyMinimum }));
const grid = (trade: string, ...allowances: string[]) => ({
  trade,
  grades: allowances.map((monthlyAllowance, i) => ({ grade: i + 1, monthlyAllowance })),
});
const GRIDS = [
  grid('WELD', '150', '400', '750', '1200'),
  grid('FIT', '150', '350', '650', '1000'),
  grid('PIPE', '120', '320', '580'),
  grid('ELEC', '120', '320', '620'),
];
const HEADCOUNT = [
  ['WELD', null, 700],
  ['WELD', 1, 300],
  ['WELD', 2, 180],
  ['FIT', null, 600],
  ['FIT', 1, 250],
  ['GRIND', null, 640],
  ['PAINT', null, 520],
  ['PIPE', null, 260],
  ['ELEC', null, 200],
].map(([trade, grade, workers]) => ({ trade, grade, workers }));

test.afterAll(async () => {
  await Promise.all(Object.values(pages).map((p) => p.context().close()));
});

test('the package side by side: survey, minimums, grids and each clause with its status', async ({
  browser,
}) => {
  pages.chair = await signIn(browser, 'xie.chair');
  pages.chief = await signIn(browser, 'pan.chief');
  pages.recorder = await signIn(browser, 'dai.recorder');
  const { chair, chief } = pages;
  await chair.goto('/rounds?year=2026&outcome=open&industry=shipbuilding');
  await chair.getByRole('link', { name: TITLE }).click();
  await expect(chair).toHaveURL(/\/rounds\/[0-9a-f-]{36}$/);
  roundUrl = new URL(chair.url()).pathname;
  await openPackage(chair);

  // The wage survey by trade: highest / average / lowest, enterprises, workers.
  const survey = chair.getByTestId('wage-survey');
  const weld = survey.getByRole('row', { name: /WELD 电焊工/ });
  await expect(weld).toContainText('12300');
  await expect(weld).toContainText('8600');
  await expect(weld).toContainText('5000');
  await expect(weld).toContainText('1302');
  // The minimums: last year's agreed, the union's and the employers' side by side.
  const minimums = chair.getByTestId('trade-minimums');
  await expect(minimums).toContainText('法定月最低工资');
  const weldMin = minimums.getByRole('row', { name: /WELD 电焊工/ });
  await expect(weldMin.locator('td').nth(1)).toHaveText('4600');
  await expect(weldMin.locator('td').nth(2)).toHaveText('5000');
  await expect(weldMin.locator('td').nth(3)).toHaveText('4700');
  await expect(weldMin.locator('td').nth(4)).toHaveText('—');
  // The grids per trade and side, by grade.
  await expect(chair.getByTestId('skill-grids')).toContainText('1 级');
  await expect(
    chair.getByTestId('skill-grids').getByRole('row', { name: /WELD/ }).first(),
  ).toContainText('职工方');
  // Each clause with its status.
  await expect(clauseStatus(chair, 'workInjuryInsurance')).toHaveAttribute('data-status', 'agreed');
  await expect(clauseStatus(chair, 'term')).toHaveAttribute('data-status', 'agreed');
  await expect(clauseStatus(chair, 'seniorityPay')).toHaveAttribute('data-status', 'countered');
  await expect(clauseStatus(chair, 'seniorityPay')).toHaveText('已还价');
  await expect(clauseStatus(chair, 'paymentDay')).toHaveAttribute('data-status', 'countered');
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  // The employers' chief sees the same package.
  await openPackage(chief);
  await expect(clauseStatus(chief, 'workInjuryInsurance')).toHaveText('已同意');
});

test('item by item to every clause settled, then the draft', async () => {
  const { chair, chief, recorder } = pages;
  await openRound(chair);
  // The chair counters item by item through the generated form: lists of rows, one of them (the
  // skill grid) holding a list of its own.
  await send(chair, 'package.tabled', async (f) => {
    await f.getByRole('button', { name: /添加一行工种最低工资$/ }).click();
    const minimum = f.getByRole('group', { name: '工种最低工资 1' });
    await minimum.getByLabel('工种 1').fill('WELD');
    await minimum.getByLabel('月最低工资（元） 1').fill('4850');
    await f.getByRole('button', { name: /添加一行能级工资$/ }).click();
    const grid = f.getByRole('group', { name: '能级工资 1' });
    await grid.getByLabel('工种 1').fill('WELD');
    for (const [i, allowance] of ['160', '420', '780', '1250'].entries()) {
      await grid.getByRole('button', { name: /添加一行能级$/ }).click();
      const grade = grid.getByRole('group', { name: `能级 ${i + 1}` });
      await grade.getByLabel(`等级 ${i + 1}`).fill(String(i + 1));
      await grade.getByLabel(`每月津贴（元） ${i + 1}`).fill(allowance);
    }
    await f.getByRole('button', { name: /添加一行非工资条款$/ }).click();
    const clause = f.getByRole('group', { name: '非工资条款 1' });
    await chooseOption(clause.getByLabel('条款 1'), '工龄工资');
    await clause.getByLabel('文本 1').fill('工龄工资：每满一年每月增加40元，最高480元');
    await clause.getByLabel('每满一年增加（元/月） 1').fill('40');
    await clause.getByLabel('上限（元/月） 1').fill('480');
    await f.getByLabel('说明').fill('逐项还价');
  });
  await openPackage(chair);
  const weldMin = chair.getByTestId('trade-minimums').getByRole('row', { name: /WELD 电焊工/ });
  await expect(weldMin.locator('td').nth(2)).toHaveText('4850');
  // The grid sent as nested rows: the union's WELD grid now tops out at 1250.
  await expect(
    chair.getByTestId('skill-grids').getByRole('row', { name: /WELD.*职工方/ }),
  ).toContainText('1250');

  // Through the forms: the chief agrees seniority pay, the chair the payment day, and withdraws the
  // employer's liability insurance the union proposed.
  await send(chief, 'clause.agreed', (f) => chooseOption(f.getByLabel('条款'), '工龄工资'));
  await send(chair, 'clause.agreed', (f) => chooseOption(f.getByLabel('条款'), '工资支付日'));
  await send(chair, 'clause.withdrawn', async (f) => {
    await chooseOption(f.getByLabel('条款'), '雇主责任险');
    await f.getByLabel('理由').fill('留待各船厂单独协商');
  });
  await openPackage(chair);
  await expect(clauseStatus(chair, 'seniorityPay')).toHaveText('已同意');
  await expect(clauseStatus(chair, 'paymentDay')).toHaveText('已同意');
  await expect(clauseStatus(chair, 'employerLiabilityInsurance')).toHaveText('已撤回');
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);

  await send(recorder, 'minutes.recorded', (f) =>
    f.getByLabel('会议纪要').fill('第二次协商：各条款议定，雇主责任险由工会撤回。'),
  );
  await send(chief, 'session.closed', (f) => f.getByLabel('结束日期').fill('2026-06-23'));
  await send(chair, 'minutes.signed', (f) => f.getByLabel('协商会议次数').fill('2'));
  await send(chief, 'minutes.signed', (f) => f.getByLabel('协商会议次数').fill('2'));
  await openRound(chair);
  await sendThroughApi(chair, 'package.draftAgreed', {
    text: '2026年度温岭市船舶修造行业工资集体协议（草案）(illustrative)',
    minimums: MINIMUMS,
    grids: GRIDS,
    headcount: HEADCOUNT,
  });
});

test('signature, and the agreement’s terms and pay impact', async () => {
  const { chair, chief, recorder } = pages;
  await send(chair, 'draft.signed');
  await send(chief, 'draft.signed');
  await send(chair, 'ratification.submitted', async (f) => {
    await f.getByLabel('审议机构').fill('温岭市船舶修造行业职工代表大会');
    await f.getByLabel('应到人数').fill('60');
    await f.getByLabel('会议日期').fill('2026-07-02');
  });
  await send(chair, 'ballot.closed', async (f) => {
    await f.getByLabel('出席人数').fill('52');
    await f.getByLabel('赞成票数').fill('47');
    await f.getByLabel('反对票数').fill('3');
    await f.getByLabel('弃权票数').fill('2');
    await f.getByLabel('结束日期').fill('2026-07-02');
  });
  await send(chief, 'agreement.prepared', (f) =>
    f.getByLabel('文本').fill('2026年度温岭市船舶修造行业工资集体协议 (illustrative)'),
  );
  await send(chief, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-07-08'));
  await send(chair, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-07-08'));
  await expect(chair.getByText('在当前阶段，您没有可以提交的事项')).toBeVisible();

  // The signed round's package: per trade the previous and agreed minimum and the grid, the settled
  // clauses, and the pay impact from the headcount.
  await openPackage(recorder);
  const agreement = recorder.getByTestId('package-agreement');
  const weld = agreement.getByRole('row', { name: /WELD 电焊工/ }).first();
  await expect(weld.locator('td').nth(1)).toHaveText('4600');
  await expect(weld.locator('td').nth(2)).toHaveText('4850');
  await expect(weld).toContainText('4 级 1200');
  await expect(agreement.getByTestId('pay-impact-monthly')).not.toBeEmpty();
  const weldMin = recorder.getByTestId('trade-minimums').getByRole('row', { name: /WELD 电焊工/ });
  await expect(weldMin.locator('td').nth(4)).toHaveText('4850');
  await expect(clauseStatus(recorder, 'employerLiabilityInsurance')).toHaveText('已撤回');
  expect(await seriousAccessibilityViolations(recorder)).toEqual([]);
});
