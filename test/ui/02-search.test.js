// Steps 2 and 3: search from the command palette and cite in a draft.
'use strict';

const assert = require('assert');
const h = require('./helpers');

/** Opens `file`, puts the cursor at the end, searches `query` via the palette, Enter; returns the results seen. */
async function searchAndCite(page, file, query, expectedTitle, screenshot) {
  await h.quickOpen(page, file);
  await page.keyboard.press('Control+End');
  await h.runCommand(page, 'LitNotes: Search Papers');
  await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
  await page.keyboard.type(query);
  const { labels: rows } = await h.waitForTopResult(page, expectedTitle, query);
  if (screenshot) await h.shot(page, screenshot);
  await page.keyboard.press('Enter');
  await h.quickInput(page).waitFor({ state: 'hidden' });
  return rows;
}

module.exports = [
  {
    name: '2. Search Papers from the palette cites the chosen paper in drafts/draft.md (pandoc)',
    async run(page) {
      const rows = await searchAndCite(page, 'drafts/draft.md', 'sparsegpt', 'SparseGPT: Massive Language Models', 'search');
      assert.ok(rows[0].startsWith('SparseGPT'), `SparseGPT is the first result: ${rows[0]}`);
      const text = await h.waitUntil(() => h.editorText(page), (t) => t.includes('[@frantar2023sparsegpt]'), 'the citation in draft.md');
      const lines = text.split('\n');
      assert.strictEqual(lines[lines.length - 1].trim(), '[@frantar2023sparsegpt]', 'the citation is on the last line, where the cursor was');
      assert.match(text, /\[@hu2021lora\]/, 'the rest of the draft is unchanged');
      await h.shot(page, 'citation');
    },
  },
  {
    name: '3. the same search in drafts/paper.tex inserts \\cite{...}',
    async run(page) {
      await searchAndCite(page, 'drafts/paper.tex', 'flashattention', 'FlashAttention: Fast and Memory-Efficient');
      const text = await h.waitUntil(() => h.editorText(page), (t) => t.includes('\\cite{dao2022flashattention}'), 'the citation in paper.tex');
      assert.ok(!text.includes('[@dao2022flashattention]'), 'LaTeX gets \\cite, not the pandoc form');
      await h.shot(page, 'step3-latex');
    },
  },
  {
    name: '3b. a result\'s buttons: Show Abstract, and More Actions… whose menu creates the paper\'s note',
    async run(page) {
      await h.closeQuickInput(page);
      await h.runCommand(page, 'LitNotes: Search Papers');
      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
      await page.keyboard.type('lq-lora');
      await h.waitForTopResult(page, 'LQ-LoRA', 'lq-lora');
      const row = h.quickRows(page).filter({ hasText: 'LQ-LoRA' }).first();
      await row.hover();
      const buttons = await row.locator('.action-label').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') || el.getAttribute('title')));
      assert.deepStrictEqual(buttons, ['Show Abstract', 'More Actions…'], 'two buttons on a result');
      await row.locator('.action-label[aria-label="More Actions…"]').click();

      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LQ-LoRA' }).waitFor();
      const actions = await h.waitUntil(() => h.quickRowLabels(page), (labels) => labels.length === 6, 'the six actions');
      assert.ok(actions.some((l) => l.includes('Insert Formatted Reference')) && actions.some((l) => l.includes('Show Related Papers')), `the menu lists the actions: ${actions.join(' | ')}`);
      await h.shot(page, 'step3b-actions');
      await h.quickRows(page).filter({ hasText: 'Create or Open Note' }).first().click();

      await h.quickInput(page).waitFor({ state: 'hidden' });
      const text = await h.waitUntil(() => h.editorText(page), (t) => /title:.*LQ-LoRA/.test(t), 'the new note on LQ-LoRA in the editor');
      assert.match(text.split('\n')[0], /^---/, 'the note starts with front matter');
      await h.shot(page, 'step3b-note');
    },
  },
];

