// Step 7: cite while you write. Type a citation in a Markdown draft, accept
// the suggestion, then hover the key and read the paper card.
'use strict';

const assert = require('assert');
const h = require('./helpers');

const suggestRows = (page) => page.locator('.editor-widget.suggest-widget .monaco-list-row');

module.exports = [
  {
    name: '7. typing [@slice in drafts/draft.md suggests SliceGPT; accepting writes the key; hovering it shows the card',
    async run(page) {
      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Slicing rows works too [@', { delay: 40 });
      // `@` opens the suggestions; if the editor let that keystroke pass (the library still loading), ask as a person would.
      const opened = await suggestRows(page).first().waitFor({ timeout: 5000 }).then(() => true, () => false);
      if (!opened) await page.keyboard.press('Control+Space');
      await suggestRows(page).first().waitFor({ timeout: h.WAIT });
      await page.keyboard.type('slice', { delay: 80 });
      const labels = await h.waitUntil(
        () => suggestRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') || '')),
        (rows) => rows.length > 0 && rows[0].includes('ashkboos2024slicegpt'),
        'ashkboos2024slicegpt as the first suggestion');
      assert.ok(labels[0].includes('ashkboos2024slicegpt'));
      await h.shot(page, 'cite-completion');
      await page.keyboard.press('Enter');
      let text = await h.waitUntil(() => h.editorText(page), (t) => t.includes('[@ashkboos2024slicegpt'), 'the accepted key in the draft');
      // Without bracket auto-closing the `]` is still to be typed.
      if (!text.includes('[@ashkboos2024slicegpt]')) await page.keyboard.type(']');
      text = await h.waitUntil(() => h.editorText(page), (t) => t.includes('Slicing rows works too [@ashkboos2024slicegpt]'), 'the finished citation');
      assert.ok(!text.includes('[@slice]'), 'the typed query was replaced, not kept');

      await page.keyboard.press('Escape');
      const key = h.activeEditorLines(page).locator('span', { hasText: /^ashkboos2024slicegpt$|ashkboos2024slicegpt/ }).last();
      await key.hover();
      const card = await h.hoverText(page, /SliceGPT: Compress Large Language Models/);
      assert.match(card, /Ashkboos/);
      assert.match(card, /Show abstract/);
      await h.shot(page, 'cite-hover');
      await page.keyboard.press('Escape');
      await h.runCommand(page, 'File: Revert File');
    },
  },
];
