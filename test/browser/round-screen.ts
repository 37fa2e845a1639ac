import { expect as baseExpect, type Locator, type Page } from '@playwright/test';

// The steps every round spec takes on the round page, the same for each industry: look at the
// round as it is now, open an event's form, send it.

// Several browser contexts on a two-core machine: a page's first load can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

// The round as the API shows it to this person, asked with their own token from the tab's session.
export async function apiRound(
  page: Page,
  roundUrl: string,
): Promise<{ revision: number; youMaySend: string[] }> {
  return page.evaluate(async (id) => {
    const token = JSON.parse(sessionStorage.getItem('console.session') ?? '{}').accessToken;
    const res = await fetch(`/api/negotiations/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return res.json();
  }, roundUrl.split('/').pop());
}

// The person looks at the round as it is now: the page opened once, then its reload button (a page
// load per step would cost a two-core machine more than the whole round). From "my work" they come
// through the console's own link.
export async function openRound(page: Page, roundUrl: string) {
  const at = new URL(page.url()).pathname;
  if (at === '/') {
    const link = page.locator(`a[href="${roundUrl}"]`).first();
    await expect(link).toBeVisible();
    await link.click();
  } else if (at !== roundUrl) await page.goto(roundUrl);
  else await page.getByRole('button', { name: '刷新' }).click();
  await expect(page.getByText('当前阶段').first()).toBeVisible();
  await page.getByRole('tab', { name: '概况' }).click();
  const { revision } = await apiRound(page, roundUrl);
  await expect(page.getByTestId('revision')).toHaveText(String(revision));
  await expect(page.getByTestId('timeline').locator('[data-seq]').first()).toBeVisible();
}

// The dialog a button opened. The tests run with reduced motion (playwright.config.ts), so it does
// not zoom in: a click aimed at 提交 while it moved once landed beside it (CI, shoes spec,
// 2026-12-02).
export async function settledDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

// The form of one event the round page offers, opened from its button.
export async function openForm(page: Page, type: string): Promise<Locator> {
  await page.locator(`[data-event="${type}"]`).click();
  return settledDialog(page);
}

// Not an exact name: while a request is in flight, and for the icon's leave animation after it, the
// button's name is "loading 提交" (antd's spinner has an aria-label), and on a loaded machine that
// animation can outlast a test's next step.
export const submit = (dialog: Locator) =>
  dialog.locator('.ant-modal-footer').getByRole('button', { name: '提交' });

// One change through the screen: reload, open the event's form, fill it, send, and see it at the
// top of the history.
export async function send(
  page: Page,
  roundUrl: string,
  type: string,
  fill: (form: Locator) => Promise<void> = async () => {},
) {
  await openRound(page, roundUrl);
  const dialog = await openForm(page, type);
  await fill(dialog);
  await submit(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('timeline').locator('[data-seq]').first()).toHaveAttribute(
    'data-type',
    type,
  );
}
