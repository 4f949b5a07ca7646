// Step 7: cite while you write. Type a citation in a Markdown draft, accept
// the suggestion, then hover the key and read the paper card.
'use strict';

const assert = require('assert');
const h = require('./helpers');

module.exports = [
  {
    name: '7. typing [@slice in drafts/draft.md suggests SliceGPT; accepting writes the key; hovering it shows the card',
    async run(page) {
      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      const text = await h.citeBySuggestion(page, 'Slicing rows works too', 'slice', 'ashkboos2024slicegpt', 'cite-completion');
      assert.ok(!text.includes('[@slice]'), 'the typed query was replaced, not kept');

      const card = await h.hoverKey(page, 'ashkboos2024slicegpt', /SliceGPT: Compress Large Language Models/);
      assert.match(card, /Ashkboos/);
      assert.match(card, /Show abstract/);
      await h.shot(page, 'cite-hover');
      await page.keyboard.press('Escape');

      // The sidebar follows the editor: its first group lists the papers this draft cites, in citation order.
      await h.openLitNotesView(page);
      const cited = h.treeRow(page, 'Cited in this document');
      await cited.waitFor({ timeout: h.WAIT });
      assert.strictEqual(await cited.getAttribute('aria-expanded'), 'true', 'the cited group is open');
      const citedRows = async () => {
        const all = await h.treeRows(page).evaluateAll((r) => r.map((row) => [row.getAttribute('aria-level'), row.getAttribute('aria-label') || '']));
        const end = all.findIndex(([level], i) => i > 0 && level === '1');
        return { group: all[0], papers: all.slice(1, end < 0 ? all.length : end).map(([, label]) => label) };
      };
      const { group, papers } = await h.waitUntil(citedRows, ({ papers }) => papers.some((p) => p.startsWith('SliceGPT')), 'SliceGPT under "Cited in this document"');
      assert.match(group[1], /^Cited in this document/);
      assert.match(papers[0], /^LoRA/, 'the draft cites LoRA first');
      await h.shot(page, 'cite-sidebar');
      await h.runCommand(page, 'File: Revert File');
    },
  },
];
