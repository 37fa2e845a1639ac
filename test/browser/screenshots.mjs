/* global fetch, setTimeout */
// Screenshots of each main screen of the console, in Chinese, into docs/screenshots/<screen>.png
// (`npm run screenshots`, after `npm run build`). It starts the built server with the demo data on a
// fresh database, as the browser tier does (serve-for-browser-tests.ts), or uses a running one given
// as SCREENSHOT_BASE_URL. Each person signs in through the sign-in page. A screen that fails (a tab
// still a placeholder, a button not there yet) is reported and skipped; the others are still taken.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';

const OUT = 'docs/screenshots';
const PASSWORD = 'demo-password';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 667 };
const port = Number(process.env.SCREENSHOT_PORT ?? 3298);
let base = process.env.SCREENSHOT_BASE_URL;
let server;

if (!base) {
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'test/browser/serve-for-browser-tests.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BROWSER_TEST_PORT: String(port) },
  });
  await waitFor(`${base}/api/health`, 60_000);
}

async function waitFor(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

async function apiAs(username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { accessToken } = await res.json();
  return async (path, init = {}) => {
    const r = await fetch(`${base}/api${path}`, {
      ...init,
      headers: { authorization: `Bearer ${accessToken}`, ...(init.headers ?? {}) },
    });
    return r.json();
  };
}

// The demo's rounds and survey, found as a client would.
const chair = await apiAs('chen.chair');
const rounds = (await chair('/negotiations?limit=50')).items;
const live = rounds.find((r) => r.outcome === 'open' && r.industryCode === 'wool-knitwear');
const signed = rounds.find((r) => r.outcome === 'agreed' && r.industryCode === 'wool-knitwear');
const survey = (await chair(`/negotiations/${live.id}/surveys`)).items[0];
// The shoes and shipbuilding rounds (issue 12), as their union chairs see them.
const roundOf = async (username, industryCode, outcome) =>
  (await (await apiAs(username))('/negotiations?limit=50')).items.find(
    (r) => r.industryCode === industryCode && r.outcome === outcome,
  );
const shoesLive = await roundOf('zhu.shoes', 'shoes', 'open');
const shipLive = await roundOf('xie.chair', 'shipbuilding', 'open');
const shipSigned = await roundOf('xie.chair', 'shipbuilding', 'agreed');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
});
mkdirSync(OUT, { recursive: true });
const taken = [];
const failed = [];

async function open(username, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    ...(viewport === PHONE ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  if (username) {
    await page.getByLabel('用户名', { exact: true }).first().fill(username);
    await page.getByLabel('密码', { exact: true }).first().fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('who').waitFor();
  }
  return page;
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  // antd's entrance animations and lazy chunks
  await page.waitForTimeout(600);
}

async function shot(name, username, go, options) {
  let page;
  try {
    page = await open(username, options);
    await go(page);
    await settle(page);
    await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: options?.fullPage ?? false });
    taken.push(name);
  } catch (e) {
    failed.push(`${name}: ${String(e.message ?? e).split('\n')[0]}`);
  } finally {
    await page?.context().close();
  }
}

const tab = (name) => async (page) => {
  await page.goto(`${base}/rounds/${live.id}`);
  await page.getByRole('tab', { name }).click();
};

await shot('login', null, async () => {});
await shot('my-work', 'chen.chair', async () => {});
await shot('rounds', 'chen.chair', async (p) => p.goto(`${base}/rounds`));
await shot('round-overview', 'chen.chair', async (p) => p.goto(`${base}/rounds/${live.id}`));
await shot('offers', 'chen.chair', tab('报价对照'));
await shot('convergence', 'chen.chair', tab('差距收敛'));
await shot('caucus', 'chen.chair', tab('内部会议'));
await shot('agreement', 'chen.chair', async (p) => {
  await p.goto(`${base}/rounds/${signed.id}`);
  await p.getByRole('tab', { name: '协议' }).click();
  await p.locator('[data-testid="AgreementTab"] .ant-table-row').first().waitFor();
});
await shot(
  'survey-phone',
  'wang.w1',
  async (p) => {
    await p.goto(`${base}/surveys/${survey.id}`);
    await p.getByText('工价征求').first().waitFor();
  },
  { viewport: PHONE, fullPage: true },
);
await shot('administration', 'admin', async (p) => {
  await p.goto(`${base}/admin/accounts`);
  await p.getByRole('table').first().waitFor();
});
await shot('approvals', 'lin.chief', async (p) => p.goto(`${base}/admin/approvals`));
await shot('audit', 'qian.auditor', async (p) => {
  await p.goto(`${base}/audit/${signed.id}`);
  await p.getByTestId('chain-result').waitFor();
  await p.locator('[data-testid="AgreementTab"] .ant-table-row').first().waitFor();
});
await shot(
  'shoes-overview',
  'zhu.shoes',
  async (p) => {
    await p.goto(`${base}/rounds/${shoesLive.id}`);
    await p.getByTestId('hearing').waitFor();
  },
  { fullPage: true },
);
await shot(
  'shoes-enterprise-survey',
  'zhu.shoes',
  async (p) => {
    await p.goto(`${base}/rounds/${shoesLive.id}`);
    await p.getByRole('tab', { name: '企业调查' }).click();
    await p.getByTestId('enterprise-statistics').first().waitFor();
  },
  { fullPage: true },
);
await shot(
  'shipbuilding-package',
  'xie.chair',
  async (p) => {
    await p.goto(`${base}/rounds/${shipLive.id}`);
    await p.getByRole('tab', { name: '方案对照' }).click();
    await p.getByTestId('clauses').waitFor();
  },
  { fullPage: true },
);
await shot(
  'shipbuilding-agreement',
  'xie.chair',
  async (p) => {
    await p.goto(`${base}/rounds/${shipSigned.id}`);
    await p.getByRole('tab', { name: '方案对照' }).click();
    await p.getByTestId('package-agreement').waitFor();
  },
  { fullPage: true },
);
// Last, because it changes the demo: the chair closes the survey and its figures appear.
await shot('survey-statistics', 'chen.chair', async (p) => {
  await p.goto(`${base}/surveys/${survey.id}`);
  if (survey.status === 'open') {
    await p.getByRole('button', { name: '截止征求' }).click();
    await p.getByRole('button', { name: /确\s*定|OK/ }).click();
  }
  await p.getByRole('columnheader', { name: '中位数' }).first().waitFor();
});

await browser.close();
if (server) {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
}
console.log(`screenshots in ${OUT}: ${taken.join(', ')}`);
if (failed.length)
  console.warn(`not taken (the screen is not there yet?):\n  ${failed.join('\n  ')}`);
