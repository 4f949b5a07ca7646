// Step 6: a broken BibTeX entry shows up in the Problems panel.
'use strict';

const assert = require('assert');
const h = require('./helpers');

module.exports = [
  {
    name: '6. the broken entry in library/broken.bib is listed in the Problems panel',
    async run(page) {
      await page.keyboard.press('Control+Shift+M');
      const panel = page.locator('[id="workbench.parts.panel"]');
      await panel.locator('.markers-panel').waitFor();
      const rows = panel.locator('.markers-panel .monaco-list-row');
      const labels = await h.waitUntil(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent)),
        (l) => l.some((x) => /broken\.bib/.test(x)) && l.length >= 2, 'a broken.bib entry in Problems');
      const file = labels.find((l) => /broken\.bib/.test(l));
      const problem = labels.find((l) => /hinton2015distilling|line 1[0-2]|Ln 1[0-2]/i.test(l) && !/^broken\.bib/.test(l)) || labels[labels.indexOf(file) + 1];
      assert.ok(problem, `a problem row under broken.bib: ${JSON.stringify(labels)}`);
      await h.shot(page, 'problems');
      return { file, problem };
    },
  },
];
