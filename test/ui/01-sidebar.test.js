// Step 1: the LitNotes view in the activity bar: topics with counts, a
// paper's hover, and its abstract opened by a click.
'use strict';

const assert = require('assert');
const h = require('./helpers');

const PAPER = 'SparseGPT: Massive Language Models';

module.exports = [
  {
    name: '1. the LitNotes view shows topics with counts; a paper has a hover and opens its abstract',
    async run(page) {
      await h.openLitNotesView(page);
      const title = await page.locator(`${h.SIDEBAR} .composite.title`).first().innerText();
      assert.match(title, /LITNOTES/i, 'the side bar shows the LitNotes view');

      // Topics with their counts, e.g. "Quantization 4".
      const topics = await h.waitUntil(() => h.topicLabels(page), (l) => l.length >= 3, 'topic rows');
      const quantization = h.treeRow(page, 'Quantization');
      await quantization.waitFor();
      assert.match(await quantization.innerText(), /^Quantization\s*\d+$/, 'the Quantization row shows a count');
      const withCounts = await page.locator(`${h.SIDEBAR} .monaco-list-row[aria-level="1"] .label-description`).allInnerTexts();
      assert.ok(withCounts.length === topics.length && withCounts.every((d) => /^\d+$/.test(d.trim())), `every topic has a count: ${withCounts}`);

      // Expand a topic: its papers appear under it.
      const paper = await h.revealPaper(page, PAPER);
      assert.strictEqual(await paper.getAttribute('aria-level'), '2');
      await h.shot(page, 'step1-tree');

      // Hover: authors and abstract.
      await h.hoverRow(paper);
      const hover = await h.hoverText(page, /Elias Frantar/);
      assert.match(hover, /Elias Frantar, Dan Alistarh/, 'the hover names the authors');
      assert.match(hover, /Prunes GPT.?family models/, 'the hover shows the abstract');
      await h.shot(page, 'sidebar');

      // Click: the abstract preview opens (a Markdown preview tab named after the key).
      await paper.click();
      const tab = h.activeTab(page, 'Preview frantar2023sparsegpt.md');
      await tab.waitFor();
      await h.shot(page, 'step1-abstract');
      // The preview body is a webview, which headless Chromium does not render
      // (its service worker is refused), so the text is read where a person
      // can read it too: the preview's "Open Source" title button.
      await page.locator('.editor-group-container.active .editor-actions [aria-label*="Source"]').first().click();
      const text = await h.waitUntil(() => h.editorText(page), (t) => /## Abstract/.test(t), 'the abstract document');
      assert.match(text, /# SparseGPT: Massive Language Models/, 'the abstract document names the paper');
      assert.match(text, /Elias Frantar/, 'the abstract document names the authors');
      assert.match(text, /frantar2023sparsegpt/, 'the abstract document shows the key');
    },
  },
];
