// Step 8: formatted references. Pick the IEEE style in the Settings editor,
// then insert a formatted reference into a Markdown draft from the palette.
'use strict';

const assert = require('assert');
const h = require('./helpers');

const settingRow = (page) => page.locator('.settings-editor [data-key="litnotes.citationStyle"]').first();
const settingInput = (page) => settingRow(page).locator('input').first();

/** Opens the Settings editor and types `litnotes.citationStyle` in its search box, as a person would. */
async function showStyleSetting(page) {
  await h.runCommand(page, 'Preferences: Open Settings (UI)');
  const search = page.locator('.settings-editor .settings-header .suggest-input-container').first();
  await search.waitFor({ timeout: h.WAIT });
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('litnotes.citationStyle');
  await settingInput(page).waitFor({ timeout: h.WAIT });
}

/** Replaces the setting's text with `value`; the Settings editor saves it as it is typed. */
async function typeStyle(page, value) {
  const input = settingInput(page);
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value, { delay: 30 });
  await page.keyboard.press('Tab');
  await h.waitUntil(() => input.inputValue(), (v) => v === value, `the setting showing "${value}"`);
  // Saved once the row shows it as modified (the default, apa, shows as not modified).
  await h.waitUntil(() => settingRow(page).getAttribute('class'), (c) => / is-configured\b/.test(` ${c}`) === (value !== 'apa'), `"${value}" saved`);
}

module.exports = [
  {
    name: '8. choosing "ieee" in Settings, then Insert Formatted Reference writes an IEEE reference into drafts/draft.md',
    async run(page) {
      await showStyleSetting(page);
      await typeStyle(page, 'ieee');
      await h.shot(page, 'style-setting');
      await page.keyboard.press('Control+W'); // closes the Settings editor

      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await h.runCommand(page, 'LitNotes: Insert Formatted Reference');
      // The paper search opens once the command runs; typed before that, the first letters would go to the palette.
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'LitNotes: Insert Formatted Reference' }).waitFor({ timeout: h.WAIT });
      await page.keyboard.type('sparsegpt', { delay: 40 });
      await h.waitForTopResult(page, 'SparseGPT', 'sparsegpt');
      await page.keyboard.press('Enter');
      // The reference as IEEE writes it: number, initials first, title in quotes.
      // Long lines wrap on screen: compared with the wrapping undone.
      const text = await h.waitUntil(async () => (await h.editorText(page)).replace(/\s*\n\s*/g, ' '), (t) => /\[1\] E\. Frantar and D\. Alistarh, “SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot\.” arXiv, 2023\./.test(t),
        'the IEEE reference in the draft');
      assert.ok(!/<\/?[a-z]+>/i.test(text), 'no HTML in the Markdown draft');
      await h.shot(page, 'formatted-reference');
      await h.runCommand(page, 'File: Revert File');

      // Back to the default, so later runs start from APA.
      await showStyleSetting(page);
      await typeStyle(page, 'apa');
      await page.keyboard.press('Control+W');
    },
  },
];
