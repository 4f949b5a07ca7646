// Hostile input inside VS Code: size limit, broken notes, racing and
// case-clashing note creation, path-traversing keys, literal template values,
// bad settings and escaped abstracts. Every file created here is deleted
// again and every setting restored: other suites share the workspace.
import * as vscode from 'vscode';
import { readFrontMatter } from '../../src/core/frontMatter';
import { noteFileName } from '../../src/core/render/notePaths';
import { abstractMarkdown, escapeMarkdown } from '../../src/core/render/markdown';
import * as assert from './assert';
import { activateApi, exists, file, folder, readText, writeText } from './workspace';

const NASTY_TITLE = 'Nasty {{key}} }} {{#x}}{{/x}} $& $1 \\cite{x} \\\\ <img src=x onerror=alert(1)> &amp; key: evil # [x](y) *b*';
const NASTY_URL = 'https://example.org/?q={{title}}&r=$1';

/** Reloads the library after a change; `setSetting` has already waited until the extension host sees the new value. */
async function settle(): Promise<number> {
  return (await activateApi()).reload();
}

/** Workspace values as they were before a test changed them; `undefined` (restore) puts these back. */
const originalValues = new Map<string, unknown>();

async function setSetting(name: string, value: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration('litnotes');
  if (!originalValues.has(name)) originalValues.set(name, config.inspect(name)?.workspaceValue);
  const target = value === undefined ? originalValues.get(name) : value;
  await config.update(name, target, vscode.ConfigurationTarget.Workspace);
  await assert.eventually(
    () => JSON.stringify(vscode.workspace.getConfiguration('litnotes').inspect(name)?.workspaceValue) === JSON.stringify(target),
    30000,
    `the extension host never saw litnotes.${name} = ${JSON.stringify(target)}`,
  );
}

async function remove(...uris: vscode.Uri[]): Promise<void> {
  for (const uri of uris) {
    try {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
    } catch {
      // already gone
    }
  }
}

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

async function listing(uri: vscode.Uri): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(uri)).map(([name]) => name).sort();
}

describe('Hostile input in the extension host', () => {
  let baseline = 0;
  let baselineKeys: string[] = [];

  before(async () => {
    const api = await activateApi();
    baseline = await api.reload();
    baselineKeys = (await api.papers()).map((p) => p.key).sort();
  });

  after(async () => {
    await closeEditors();
    const api = await activateApi();
    assert.strictEqual(await api.reload(), baseline, 'the library is back to its state before these tests');
  });

  describe('the size limit (litnotes.maxFileSizeMB)', () => {
    it('a file over a tiny limit is skipped with an "over the limit" error; the limit restored, it loads again', async () => {
      const api = await activateApi();
      const big = file('library', 'hostile-big.bib');
      try {
        // The limit first, then the file: a file read before the limit was lowered is served from the cache (see the next test).
        await setSetting('maxFileSizeMB', 0.001);
        await settle();
        await writeText(big, `@article{hostileBig2024,\n  title = {Big},\n  abstract = {${'x'.repeat(4000)}},\n  year = 2024\n}\n`);
        await settle();
        assert.strictEqual(await api.paper('hostileBig2024'), undefined, 'the over-size file was read');
        const diagnostics = await assert.eventually(() => {
          const list = vscode.languages.getDiagnostics(big).filter((d) => d.message.includes('over the limit'));
          return list.length ? list : undefined;
        }, 30000, 'no "over the limit" diagnostic on the big file');
        assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
        assert.ok((await api.papers()).length > 0, 'the other sources still load');
      } finally {
        await setSetting('maxFileSizeMB', undefined);
        await remove(big);
        await settle();
      }
      assert.strictEqual((await api.papers()).length, baseline);
      assert.strictEqual(vscode.languages.getDiagnostics(big).length, 0);
    });

    it('already loaded files are checked against a lowered limit too (not served from the cache)', async () => {
      const api = await activateApi();
      const references = file('library', 'references.bib');
      try {
        await setSetting('maxFileSizeMB', 0.001);
        await settle();
        const problems = await api.problems();
        assert.ok(
          problems.some((p) => p.source === references.toString() && p.message.includes('over the limit')),
          'references.bib (2.5 kB) was not reported over a 1 kB limit',
        );
      } finally {
        await setSetting('maxFileSizeMB', undefined);
        await settle();
      }
      assert.strictEqual((await api.papers()).length, baseline);
    });
  });

  describe('notes with hostile front matter', () => {
    const notes: Record<string, string> = {
      'hostile-broken-yaml.md': '---\ntitle: [unclosed\nkey: : :\n---\nBody stays.\n',
      'hostile-unclosed.md': '---\ntitle: Never closed\n\nBody.\n',
      'hostile-title-number.md': '---\ntitle: 123\nkey: hostileNumberTitle\n---\n',
      'hostile-authors-string.md': '---\ntitle: Authors As Text\nkey: hostileAuthorsString\nauthors: Ada Lovelace and Alan Turing\nyear: "about 1843"\ntags: 7\n---\n',
      'hostile-no-title.md': '---\nkey: hostileNoTitle\nstatus: read\n---\nJust a note.\n',
      'hostile-list.md': '---\n- a\n- b\n---\n',
      'hostile-js.md': '---js\n{ title: (() => { globalThis.__hostileRan = true; return "x"; })() }\n---\n',
      'hostile-bom-crlf.md': '\uFEFF---\r\ntitle: "Bom: Crlf"\r\nkey: hostileBomCrlf\r\n---\r\nBody\r\n',
    };

    it('broken YAML, missing fields and wrong types: the library loads, notes are never modified', async () => {
      const api = await activateApi();
      const uris = Object.keys(notes).map((name) => file('notes', name));
      try {
        for (const [name, text] of Object.entries(notes)) await writeText(file('notes', name), text);
        const count = await api.reload();
        const keys = (await api.papers()).map((p) => p.key);
        for (const key of baselineKeys) assert.ok(keys.includes(key), `lost ${key}`);
        assert.strictEqual(count, baseline + 3, 'three notes describe papers (title 123, authors as text, BOM + CRLF)');
        assert.strictEqual((await api.paper('hostileNumberTitle'))?.title, '123');
        assert.deepStrictEqual((await api.paper('hostileAuthorsString'))?.authors.map((a) => a.family), ['Lovelace', 'Turing']);
        assert.strictEqual((await api.paper('hostileBomCrlf'))?.title, 'Bom: Crlf');
        const problems = await api.problems();
        for (const name of ['hostile-broken-yaml.md', 'hostile-unclosed.md', 'hostile-title-number.md', 'hostile-authors-string.md']) {
          assert.ok(problems.some((p) => p.source === file('notes', name).toString() && p.line === 1), `no problem for ${name}`);
        }
        assert.strictEqual((globalThis as Record<string, unknown>).__hostileRan, undefined, 'JavaScript front matter ran');
        for (const [name, text] of Object.entries(notes)) {
          const bytes = await vscode.workspace.fs.readFile(file('notes', name));
          assert.deepStrictEqual(Array.from(bytes), Array.from(new TextEncoder().encode(text)), `${name} was modified`);
        }
      } finally {
        await remove(...uris);
      }
      assert.strictEqual(await api.reload(), baseline);
    });
  });

  describe('creating notes', () => {
    const bib = file('library', 'hostile-notes.bib');
    const created: vscode.Uri[] = [];

    before(async () => {
      await writeText(bib, [
        '@article{hostileRace2024,\n  title = {Racing Notes},\n  author = {Doe, Jane},\n  year = {2024}\n}',
        '@article{hostileCase2024,\n  title = {Case Clash},\n  author = {Doe, Jane},\n  year = {2024}\n}',
        '@article{../../evil,\n  title = {Evil Key},\n  author = {Doe, Jane},\n  year = {2024}\n}',
        '@article{hostileExisting2024,\n  title = {Existing},\n  year = {2024}\n}',
        '',
      ].join('\n\n'));
      const api = await activateApi();
      await api.reload();
      for (const key of ['hostileRace2024', 'hostileCase2024', '../../evil']) assert.ok(await api.paper(key), `missing ${key}`);
    });

    after(async () => {
      await closeEditors();
      await remove(bib, ...created);
      await (await activateApi()).reload();
    });

    it('note exists already: createNote opens it and leaves it byte for byte', async () => {
      const note = file('notes', noteFileName('hostileExisting2024'));
      created.push(note);
      const mine = 'No front matter at all. {{title}} $& \r\n---\ntitle: x\n trailing';
      await writeText(note, mine);
      await vscode.commands.executeCommand('litnotes.createNote', 'hostileExisting2024');
      assert.strictEqual(await readText(note), mine);
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), note.toString());
    });

    it('two createNote calls race: one stub is written, and a later user edit survives a third call', async () => {
      const note = file('notes', noteFileName('hostileRace2024'));
      created.push(note);
      assert.strictEqual(await exists(note), false);
      await Promise.all([
        vscode.commands.executeCommand('litnotes.createNote', 'hostileRace2024'),
        vscode.commands.executeCommand('litnotes.createNote', 'hostileRace2024'),
      ]);
      const text = await readText(note);
      const { data, content } = readFrontMatter(text);
      assert.strictEqual(data.key, 'hostileRace2024');
      assert.strictEqual(data.title, 'Racing Notes');
      assert.strictEqual(text.split('\n---\n').length, 2, 'exactly one front matter block');
      assert.strictEqual(content.split('## Summary').length, 2, 'exactly one stub body');
      const edited = `${text}\nMy thoughts, written by hand.\n`;
      await writeText(note, edited);
      await vscode.commands.executeCommand('litnotes.createNote', 'hostileRace2024');
      assert.strictEqual(await readText(note), edited);
    });

    it('an existing note whose file name differs in case is opened, not duplicated', async () => {
      const expected = noteFileName('hostileCase2024');
      const clash = file('notes', expected.toUpperCase().replace(/\.MD$/, '.md'));
      created.push(clash, file('notes', expected));
      const mine = '# My case-clashing note\n';
      await writeText(clash, mine);
      await (await activateApi()).reload();
      const before = await listing(file('notes'));
      await vscode.commands.executeCommand('litnotes.createNote', 'hostileCase2024');
      assert.strictEqual(await readText(clash), mine);
      assert.deepStrictEqual(await listing(file('notes')), before, 'a second note was created');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path.toLowerCase(), clash.path.toLowerCase());
    });

    it('a key "../../evil" gets its note inside notes/, and nothing is written outside it', async () => {
      const rootBefore = await listing(folder());
      const libraryBefore = await listing(file('library'));
      const notesBefore = await listing(file('notes'));
      const name = noteFileName('../../evil');
      const note = file('notes', name);
      created.push(note);
      assert.ok(!name.includes('/') && !name.includes('\\') && !name.startsWith('.'), name);
      await vscode.commands.executeCommand('litnotes.createNote', '../../evil');
      assert.ok(await exists(note), `no note ${name} in notes/`);
      assert.strictEqual(readFrontMatter(await readText(note)).data.key, '../../evil');
      assert.deepStrictEqual(await listing(file('notes')), [...notesBefore, name].sort());
      assert.deepStrictEqual(await listing(folder()), rootBefore);
      assert.deepStrictEqual(await listing(file('library')), libraryBefore);
      assert.strictEqual(await exists(file('..', 'evil.md')), false);
      assert.strictEqual(await exists(file('evil.md')), false);
    });
  });

  describe('hostile values in templates', () => {
    const json = file('library', 'hostile-values.json');

    before(async () => {
      await writeText(json, JSON.stringify([{ id: 'hostileNasty2024', title: NASTY_TITLE, URL: NASTY_URL, author: [{ family: '{{year}}', given: '$&' }], issued: { 'date-parts': [[2024]] }, abstract: '<script>alert(1)</script> **bold** [link](javascript:alert(1))' }]));
      await (await activateApi()).reload();
    });

    after(async () => {
      await closeEditors();
      await setSetting('languageFormats', undefined);
      await remove(json);
      await settle();
    });

    it('a citation in markdownLink format inserts the title and URL exactly', async () => {
      const api = await activateApi();
      assert.strictEqual((await api.paper('hostileNasty2024'))?.title, NASTY_TITLE);
      await setSetting('languageFormats', { plaintext: 'markdownLink' });
      await settle();
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('litnotes.insertCitation', 'hostileNasty2024');
      assert.strictEqual(doc.getText(), `[${NASTY_TITLE}](${NASTY_URL})`);
    });

    it('a note stub keeps the title exact in front matter and heading', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('litnotes.insertNoteStub', 'hostileNasty2024');
      const { data, content } = readFrontMatter(doc.getText());
      assert.strictEqual(data.title, NASTY_TITLE);
      assert.strictEqual(data.url, NASTY_URL);
      assert.deepStrictEqual(data.authors, ['$& {{year}}']);
      assert.ok(content.startsWith(`# ${NASTY_TITLE}\n`), content.slice(0, 200));
    });

    it('the abstract view escapes HTML and Markdown, and drops javascript: links', async () => {
      const api = await activateApi();
      const paper = await api.paper('hostileNasty2024');
      assert.ok(paper);
      const md = abstractMarkdown(paper, (id) => id);
      assert.ok(!md.includes('<script>') && !md.includes('<img'), md);
      assert.ok(md.includes('&lt;script&gt;'));
      assert.ok(!/\]\(javascript:/i.test(md), 'a javascript: link survived');
      assert.strictEqual(escapeMarkdown('<b>&</b> *x* [a](b) `c`'), '&lt;b&gt;&amp;&lt;/b&gt; \\*x\\* \\[a\\]\\(b\\) \\`c\\`');
      await vscode.commands.executeCommand('litnotes.openAbstract', 'hostileNasty2024');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('litnotes-abstract:/hostileNasty2024.md'));
      assert.ok(!doc.getText().includes('<img') && doc.getText().includes('&lt;img'));
    });
  });

  describe('hostile settings', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['maxFiles', 'many', /litnotes\.maxFiles/],
      ['maxFileSizeMB', -3, /litnotes\.maxFileSizeMB/],
      ['sources', 'library/**/*.bib', /litnotes\.sources/],
      ['includeBundledCorpus', 'yes', /litnotes\.includeBundledCorpus/],
      ['topicsMode', 'sometimes', /litnotes\.topicsMode/],
      ['noteTemplate', '{{#open}} never closed', /litnotes\.noteTemplate/],
      ['citationFormats', { pandoc: '{{#papers}}', nosuch: 'x' }, /pandoc|nosuch/],
      ['notesFolder', '../outside', /litnotes\.notesFolder/],
      ['languageFormats', { markdown: 'nosuch' }, /litnotes\.languageFormats/],
    ];
    for (const [name, value, message] of cases) {
      it(`${name} = ${JSON.stringify(value)}: a settings problem names it, and the library loads with the default`, async () => {
        const api = await activateApi();
        try {
          await setSetting(name, value);
          const count = await settle();
          const problems = (await api.problems()).filter((p) => p.source === 'settings');
          assert.ok(problems.some((p) => message.test(p.message)), `no settings problem for ${name}: ${problems.map((p) => p.message).join(' | ')}`);
          // An invalid sources value falls back to the default globs, which find other files.
          if (name !== 'sources') assert.strictEqual(count, baseline);
          else assert.ok(count > 0);
        } finally {
          await setSetting(name, undefined);
          await settle();
        }
      });
    }

    it('a bad glob in litnotes.sources: the good globs still load', async () => {
      const api = await activateApi();
      try {
        await setSetting('sources', ['[[[**', '{unclosed', 'library/**/*.bib', 'library/**/*.json', '']);
        // Every paper of the good globs loads. (A bad glob may match more of the workspace: six-fields/fields.bib, the UI's other library.)
        assert.ok(await settle() >= baseline);
        const keys = (await api.papers()).map((p) => p.key);
        for (const key of baselineKeys) assert.ok(keys.includes(key), `lost ${key}`);
      } finally {
        await setSetting('sources', undefined);
        await settle();
      }
    });

    it('a notes folder that is a file, or that does not exist: the library loads, no file is touched', async () => {
      const api = await activateApi();
      const references = file('library', 'references.bib');
      const original = await readText(references);
      try {
        await setSetting('notesFolder', 'library/references.bib');
        await settle();
        const keys = (await api.papers()).map((p) => p.key);
        for (const key of ['hu2021lora', 'dettmers2023qlora', 'kwon2023pagedattention']) assert.ok(keys.includes(key));
        // Creating the note fails: the command reports it in a message it does not wait for, and returns.
        await vscode.commands.executeCommand('litnotes.createNote', 'dettmers2023qlora');
        await vscode.commands.executeCommand('notifications.clearAll');
        assert.strictEqual(await readText(references), original, 'references.bib was changed');
        assert.strictEqual((await vscode.workspace.fs.stat(references)).type, vscode.FileType.File);

        await setSetting('notesFolder', 'hostile-missing-notes');
        await settle();
        assert.ok(await api.paper('hu2021lora'));
        await vscode.commands.executeCommand('litnotes.createNote', 'dettmers2023qlora');
        assert.ok(await exists(file('hostile-missing-notes', noteFileName('dettmers2023qlora'))), 'the missing notes folder was not created for the note');
      } finally {
        await closeEditors();
        await setSetting('notesFolder', undefined);
        await remove(file('hostile-missing-notes'));
        await settle();
      }
      assert.strictEqual(await readText(references), original);
      assert.strictEqual((await api.papers()).length, baseline);
    });
  });
});
