// Step 4: the tree's context menu creates a note; the row then shows it has one.
'use strict';

const assert = require('assert');
const h = require('./helpers');

const TITLE = 'LoRA: Low-Rank Adaptation';
const KEY = 'hu2021lora';

module.exports = [
  {
    name: '4. right-click a paper, "Create or Open Note": the note opens and the row shows it has a note',
    async run(page) {
      await h.openLitNotesView(page);
      const row = await h.citedPaperRow(page, TITLE); // drafts/draft.md cites it
      assert.strictEqual(await h.rowIcon(row), 'codicon-book', 'before: the row shows no note');

      await h.rowMenuCommand(page, () => h.citedPaperRow(page, TITLE), /Create or Open Note/, 'LitNotes: Create or Open Note', () => h.shot(page, 'step4-menu'));

      await h.activeTab(page, `${KEY}.md`).waitFor();
      const text = await h.waitUntil(() => h.editorText(page), (t) => /^title:/m.test(t), 'the note\'s front matter');
      assert.match(text.split('\n')[0], /^---/, 'the note starts with front matter');
      assert.match(text, /title:.*LoRA/, 'the front matter has the title');

      // The row may have been in "Cited in this document", which follows the editor (now the note): find it again.
      const after = await h.waitUntil(async () => {
        const row = await h.revealPaper(page, TITLE);
        return (await h.rowIcon(row)) === 'codicon-notebook' && row;
      }, Boolean, 'the row icon to become codicon-notebook');
      assert.match(await after.getAttribute('aria-label'), /has a note/);
      await h.shot(page, 'note');
    },
  },
];
