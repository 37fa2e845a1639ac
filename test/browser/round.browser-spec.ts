import {
  expect as baseExpect,
  test,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import * as screen from './round-screen.js';
import { PHONE, requireBrowser, seriousAccessibilityViolations, signIn } from './support.js';

requireBrowser();

// Seven browser contexts on a two-core machine: a page's first load can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

// The demo's 2026 Xinhe knitwear round, played on from its second joint session to signature by the
// people at the table, each in a browser context of their own, only through the console's screens:
// the chair, the association's chief, the recorder, three worker representatives on phones, and the
// auditor who reads the signed round. Each person's screen offers exactly what the API would take
// from them, and what is forced anyway is refused in words.

// Long steps by nature (a dozen changes, each through a form); generous for a loaded CI machine.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

let roundUrl = '';
const pages: Record<string, Page> = {};

const openRound = (page: Page) => screen.openRound(page, roundUrl);
const send = (page: Page, type: string, fill?: (form: Locator) => Promise<void>) =>
  screen.send(page, roundUrl, type, fill);
const openForm = screen.openForm;
const submit = screen.submit;

// What the round page offers this person: the events on its buttons.
async function offered(page: Page): Promise<string[]> {
  await expect(page.getByTestId('may-send')).toBeAttached();
  const events = await page
    .getByTestId('may-send')
    .locator('[data-event]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-event') ?? ''));
  return events.sort();
}

// The same person's youMaySend, asked of the API with their own token from the tab's session.
async function apiSays(page: Page): Promise<{ youMaySend: string[]; revision: number }> {
  const { youMaySend, revision } = await screen.apiRound(page, roundUrl);
  return { youMaySend: [...youMaySend].sort(), revision };
}

async function signInAll(browser: Browser) {
  // One after the other: six sign-ins at once starve a two-core machine.
  pages.chair = await signIn(browser, 'chen.chair');
  pages.chief = await signIn(browser, 'lin.chief');
  pages.recorder = await signIn(browser, 'ye.recorder');
  pages.w1 = await signIn(browser, 'wang.w1', { viewport: PHONE });
  pages.w2 = await signIn(browser, 'li.w2', { viewport: PHONE });
  pages.w3 = await signIn(browser, 'zhao.w3', { viewport: PHONE });
}

test.afterAll(async () => {
  await Promise.all(Object.values(pages).map((p) => p.context().close()));
});

test('each person sees the round, and is offered exactly what the API would take from them', async ({
  browser,
}) => {
  await signInAll(browser);
  const { chair, chief, recorder, w1, w2, w3 } = pages;
  await chair.goto('/rounds?year=2026&outcome=open');
  const link = chair.getByRole('table').getByRole('link').first();
  await expect(chair.getByRole('table')).toContainText('协商会议进行中');
  await link.click();
  await expect(chair).toHaveURL(/\/rounds\/[0-9a-f-]{36}$/);
  roundUrl = new URL(chair.url()).pathname;
  for (const page of [chief, recorder, w1, w2, w3]) await openRound(page);
  await openRound(chair);

  // The state in words, both delegations, the deadlines with their kind in Chinese, the history in
  // the procedure's words with who did it and the business date.
  await expect(chair.getByRole('tab', { name: '概况' })).toHaveAttribute('aria-selected', 'true');
  await expect(chair.getByTestId('delegation-worker')).toContainText('首席代表');
  await expect(chair.getByTestId('delegation-employer')).toContainText('首席代表');
  await expect(chair.getByText('书面答复协商要约').first()).toBeVisible();
  // The session the demo opened (an offer the offers spec uploads into it may sit above it).
  const latest = chair
    .getByTestId('timeline')
    .locator('[data-seq][data-type="session.opened"]')
    .first();
  await expect(latest).toContainText('召开面对面协商会议');
  await expect(latest).toContainText('企业方 · 首席代表');
  await expect(latest).toContainText('召开日期 2026-08-10');

  // Buttons on screen = what the API says each may send now.
  for (const page of [chair, chief, recorder, w1, w2, w3])
    expect(await offered(page)).toEqual((await apiSays(page)).youMaySend);
  expect(await offered(chair)).toContain('round.abandoned');
  expect(await offered(chief)).not.toContain('round.abandoned'); // the chair's alone
  expect(await offered(recorder)).toEqual(['minutes.amended', 'minutes.recorded']);
  for (const rep of [w1, w2, w3]) {
    expect(await offered(rep)).toEqual([]);
    await expect(rep.getByText('在当前阶段，您没有可以提交的事项')).toBeVisible();
  }
  expect(await seriousAccessibilityViolations(chair)).toEqual([]);
  expect(await seriousAccessibilityViolations(w1)).toEqual([]);
});

test('what is forced anyway is refused in words; caucus notes stay with their side', async () => {
  const { chair, recorder, w1 } = pages;
  // A representative whose screen is made to offer the chair's "close the session" anyway: the API
  // refuses, and the refusal is on the screen in words.
  await w1.route(/\/api\/negotiations\/[0-9a-f-]{36}$/, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    await route.fulfill({ response: res, json: { ...body, youMaySend: ['session.closed'] } });
  });
  await openRound(w1);
  const forced = await openForm(w1, 'session.closed');
  await forced.getByLabel('结束日期').fill('2026-08-12');
  await submit(forced).click();
  await expect(forced.getByRole('alert')).toContainText('您的角色不能提交此事项');
  await expect(forced.getByRole('alert')).toHaveAttribute('data-code', 'EVENT_FORBIDDEN');
  await w1.unroute(/\/api\/negotiations\/[0-9a-f-]{36}$/);
  await forced.getByRole('button', { name: '取消' }).click();

  // Caucus notes: one's own side's only; while the session sits, the round takes none, and the
  // screen offers no form for one.
  await openRound(chair);
  await chair.getByRole('tab', { name: '内部会议' }).click();
  await expect(chair.getByText('这里只显示职工方的内部会议记录')).toBeVisible();
  await expect(chair.getByTestId('caucus-not-now')).toBeVisible();
  await expect(chair.getByRole('button', { name: '保存记录' })).toHaveCount(0);
  // The recorder is on neither side: the screen does not offer the notes, and the API refuses them.
  await openRound(recorder);
  await recorder.getByRole('tab', { name: '内部会议' }).click();
  await expect(recorder.getByText('您不是任何一方的代表')).toBeVisible();
  const forcedRead = await recorder.evaluate(async (url) => {
    const token = JSON.parse(sessionStorage.getItem('console.session') ?? '{}').accessToken;
    const res = await fetch(`/api/negotiations/${url.split('/').pop()}/caucuses`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return [res.status, (await res.json()).code];
  }, roundUrl);
  expect(forcedRead).toEqual([403, 'CAUCUS_CONFIDENTIAL']);
});

test('the second session: offers in rows, violations on their fields, minutes, a stale form reloaded', async () => {
  const { chair, chief, recorder } = pages;
  // The chief's counteroffer, two lines typed in rows, one removed again; a malformed rate is refused
  // and the refusal lands on that row's rate.
  await openRound(chief);
  const offer = await openForm(chief, 'offer.tabled');
  await offer.getByLabel('品种 1', { exact: true }).fill('V-SJ');
  await offer.getByLabel('工序代码 1', { exact: true }).fill('KN-01');
  await offer.getByLabel('工价（元） 1', { exact: true }).fill('1.3O');
  await offer.getByRole('button', { name: '添加一行工价行' }).click();
  await offer.getByLabel('工序代码 2', { exact: true }).fill('KN-02');
  await offer.getByRole('button', { name: '删除工价行第 2 行' }).click();
  await expect(offer.getByLabel('工序代码 2', { exact: true })).toHaveCount(0);
  await offer.getByLabel('说明').fill('企业方第二次还价');
  await submit(offer).click();
  await expect(offer.getByRole('alert').first()).toContainText('填写的内容有误');
  await expect(offer.getByRole('alert').first()).toHaveAttribute('data-code', 'VALIDATION_FAILED');
  // The API names the list (payload.items) and says which line: the words sit under the rows.
  await expect(offer.getByTestId('list-items')).toContainText('[0].rate must be a decimal string');
  await offer.getByLabel('工价（元） 1', { exact: true }).fill('1.3000');
  await submit(offer).click();
  await expect(offer).toBeHidden();
  await expect(chief.getByTestId('timeline').locator('[data-seq]').first()).toHaveAttribute(
    'data-type',
    'offer.tabled',
  );

  await send(recorder, 'minutes.recorded', (f) =>
    f.getByLabel('会议纪要').fill('第二次协商：双方就平均约4%的涨幅达成一致。'),
  );

  // The chair opens "close the session" while the chief closes it first: the chair's form, sent on
  // the revision it read, is answered 409; the page reloads and says so.
  await openRound(chair);
  const late = await openForm(chair, 'session.closed');
  await late.getByLabel('结束日期').fill('2026-08-12');

  // The chief first forgets the date wool-knitwear v2 asks for: the rule's refusal sits on the field.
  await openRound(chief);
  const close = await openForm(chief, 'session.closed');
  await submit(close).click();
  await expect(close.getByRole('alert').first()).toHaveAttribute('data-code', 'RULE_VIOLATED');
  await expect(close.locator('.ant-form-item-has-error')).toContainText('结束日期');
  await close.getByRole('button', { name: '取消' }).click();
  await expect(close).toBeHidden();
  await send(chief, 'session.closed', (f) => f.getByLabel('结束日期').fill('2026-08-12'));

  await submit(late).click();
  await expect(chair.getByTestId('stale')).toContainText('有人刚刚修改了这轮协商');
  await expect(late).toBeHidden(); // the round no longer takes it
  await expect(chair.locator('[data-event="minutes.signed"]')).toBeVisible();

  // Between sessions the chair records a caucus; the workers' representatives read it, the
  // employers never do.
  await chair.getByRole('tab', { name: '内部会议' }).click();
  await chair.getByLabel('会议日期').fill('2026-08-12');
  await chair.getByLabel('记录内容').fill('背靠背：底线为平均上调4%。');
  await chair.getByRole('button', { name: '保存记录' }).click();
  await expect(chair.getByTestId('caucus-notes')).toContainText('底线为平均上调4%');
  const w3 = pages.w3;
  await openRound(w3);
  await w3.getByRole('tab', { name: '内部会议' }).click();
  await expect(w3.getByTestId('caucus-notes')).toContainText('底线为平均上调4%');
  await openRound(chief);
  await chief.getByRole('tab', { name: '内部会议' }).click();
  await expect(chief.getByText('这里只显示企业方的内部会议记录')).toBeVisible();
  await expect(chief.getByRole('button', { name: '保存记录' })).toBeVisible();
  await expect(chief.getByTestId('caucus-notes')).not.toContainText('底线');
});

test('through the draft, ratification and signature, then the auditor reads the signed round', async ({
  browser,
}) => {
  const { chair, chief, w2 } = pages;
  await send(chair, 'minutes.signed', (f) => f.getByLabel('协商会议次数').fill('2'));
  await send(chief, 'minutes.signed', (f) => f.getByLabel('协商会议次数').fill('2'));
  // The draft covers the whole pinned table: one line changes, the others keep last year's rate,
  // pasted as one list.
  const keep = [
    ...['CREW-SJ', 'V-DJ', 'CREW-DJ', 'CARDIGAN', 'TURTLE', 'VEST', 'DRESS', 'KIDS'].map(
      (t) => `${t}:KN-01`,
    ),
    ...Array.from({ length: 44 }, (_, i) => `KN-${String(i + 2).padStart(2, '0')}`),
  ];
  await send(chair, 'draft.agreed', async (f) => {
    await f.getByLabel('文本').fill('2026年度新河镇羊毛衫行业工资集体协议（草案）');
    await f.getByLabel('品种 1', { exact: true }).fill('V-SJ');
    await f.getByLabel('工序代码 1', { exact: true }).fill('KN-01');
    await f.getByLabel('工价（元） 1', { exact: true }).fill('1.3300');
    await f.getByLabel('维持上年工价的行').fill(`${keep.join(',')},`);
    await expect(f.locator('.ant-select-selection-item')).toHaveCount(keep.length);
  });
  await send(chair, 'draft.signed', async (f) => {
    await expect(f.getByText('此事项无需填写内容')).toBeVisible();
  });
  await send(chief, 'draft.signed');
  await send(chair, 'ratification.submitted', async (f) => {
    await f.getByLabel('审议机构').fill('新河镇羊毛衫行业职工代表大会');
    await f.getByLabel('应到人数').fill('99');
    await f.getByLabel('会议日期').fill('2026-08-20');
  });
  await send(chair, 'ballot.closed', async (f) => {
    await f.getByLabel('出席人数').fill('90');
    await f.getByLabel('赞成票数').fill('81');
    await f.getByLabel('反对票数').fill('5');
    await f.getByLabel('弃权票数').fill('4');
    await f.getByLabel('结束日期').fill('2026-08-20');
  });
  await send(chief, 'agreement.prepared', (f) =>
    f.getByLabel('文本').fill('2026年度新河镇羊毛衫行业工资集体协议'),
  );
  await send(chief, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-08-25'));
  await send(chair, 'agreement.signed', (f) => f.getByLabel('签字日期').fill('2026-08-25'));
  await expect(chair.getByText('在当前阶段，您没有可以提交的事项')).toBeVisible();

  // A representative on a phone sees it signed.
  await openRound(w2);
  await expect(w2.getByTestId('timeline').locator('[data-seq]').first()).toHaveAttribute(
    'data-type',
    'agreement.signed',
  );

  // The auditor reads the signed round: its state, its history, and offers no change.
  const auditor = await signIn(browser, 'qian.auditor');
  pages.auditor = auditor;
  await auditor.goto(roundUrl); // signed rounds are the auditor's to read
  await openRound(auditor);
  await expect(auditor.getByTestId('timeline').locator('[data-seq]').first()).toContainText(
    '首席代表签订协议',
  );
  expect(await offered(auditor)).toEqual([]);
  expect(await seriousAccessibilityViolations(auditor)).toEqual([]);
});
