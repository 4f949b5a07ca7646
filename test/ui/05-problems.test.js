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
      // The broken entry starts at line 9 and lacks a comma at the end of line 11.
      const problem = labels.find((l) => !/^broken\.bib/.test(l) && /\b(line|Ln) (9|1[0-2])\b/i.test(l));
      assert.ok(problem, `a problem row at lines 9-12 of broken.bib: ${JSON.stringify(labels)}`);
      await h.shot(page, 'problems');
      return { file, problem };
    },
  },
];
