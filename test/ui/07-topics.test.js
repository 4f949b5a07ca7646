// Step 8: a library on other subjects. The workspace's settings are switched
// to six-fields/fields.bib (53 real papers from six fields, no efficient-LLM
// paper) without the embedded corpus; the sidebar then shows topics named by
// the papers' own words, not one big "Other". The settings are put back after.
'use strict';

const assert = require('assert');
const h = require('./helpers');

// One line: inserted with line breaks, the editor would indent and close brackets of its own.
const OTHER_LIBRARY = '{ "litnotes.sources": ["six-fields/**/*.bib"], "litnotes.notesFolder": "notes", "litnotes.includeBundledCorpus": false }';

async function replaceSettings(page, text) {
  await h.quickOpen(page, '.vscode/settings.json');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText: typed key by key, the editor would add closing quotes and brackets of its own.
  await page.keyboard.insertText(text);
  await h.waitUntil(() => h.editorText(page), (t) => t.replace(/\s+/g, '') === text.replace(/\s+/g, ''), 'the new settings in the editor');
  await page.keyboard.press('Control+S');
}

module.exports = [
  {
    name: '8. a library on other subjects shows discovered topics named by their own words',
    async run(page) {
      await h.openLitNotesView(page);
      const before = await h.quickOpen(page, '.vscode/settings.json').then(() => h.editorText(page));
      try {
        await replaceSettings(page, OTHER_LIBRARY);
        await h.openLitNotesView(page);
        const topics = await h.waitUntil(
          () => h.topicLabels(page),
          // Discovered names read "Word · word"; the notes folder's one note (SparseGPT) may keep a taxonomy topic.
          (labels) => labels.filter((l) => l.includes('·')).length >= 4 && !labels.some((l) => /^Quantization/.test(l)),
          'discovered topics in the sidebar');
        assert.ok(topics.every((l) => !/^Topic \d/.test(l)), `no "Topic n" names: ${topics.join('; ')}`);
        if (topics.some((l) => /^Other/.test(l))) {
          const other = await h.treeRow(page, 'Other').innerText();
          assert.ok(Number((other.match(/\d+/) || ['0'])[0]) <= 5, `Other stays small: ${other}`);
        }
        await h.shot(page, 'topics-discovered');
      } finally {
        await replaceSettings(page, before.replace(/\s*\n\s*/g, ' ').trim());
      }
    },
  },
];
