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
];
