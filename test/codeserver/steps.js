// The code-server steps, in order, sharing one page like one person's
// session. Each gets `ctx` = { page, profile, server, shot(name) }. The
// workbench is driven only by clicks and keys (helpers from test/ui); what the
// extension wrote is then also checked on disk, in the copied workspace and in
// code-server's logs.
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const h = require('../ui/helpers');
const { VSIX, NODE, extensionHostLogs } = require('./codeServer');

const EXTENSION_ID = 'litnotes.litnotes';
const VERSION = require('../../package.json').version;
const SPARSEGPT = { title: 'SparseGPT: Massive Language Models', key: 'frantar2023sparsegpt' };
const LORA = { title: 'LoRA: Low-Rank Adaptation', key: 'hu2021lora' };

/** The installed copy of the extension in the profile's extensions dir. */
const installedDir = (profile) => path.join(profile.extensions, `${EXTENSION_ID}-${VERSION}`);

module.exports = [
  {
    name: 'a. the LitNotes view from the activity bar shows topics with counts; a topic expands to its papers',
    async run({ page, shot }) {
      await h.openLitNotesView(page);
      assert.match(await page.locator(`${h.SIDEBAR} .composite.title`).first().innerText(), /LITNOTES/i);
      const topics = await h.waitUntil(() => h.topicLabels(page), (l) => l.length >= 3, 'topic rows');
      const counts = await page.locator(`${h.SIDEBAR} .monaco-list-row[aria-level="1"] .label-description`).allInnerTexts();
      assert.ok(counts.length === topics.length && counts.every((c) => /^\d+$/.test(c.trim())), `every topic shows a count: ${counts}`);
      await shot('a-topics');

      const paper = await h.revealPaper(page, SPARSEGPT.title);
      assert.strictEqual(await paper.getAttribute('aria-level'), '2', 'the paper is a child of a topic');
      const open = page.locator(`${h.SIDEBAR} .monaco-list-row[aria-level="1"][aria-expanded="true"]`);
      assert.strictEqual(await open.count(), 1, 'one topic is expanded');
      const topic = await open.getAttribute('aria-label');
      const count = Number(await open.locator('.label-description').innerText());
      const papers = await page.locator(`${h.SIDEBAR} .monaco-list-row[aria-level="2"]`).count();
      assert.strictEqual(papers, count, `"${topic}" shows as many papers as its count`);
      await shot('a-papers');
    },
  },
  {
    name: 'b. in drafts/draft.md, "LitNotes: Search Papers" for "sparsegpt" cites [@frantar2023sparsegpt] (saved to disk)',
    async run({ page, profile, shot }) {
      const file = path.join(profile.workspace, 'drafts', 'draft.md');
      const citation = `[@${SPARSEGPT.key}]`;
      assert.ok(!fs.readFileSync(file, 'utf8').includes(citation), 'the draft has no such citation before');

      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await h.runCommand(page, 'LitNotes: Search Papers');
      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
      await page.keyboard.type('sparsegpt');
      await h.waitForTopResult(page, SPARSEGPT.title, 'sparsegpt');
      await shot('b-search');
      await page.keyboard.press('Enter');
      await h.quickInput(page).waitFor({ state: 'hidden' });

      const text = await h.waitUntil(() => h.editorText(page), (t) => t.includes(citation), 'the citation in the editor');
      assert.strictEqual(text.split('\n').pop().trim(), citation, 'the citation is on the last line, where the cursor was');
      await page.keyboard.press('Control+S');
      const saved = await h.waitUntil(() => fs.readFileSync(file, 'utf8'), (t) => t.includes(citation), 'the citation in draft.md on disk');
      assert.match(saved, /\[@hu2021lora\]/, 'the rest of the draft is unchanged');
      await shot('b-cited');
    },
  },
  {
    name: 'c. right-click a paper, "Create or Open Note": the note opens and is written under notes/ with front matter',
    async run({ page, profile, shot }) {
      const file = path.join(profile.workspace, 'notes', `${LORA.key}.md`);
      assert.ok(!fs.existsSync(file), 'no note before');

      await h.openLitNotesView(page);
      await h.rowMenuCommand(page, () => h.citedPaperRow(page, LORA.title), /Create or Open Note/, 'LitNotes: Create or Open Note', () => shot('c-menu'));

      await h.activeTab(page, `${LORA.key}.md`).waitFor();
      await h.waitUntil(() => h.editorText(page), (t) => /^title:.*LoRA/m.test(t), 'the note\'s front matter in the editor');
      const note = await h.waitUntil(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8'), Boolean, `${path.relative(profile.workspace, file)} on disk`);
      assert.match(note, /^---\n/, 'the note file starts with front matter');
      assert.match(note, /^title:.*LoRA/m, 'the front matter has the title');
      assert.match(note, new RegExp(`^key: "?${LORA.key}"?$`, 'm'), 'the front matter has the key');
      // The note is now the active editor and cites nothing, so the row is found under its topic again.
      await h.waitUntil(async () => (await h.revealPaper(page, LORA.title)).getAttribute('aria-label', { timeout: 2000 }),
        (l) => /has a note/.test(l || ''), 'the row to say it has a note');
      await shot('c-note');
    },
  },
  {
    name: 'd. it ran in the Node extension host: dist/node/extension.js from the installed .vsix, and its log',
    async run({ page, profile, server, shot }) {
      // What a person sees: "LitNotes: Show Log" opens the LitNotes output, scrolled
      // to its end: the summary of the last load. (The panel is short and wraps
      // long lines, and shows only its last lines: compare with spaces collapsed.)
      await h.runCommand(page, 'LitNotes: Show Log');
      const output = page.locator('.part.panel .monaco-editor .view-lines').first();
      await h.waitUntil(() => output.innerText().then((t) => t.replace(/\s+/g, ' ')),
        (t) => /Library loaded from (its files|the saved index): \d+ papers, \d+ problems/.test(t), 'the LitNotes log in the Output panel');
      await shot('d-log');

      // What code-server wrote: the server-side (Node) extension host loaded the installed main bundle.
      const main = path.join(installedDir(profile), 'dist', 'node', 'extension.js');
      assert.ok(fs.existsSync(main), `${main} was installed from ${path.basename(VSIX)}`);
      const hosts = extensionHostLogs(profile).map((dir) => ({ dir, log: fs.readFileSync(path.join(dir, 'remoteexthost.log'), 'utf8') }));
      const host = hosts.find(({ log }) => log.includes(`loadModule [cjs] -> file://${main}`));
      assert.ok(host, `an extension host log shows it loading ${main}; logs: ${hosts.map((x) => x.dir).join(', ') || 'none'}`);
      assert.match(host.log, new RegExp(`_doActivateExtension ${EXTENSION_ID.replace('.', '\\.')}\\b`), 'that host activated the extension');
      assert.ok(!host.log.includes(`loadModule [cjs] -> file://${installedDir(profile)}/dist/web/`), 'and did not load the web bundle');

      // That host is a Node process of this code-server (Node 24 from .code-server), still running.
      const pid = Number((/Extension host with pid (\d+) started/.exec(host.log) || [])[1]);
      assert.ok(pid > 0, 'the host log names its pid');
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(cmdline.includes('--type=extensionHost'), `pid ${pid} is an extension host: ${cmdline.join(' ')}`);
      assert.strictEqual(fs.realpathSync(`/proc/${pid}/exe`), fs.realpathSync(NODE), 'the extension host runs on the Node binary code-server was started with');
      assert.strictEqual(Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]), server.pid, 'in the server\'s process group');

      // The extension's own log file, written by that host on the server's disk.
      const ownLog = path.join(host.dir, EXTENSION_ID, 'LitNotes.log');
      const logged = fs.readFileSync(ownLog, 'utf8');
      assert.match(logged, /Library loaded from (its files|the saved index): \d+ papers/, `${ownLog} has the load summary`);
      assert.match(logged, /broken\.bib:\d+: .*"hinton2015distilling" could not be read/, `${ownLog} names the broken entry with its file and line`);
    },
  },
  {
    name: 'e. cite while you write in the Node host: [@slice suggests SliceGPT, its hover shows the card, an unknown key is in Problems',
    async run({ page, profile, shot }) {
      // A draft of its own, so step f finds drafts/draft.md as step b saved it.
      fs.writeFileSync(path.join(profile.workspace, 'drafts', 'slicing.md'), '# Slicing\n');
      await h.quickOpen(page, 'drafts/slicing.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await h.citeBySuggestion(page, 'Slicing rows works too', 'slice', 'ashkboos2024slicegpt');
      const card = await h.hoverKey(page, 'ashkboos2024slicegpt', /SliceGPT: Compress Large Language Models/);
      assert.match(card, /Ashkboos/);
      await shot('e-hover');

      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' And [@nobody2099unknown].');
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('[id="workbench.parts.panel"] .markers-panel .monaco-list-row');
      await h.waitUntil(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent)),
        (labels) => labels.some((l) => /"nobody2099unknown" is not in the LitNotes library/.test(l)), 'the unknown key in the Problems panel');
      await shot('e-problem');
    },
  },
  {
    name: 'f. "LitNotes: Insert Bibliography" in drafts/draft.md loads the CSL bundle in the Node host and writes the APA bibliography (saved to disk)',
    async run({ page, profile, shot }) {
      const file = path.join(profile.workspace, 'drafts', 'draft.md');
      await h.quickOpen(page, 'drafts/draft.md');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await h.runCommand(page, 'LitNotes: Insert Bibliography');
      const text = await h.waitUntil(async () => (await h.editorText(page)).replace(/\s*\n\s*/g, ' '), (t) => t.includes('<!-- /litnotes-bibliography -->'), 'the bibliography block in the editor');
      assert.match(text, /Frantar, E\., & Alistarh, D\. \(2023\)\. \*SparseGPT/, 'the paper cited in step b, in APA');
      assert.match(text, /Hu, E\. J\., Shen, Y\./, 'the paper the draft cited already');
      await shot('e-bibliography');
      await page.keyboard.press('Control+S');
      await h.waitUntil(() => fs.readFileSync(file, 'utf8'), (t) => t.includes('<!-- litnotes-bibliography (apa)'), 'the bibliography in draft.md on disk');
      // The Node host required the lazily loaded bundle from the installed .vsix.
      const host = extensionHostLogs(profile).find((dir) => fs.existsSync(path.join(dir, EXTENSION_ID, 'LitNotes.log')));
      assert.ok(fs.existsSync(path.join(installedDir(profile), 'dist', 'node', 'csl.js')), 'dist/node/csl.js was installed');
      const logged = await h.waitUntil(() => fs.readFileSync(path.join(host, EXTENSION_ID, 'LitNotes.log'), 'utf8'), (t) => /Formatted 2 reference\(s\) in apa/.test(t), 'the formatting logged by the Node host');
      assert.match(logged, /CSL worker running/, 'citeproc ran in its worker thread');
      assert.ok(!/CSL worker (could not start|failed)/.test(logged), 'and never fell back to the extension host');
    },
  },
  {
    name: 'g. a new window reopens the library from what the Node host saved (the index written in parts) and searches it',
    async run({ page, profile, shot }) {
      const ownLogs = () => extensionHostLogs(profile).map((dir) => path.join(dir, EXTENSION_ID, 'LitNotes.log')).filter((f) => fs.existsSync(f));
      // The last load's save has finished: after the last "Library loaded" line comes a "Saved the library" line.
      const [first] = ownLogs();
      await h.waitUntil(() => fs.readFileSync(first, 'utf8'), (t) => t.lastIndexOf('Saved the library for the next start') > t.lastIndexOf('Library loaded from'), 'the library saved after its last load');
      const before = new Set(ownLogs());
      await page.reload();
      await page.waitForSelector('.monaco-workbench');
      const reopened = await h.waitUntil(() => ownLogs().filter((f) => !before.has(f)).map((f) => fs.readFileSync(f, 'utf8')).join('\n'),
        (t) => /Library loaded from (its files|the saved index)/.test(t), 'the new window\'s extension host to load the library');
      assert.match(reopened, /Library loaded from the saved index: \d+ papers/, 'restored from the saved files, not read again');
      await h.runCommand(page, 'LitNotes: Search Papers');
      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
      await page.keyboard.type('sparsegpt');
      await h.waitForTopResult(page, 'SparseGPT', 'sparsegpt');
      await shot('g-reopened');
    },
  },
  {
    name: 'h. a large library file added to the workspace is read from disk by a parse worker (the host reads none of it), then searched',
    async run({ page, profile, shot }) {
      const ownLogs = () => extensionHostLogs(profile).map((dir) => path.join(dir, EXTENSION_ID, 'LitNotes.log')).filter((f) => fs.existsSync(f));
      const log = ownLogs().sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs).pop();
      const filler = 'A sentence that makes the entry long enough for the file to pass the size at which parse workers take it. '.repeat(4);
      const entries = Array.from({ length: 700 }, (_, i) => `@article{diskread${i},\n  title = {Disk read entry ${i} on ${i === 699 ? 'quokkafish migration' : 'sparse retrieval'}},\n  author = {Doe, Jane and Roe, Richard},\n  year = {2020},\n  abstract = {${filler}}\n}\n`);
      const text = entries.join('\n');
      assert.ok(Buffer.byteLength(text) > 256 * 1024, 'over the size at which workers parse a file (WORKER_MIN_BYTES)');
      fs.writeFileSync(path.join(profile.workspace, 'library', 'large.bib'), text);
      const logged = await h.waitUntil(() => fs.readFileSync(log, 'utf8'), (t) => /Library loaded from its files/.test(t.slice(t.search(/Read \d+ library files in \d+ ms \(1 read from disk by parse workers\)/))), 'a reload that read the new file in a worker');
      assert.ok(!/parsed on the extension host's thread/.test(logged), 'no worker failed');
      await h.runCommand(page, 'LitNotes: Search Papers');
      await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
      await page.keyboard.type('quokkafish');
      await h.waitForTopResult(page, 'Disk read entry 699', 'quokkafish');
      await shot('h-worker-read');
      await page.keyboard.press('Escape');
    },
  },
];

