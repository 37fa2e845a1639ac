import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  PHONE,
  requireBrowser,
  seriousAccessibilityViolations,
  signIn,
} from './support.js';
import { chooseOption } from './antd-select.js';

requireBrowser();

// Several screens here read a few lists at once (accounts, parties, proposals); on a loaded 2-core CI
// machine the first paint of a tab took up to 10 s, the config's whole expect timeout.
const expect = baseExpect.configure({ timeout: 20_000 });
test.setTimeout(180_000);

// Administration, the rate survey on a phone, a chief's approvals and the auditor's view, each as
// its person does it, in a browser context of their own. Serial: each step builds on the one before
// (the account the administrator creates is the one the chief approves).
test.describe.configure({ mode: 'serial' });

// Picks an option of the Select labelled `label` (inside `scope`, a dialog or the page).
const pick = (scope: Page | Locator, label: string, text: string | RegExp) =>
  chooseOption(scope.getByLabel(label, { exact: true }), text);

const noSeriousViolations = async (page: Page) =>
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

test.describe('administration, survey and audit', () => {
  const suffix = Date.now().toString(36).slice(-5);
  const username = `sun.w${suffix}`;
  let activation = '';

  test('an administrator registers a person with an account, sees the one-time code once, and proposes a seat for them', async ({
    browser,
  }) => {
    const admin = await signIn(browser, 'admin');
    await admin.getByRole('link', { name: '系统管理' }).click();
    await admin.getByRole('tab', { name: '账号' }).click();
    await expect(admin.getByRole('cell', { name: 'chen.chair', exact: true })).toBeVisible();
    await noSeriousViolations(admin);

    await admin.getByRole('button', { name: '新建账号' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('孙敏');
    await pick(dialog, '所属组织', '新河镇羊毛衫行业工会');
    await dialog.getByLabel('职务').fill('挡车工');
    await dialog.getByRole('button', { name: '创建并生成验证码' }).click();
    const code = admin.getByTestId('one-time-code');
    await expect(code).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    activation = (await code.textContent())!;
    await admin.getByRole('button', { name: '我已记下并转交' }).click();
    await expect(admin.getByRole('cell', { name: username, exact: true })).toBeVisible();
    // The new account's row carries its id (the table's row key).
    await expect(admin.getByRole('row', { name: new RegExp(username) })).toHaveAttribute(
      'data-row-key',
      /^[0-9a-f-]{36}$/,
    );

    await admin.getByRole('tab', { name: '授权审批' }).click();
    // The account select searches as one types.
    await admin.locator('.ant-select', { has: admin.getByLabel('账号', { exact: true }) }).click();
    await admin.keyboard.type(username);
    await pick(admin, '账号', username);
    await pick(admin, '角色', '职工代表');
    await pick(admin, '所属组织', '新河镇羊毛衫行业工会');
    await admin.getByRole('button', { name: '提交申请' }).click();
    const mine = admin.getByTestId('proposals-proposedByMe');
    await expect(mine.getByRole('row', { name: new RegExp(username) })).toContainText('待审批');
    await noSeriousViolations(admin);
  });

  test('the registry pages on the server; a person registered there gets an account by a name search', async ({
    browser,
  }) => {
    const admin = await signIn(browser, 'admin');
    await admin.getByRole('link', { name: '系统管理' }).click();
    await admin.getByRole('tab', { name: '人员', exact: true }).click();
    // Twenty to a page, counted over all pages by the server.
    const total = admin.getByText(/^共 \d+ 人$/);
    await expect(total).toBeVisible();
    const count = Number((await total.textContent())!.match(/\d+/)![0]);
    expect(count).toBeGreaterThan(20);
    const firstRow = admin.getByRole('row').nth(1);
    const firstOnPage1 = await firstRow.textContent();
    await admin.getByRole('listitem', { name: '2', exact: true }).click();
    await expect(firstRow).not.toHaveText(firstOnPage1!);

    const fullName = `钱晓${suffix}`;
    await admin.getByRole('button', { name: '登记人员' }).click();
    const form = admin.getByRole('dialog', { name: '登记人员' });
    await form.getByLabel('姓名').fill(fullName);
    await form.getByLabel('职务').fill('质检员');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toBeHidden();
    await admin.getByRole('searchbox', { name: '按姓名查找' }).fill(fullName);
    await admin.getByRole('searchbox', { name: '按姓名查找' }).press('Enter');
    await expect(admin.getByRole('cell', { name: fullName, exact: true })).toBeVisible();
    await expect(admin.getByRole('row')).toHaveCount(2); // the heading and the one person

    await admin.getByRole('tab', { name: '账号' }).click();
    await admin.getByRole('button', { name: '新建账号' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('用户名').fill(`qian.x${suffix}`);
    await dialog.getByRole('radio', { name: '已登记的人员' }).check();
    // The person is not among the first twenty people: only the typed name finds them.
    const person = dialog.getByRole('combobox', { name: /已登记的人员/ });
    await person.click();
    await admin.keyboard.type(fullName);
    await chooseOption(person, `${fullName} · 质检员`);
    await dialog.getByRole('button', { name: '创建并生成验证码' }).click();
    await expect(admin.getByTestId('one-time-code')).toBeVisible();
    await admin.getByRole('button', { name: '我已记下并转交' }).click();
    await expect(admin.getByRole('cell', { name: `qian.x${suffix}`, exact: true })).toBeVisible();
    await noSeriousViolations(admin);
    await admin.context().close();
  });

  test('the new representative redeems the code on a phone; the union chair approves the seat from 待我审批, and the log’s chain holds', async ({
    browser,
  }) => {
    // The new representative redeems the activation code on a phone and chooses a password.
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto('/login');
    await phone.getByRole('tab', { name: '一次性验证码' }).click();
    const form = phone.locator('form[id="code-login"]');
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('一次性验证码').fill(activation.toLowerCase());
    await form.getByLabel('设置新密码（10 位以上）').fill('a-new-password-1');
    await form.getByRole('button', { name: '验证并登录' }).click();
    await expect(phone.getByTestId('who')).toHaveText(username);

    // The union's chair approves the seat from "待我审批".
    const chair = await signIn(browser, 'chen.chair');
    await chair.getByRole('link', { name: '待我审批' }).click();
    await expect(chair.getByRole('heading', { name: '待我审批', level: 1 })).toBeVisible();
    const row = chair
      .getByTestId('proposals-awaitingMe')
      .getByRole('row')
      // A chief may not list accounts: the proposal itself names whom the seat is for.
      .filter({ hasText: `孙敏（${username}）` });
    await expect(row).toBeVisible();
    await noSeriousViolations(chair);
    await row.getByRole('button', { name: '批准' }).click();
    await expect(chair.getByText('已批准').first()).toBeVisible();
    const admin = await signIn(browser, 'admin');
    await admin.goto('/admin/accounts');
    await expect(admin.getByRole('row', { name: new RegExp(username) })).toContainText('职工代表');

    // The log records it all, and its chain holds.
    await admin.getByRole('tab', { name: '管理日志' }).click();
    await expect(admin.getByRole('cell', { name: 'grant.approved' }).first()).toBeVisible();
    await admin.getByRole('button', { name: '核验日志链' }).click();
    await expect(admin.getByTestId('log-chain')).toContainText('日志链完整');
  });

  test('a representative redeems a reset code on a phone and answers a survey the chair opened; the chair sees who answered, closes it, and no figures show for too few answers', async ({
    browser,
  }) => {
    // The chair opens a survey of two processes.
    const chair = await signIn(browser, 'chen.chair');
    await chair.getByRole('link', { name: '工价征求' }).click();
    await chair.getByRole('button', { name: '发起工价征求' }).first().click();
    // A multiple select stays open: the second pick is in the same dropdown.
    await pick(chair, '选择要征求工价的工序', /^KN-01/);
    await pick(chair, '选择要征求工价的工序', /^KN-02/);
    await chair.keyboard.press('Escape');
    await chair.getByRole('button', { name: '发起', exact: true }).click();
    await expect(chair).toHaveURL(/\/surveys\/[0-9a-f-]{36}$/);
    const surveyUrl = new URL(chair.url()).pathname;

    // An administrator issues zhao.w3 a reset code; zhao.w3 redeems it on a phone.
    const admin = await signIn(browser, 'admin');
    await admin.goto('/admin/accounts');
    await admin.getByRole('button', { name: '为 zhao.w3 重置密码' }).click();
    await admin.getByRole('button', { name: /确\s*定|OK/ }).click();
    const code = (await admin.getByTestId('one-time-code').textContent())!;

    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(surveyUrl);
    await expect(phone).toHaveURL(/\/login$/);
    await phone.getByRole('tab', { name: '一次性验证码' }).click();
    const form = phone.locator('form[id="code-login"]');
    await form.getByLabel('用户名').fill('zhao.w3');
    await form.getByLabel('一次性验证码').fill(code);
    // The demo's password again, so the other specs' sign-ins still work.
    await form.getByLabel('设置新密码（10 位以上）').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: '验证并登录' }).click();
    await expect(phone.getByTestId('who')).toHaveText('zhao.w3');
    if (!phone.url().endsWith(surveyUrl)) await phone.goto(surveyUrl);

    await expect(phone.getByRole('heading', { name: '填写您的工价' })).toBeVisible();
    await phone.getByLabel(/^KN-01/).fill('1.3');
    await phone.getByLabel(/^KN-02/).fill('1.1234');
    await noSeriousViolations(phone);
    // Nothing wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await phone.getByRole('button', { name: '提交我的工价' }).click();
    await expect(phone.getByText('已提交，谢谢！')).toBeVisible();
    await expect(phone.getByText('共收到您的 2 个工价')).toBeVisible();

    // A second answer is refused in words.
    await phone.reload();
    await phone.getByLabel(/^KN-01/).fill('1.5');
    await phone.getByRole('button', { name: '提交我的工价' }).click();
    await expect(phone.locator('[data-code="SURVEY_ALREADY_ANSWERED"]')).toContainText(
      '您已经填写过这份工价征求',
    );

    // The chair sees how many answered, closes it; one answer is under k, so no figures.
    await chair.reload();
    const stats = chair.getByTestId('survey-statistics');
    await expect(stats).toContainText('职工方 1 人，企业方 0 人');
    await noSeriousViolations(chair);
    await stats.getByRole('button', { name: '截止征求' }).click();
    await chair.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(stats).toContainText('截止');
    await expect(stats.getByRole('cell', { name: '不足人数' }).first()).toBeVisible();
  });

  test('the auditor sees the signed agreement with its table and the server’s chain verification', async ({
    browser,
  }) => {
    const auditor = await signIn(browser, 'qian.auditor');
    await auditor.getByRole('link', { name: '审计' }).click();
    await expect(auditor.getByRole('heading', { name: '已签订的集体合同' })).toBeVisible();
    // The knitwear agreement (the demo signs one round of each industry; this one has a rate table).
    await auditor
      .getByRole('table')
      .getByRole('link', { name: /羊毛衫/ })
      .first()
      .click();
    const result = auditor.getByTestId('chain-result');
    // The server re-hashes every event and every stored offer and draft (1,600 lines here).
    await expect(result).toHaveAttribute('data-valid', 'true', { timeout: 60_000 });
    await expect(result).toContainText('记录链完整');
    await expect(auditor.getByTestId('ballot')).toContainText('通过');
    await expect(auditor.getByRole('heading', { name: '协议工价表' })).toBeVisible();
    await expect(
      auditor.locator('[data-testid="AgreementTab"] .ant-table-row').first(),
    ).toBeVisible();
    await noSeriousViolations(auditor);
  });

  test('a representative sees no administration, and a forced /admin says in words it is not theirs', async ({
    browser,
  }) => {
    const rep = await signIn(browser, 'wang.w1');
    await expect(rep.getByRole('link', { name: '系统管理' })).toHaveCount(0);
    await expect(rep.getByRole('link', { name: '待我审批' })).toHaveCount(0);
    await rep.goto('/admin/accounts');
    await expect(rep.getByRole('heading', { name: '您没有查看此页面的权限' })).toBeVisible();
    await rep.goto('/audit');
    await expect(rep.getByRole('heading', { name: '您没有查看此页面的权限' })).toBeVisible();
    await noSeriousViolations(rep);
  });
});
