// Step 5: the main path by keyboard alone.
'use strict';

const assert = require('assert');
const h = require('./helpers');

/** The aria label of the focused row of the focused list. */
const focusedRow = (page) => page.evaluate(() => {
  const row = document.activeElement && document.activeElement.querySelector('.monaco-list-row.focused');
  return row ? row.getAttribute('aria-label') : null;
});

module.exports = [
  {
    name: '5. keyboard only: focus the view, arrow to a paper, Enter shows its abstract; Ctrl+Alt+L searches and Enter cites',
    async run(page) {
      await h.runCommand(page, 'LitNotes: Focus on Papers View');
      await h.waitUntil(() => page.evaluate(() => document.activeElement.getAttribute('aria-label')), (l) => l === 'Papers', 'the Papers tree to have focus');

      // Collapse everything left open by earlier steps, then walk down to the first paper of the first topic.
      await page.keyboard.press('Home');
      const first = await h.waitUntil(() => focusedRow(page), (l) => !!l, 'a focused row');
      const isOpen = async () => (await page.locator(`${h.SIDEBAR} .monaco-list-row.focused`).getAttribute('aria-expanded')) === 'true';
      if (!(await isOpen())) await page.keyboard.press('ArrowRight');
      await h.waitUntil(isOpen, Boolean, `"${first}" to expand`);
      await page.keyboard.press('ArrowDown');
      const paper = await h.waitUntil(() => focusedRow(page), (l) => l && l !== first, 'the first paper to have focus');
      const level = await page.locator(`${h.SIDEBAR} .monaco-list-row.focused`).getAttribute('aria-level');
      assert.strictEqual(level, '2', `a paper row has focus: ${paper}`);
      await page.keyboard.press('Enter');
      const previewTab = page.locator('.tabs-container .tab.active[aria-label^="Preview "][aria-label$=".md"]');
      await previewTab.waitFor();
      await h.shot(page, 'step5-abstract');
      await h.leaveBrokenWebview(page);

      // Ctrl+Alt+L from an editor: type, Enter cites at the cursor.
      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Control+Alt+L');
      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
      await page.keyboard.type('flashattention');
      await h.waitForTopResult(page, 'FlashAttention: Fast and Memory-Efficient', 'flashattention');
      await page.keyboard.press('Enter');
      await h.quickInput(page).waitFor({ state: 'hidden' });
      const text = await h.waitUntil(() => h.editorText(page), (t) => t.includes('[@dao2022flashattention]'), 'the FlashAttention citation in draft.md');
      assert.match(text.split('\n').pop(), /\[@frantar2023sparsegpt\]\s*\[@dao2022flashattention\]$/, 'inserted at the cursor, after the earlier citation');
      await h.shot(page, 'step5-citation');
    },
  },
];
