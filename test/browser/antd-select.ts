import { expect, type Locator } from '@playwright/test';

// Ant Design Selects, as a person uses them: a click on the select, then on an option in *that
// select's* dropdown. Every Select portals its dropdown to <body>, and a dropdown that is closing stays
// visible for its animation, so "the visible dropdown" can be another select's: the right one is the
// popup holding the listbox the select's combobox controls. `combobox` is the select's input
// (getByLabel finds it by the select's aria-label).

const SELECT_AROUND =
  'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]';

async function openDropdown(combobox: Locator): Promise<Locator> {
  const page = combobox.page();
  // A click on an open select closes it: open it only if it is not open already. The click goes to
  // the select around the input (a select without search keeps its input out of sight).
  if ((await combobox.getAttribute('aria-expanded')) !== 'true')
    await combobox.locator(SELECT_AROUND).click();
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  const listbox = await combobox.getAttribute('aria-controls');
  if (!listbox) throw new Error('the select opened no listbox');
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listbox}"]`) });
  // The dropdown slides in; a click aimed at an option while it moves can land beside it, and the
  // select stays open with nothing picked (CI, admin spec, 2026-12-02). Wait until it stands still.
  await expect(dropdown).toBeVisible();
  await expect(dropdown).not.toHaveClass(/-(appear|enter)(\s|$)/);
  return dropdown;
}

export async function chooseOption(combobox: Locator, option: string | RegExp): Promise<void> {
  const dropdown = await openDropdown(combobox);
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  // A single select closes on the pick; its dropdown, while it fades, still covers what lies under
  // it (a dialog's submit button, say), so the next step waits until it is gone. A multiple select
  // stays open for the next pick.
  const multiple = await combobox
    .locator(SELECT_AROUND)
    .evaluate((e) => e.classList.contains('ant-select-multiple'));
  if (!multiple) {
    await expect(combobox).toHaveAttribute('aria-expanded', 'false');
    await expect(dropdown).toBeHidden();
  }
}

// The texts of the options a select shows (its dropdown is left closed again).
export async function optionTexts(combobox: Locator): Promise<string[]> {
  const dropdown = await openDropdown(combobox);
  const texts = await dropdown.locator('.ant-select-item-option').allTextContents();
  await combobox.press('Escape');
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  return texts;
}
