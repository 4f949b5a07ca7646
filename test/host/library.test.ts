import * as vscode from 'vscode';
import { readFrontMatter } from '../../src/core/frontMatter';
import * as assert from './assert';
import { LibraryService } from '../../src/vscode/library/libraryService';
import { TopicNames } from '../../src/vscode/library/topicNames';
import { type GroupNode, PaperTreeProvider } from '../../src/vscode/views/paperTree';
import { activateApi, EXTENSION_ID, exists, file, readText, treeProvider, writeText } from './workspace';

/** Papers in the sample workspace: 75 embedded + 4 in references.bib + 2 good ones in broken.bib + 2 in extra.json. */
const EXPECTED_PAPERS = 83;

describe('The library in the sample workspace', () => {
  it('loads the embedded corpus and every good entry of the workspace files', async () => {
    const api = await activateApi();
    const papers = await api.papers();
    assert.strictEqual(papers.length, EXPECTED_PAPERS);
    for (const key of ['frantar2023sparsegpt', 'hu2021lora', 'dettmers2022llmint8', 'dettmers2023qlora', 'kwon2023pagedattention']) {
      assert.ok(await api.paper(key), `missing ${key}`);
    }
    assert.strictEqual(await api.paper('hinton2015distilling'), undefined, 'the broken entry must not load half-parsed');
  });

  it('shows topics with counts in the tree, and papers under them', async () => {
    const api = await activateApi();
    const tree = treeProvider();
    const roots = await tree.getChildren();
    assert.ok(roots.length >= 8, `expected at least 8 topics, got ${roots.length}`);
    let total = 0;
    for (const root of roots) {
      const item = tree.getTreeItem(root);
      assert.strictEqual(root.kind, 'group');
      const children = await tree.getChildren(root);
      assert.strictEqual(item.description, String(children.length), `count of ${String(item.label)}`);
      total += children.length;
    }
    assert.strictEqual(total, (await api.papers()).length, 'every paper appears under exactly one topic');
    const quantization = roots.find((r) => tree.getTreeItem(r).label === 'Quantization');
    assert.ok(quantization, 'a Quantization topic');
    const labels = (await tree.getChildren(quantization)).map((n) => tree.getTreeItem(n).label);
    assert.ok(labels.some((l) => String(l).startsWith('GPTQ')), `GPTQ under Quantization: ${labels.join(' | ')}`);
  });

  it('marks papers that have a note and shows first author and year', async () => {
    const tree = treeProvider();
    const roots = await tree.getChildren();
    const rows = (await Promise.all(roots.map((r) => tree.getChildren(r)))).flat();
    const sparsegpt = rows.find((n) => n.kind === 'paper' && n.paper.key === 'frantar2023sparsegpt');
    assert.ok(sparsegpt, 'SparseGPT row');
    const item = tree.getTreeItem(sparsegpt);
    assert.strictEqual(item.contextValue, 'paper.withNote');
    assert.strictEqual(item.description, 'Frantar 2023');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'notebook');
    // The hover, resolved when the row is hovered, says why the paper is in its topic.
    const hover = (tree.resolveTreeItem(item, sparsegpt) as vscode.TreeItem).tooltip as vscode.MarkdownString;
    assert.match(hover.value, /Elias Frantar/);
    assert.match(hover.value, /because: .*(in the title|in the abstract|stated by)/);
    const lora = rows.find((n) => n.kind === 'paper' && n.paper.key === 'hu2021lora');
    assert.ok(lora);
    assert.strictEqual(tree.getTreeItem(lora).contextValue, 'paper');
  });

  it('finds known papers by title words, abstract words and author', async () => {
    const api = await activateApi();
    const top = async (query: string) => (await api.search(query, 3)).map((hit) => hit.paper.key);
    assert.ok((await top('sparsegpt')).includes('frantar2023sparsegpt'));
    assert.ok((await top('paged attention serving')).includes('kwon2023pagedattention'));
    assert.ok((await top('Dettmers')).includes('dettmers2023qlora'));
    const hits = await api.search('speculative decoding', 5);
    assert.ok(hits.length >= 2, 'several speculative decoding papers');
    assert.ok(hits.every((h) => h.snippet.length <= 200));
  });

  it('reports the broken BibTeX entry in the Problems panel with its line', async () => {
    const api = await activateApi();
    await api.papers();
    const broken = file('library', 'broken.bib');
    const diagnostics = await assert.eventually(() => {
      const list = vscode.languages.getDiagnostics(broken);
      return list.length ? list : undefined;
    }, 30000, 'no diagnostics for broken.bib');
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].range.start.line, 8, 'the broken entry starts on line 9');
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostics[0].source, 'LitNotes');
    const problems = await api.problems();
    assert.ok(problems.some((p) => p.source === broken.toString() && p.line === 9));
  });
});

describe('Inserting citations', () => {
  async function openWith(uri: vscode.Uri) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    return { doc, editor };
  }

  it('inserts pandoc citations at every cursor of a Markdown editor, as one undo step', async () => {
    const { doc, editor } = await openWith(file('drafts', 'draft.md'));
    assert.strictEqual(doc.languageId, 'markdown');
    const original = doc.getText();
    const line0 = doc.lineAt(0).text;
    // One empty cursor at the end of line 1, one selection over "pruning" in line 6.
    const pruningLine = doc.getText().split('\n').findIndex((l) => l.includes('pruning and quantization'));
    const start = doc.lineAt(pruningLine).text.indexOf('pruning');
    editor.selections = [
      new vscode.Selection(0, line0.length, 0, line0.length),
      new vscode.Selection(pruningLine, start, pruningLine, start + 'pruning'.length),
    ];
    await vscode.commands.executeCommand('litnotes.insertCitation', 'frantar2023sparsegpt', ['frantar2023sparsegpt', 'frantar2022gptq']);
    const text = doc.getText();
    assert.strictEqual(doc.lineAt(0).text, `${line0}[@frantar2023sparsegpt; @frantar2022gptq]`);
    assert.ok(doc.lineAt(pruningLine).text.includes('in two flavours: [@frantar2023sparsegpt; @frantar2022gptq] and quantization'), doc.lineAt(pruningLine).text);
    assert.strictEqual(text.length, original.length + 2 * '[@frantar2023sparsegpt; @frantar2022gptq]'.length - 'pruning'.length);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original, 'one undo restores the draft');
  });

  it('inserts \\cite{...} in a LaTeX editor', async () => {
    const { doc, editor } = await openWith(file('drafts', 'paper.tex'));
    const original = doc.getText();
    const todo = original.split('\n').findIndex((l) => l.startsWith('% TODO'));
    const end = doc.lineAt(todo + 1).text.length;
    editor.selections = [new vscode.Selection(todo + 1, end - 1, todo + 1, end - 1)];
    await vscode.commands.executeCommand('litnotes.insertCitation', 'dao2022flashattention');
    assert.strictEqual(doc.lineAt(todo + 1).text, 'Exact attention can also be computed with much less memory traffic\\cite{dao2022flashattention}.');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), original);
  });

  it('inserts a note stub whose front matter reads back', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('litnotes.insertNoteStub', 'kwon2023pagedattention');
    const { data, content } = readFrontMatter(doc.getText());
    assert.strictEqual(data.title, 'Efficient Memory Management for Large Language Model Serving with PagedAttention');
    assert.strictEqual(data.key, 'kwon2023pagedattention');
    assert.strictEqual(data.year, 2023);
    assert.ok(content.includes('## Summary'));
  });
});

describe('Notes', () => {
  it('creates a note in the notes folder, and never overwrites it afterwards', async () => {
    const api = await activateApi();
    const note = file('notes', 'hu2021lora.md');
    assert.strictEqual(await exists(note), false);
    await vscode.commands.executeCommand('litnotes.createNote', 'hu2021lora');
    const { data, content } = readFrontMatter(await readText(note));
    assert.strictEqual(data.title, 'LoRA: Low-Rank Adaptation of Large Language Models');
    assert.strictEqual(data.key, 'hu2021lora');
    assert.deepStrictEqual(data.authors, (await api.paper('hu2021lora'))?.authors.map((a) => `${a.given} ${a.family}`));
    assert.strictEqual(data.status, 'unread');
    assert.ok(content.includes('## Key ideas'));
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), note.toString(), 'the new note is opened');

    const edited = `${await readText(note)}\nMy own thoughts.\n`;
    await writeText(note, edited);
    await vscode.commands.executeCommand('litnotes.createNote', 'hu2021lora');
    assert.strictEqual(await readText(note), edited, 'the second createNote left the edited note alone');
  });

  it('opens an existing hand-written note instead of creating another', async () => {
    const existing = file('notes', 'frantar2023sparsegpt.md');
    const before = await readText(existing);
    await vscode.commands.executeCommand('litnotes.createNote', 'frantar2023sparsegpt');
    assert.strictEqual(await readText(existing), before);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), existing.toString());
  });

  it('shows the abstract as a read-only Markdown document', async () => {
    const api = await activateApi();
    const paper = await api.paper('kwon2023pagedattention');
    assert.ok(paper);
    await vscode.commands.executeCommand('litnotes.openAbstract', paper.key);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('litnotes-abstract:/kwon2023pagedattention.md'));
    assert.ok(doc.getText().startsWith('# Efficient Memory Management for Large Language Model Serving with PagedAttention'));
    assert.ok(doc.getText().includes('fixed\\-size blocks'), 'the abstract is in the document, Markdown-escaped');
  });
});

describe('Keeping the library current', () => {
  it('re-indexes when a library file changes', async () => {
    const api = await activateApi();
    await api.papers();
    const added = file('library', 'added.bib');
    await writeText(added, '@article{shazeer2017moe,\n  title = {Outrageously Large Neural Networks: The Sparsely-Gated Mixture-of-Experts Layer},\n  author = {Shazeer, Noam and Mirhoseini, Azalia},\n  year = {2017}\n}\n');
    // The file watcher triggers the reload; nothing here asks for one.
    const paper = await assert.eventually(() => api.paper('shazeer2017moe'), 30000, 'the new paper never reached the library');
    assert.strictEqual(paper.topics[0], 'moe');
    assert.ok((await api.search('outrageously', 3)).some((h) => h.paper.key === 'shazeer2017moe'));
    await vscode.workspace.fs.delete(added);
    await assert.eventually(async () => (await api.paper('shazeer2017moe')) === undefined, 30000, 'deleting the file did not remove its paper');
  });
});

describe('Topics in the sample workspace', () => {
  /** An in-memory stand-in for the workspace state the extension keeps topic names in. */
  class MemoryState implements vscode.Memento {
    private readonly values = new Map<string, unknown>();
    keys(): readonly string[] {
      return [...this.values.keys()];
    }
    get<T>(key: string, fallback?: T): T {
      return (this.values.has(key) ? this.values.get(key) : fallback) as T;
    }
    async update(key: string, value: unknown): Promise<void> {
      this.values.set(key, value);
    }
  }

  it('discovers topics for the papers the taxonomy does not claim, explains them on hover, and keeps a rename', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const names = new TopicNames(new MemoryState());
    const library = new LibraryService(extension.extensionUri, file('.test-storage', 'topics'), String(extension.packageJSON.version), names);
    const tree = new PaperTreeProvider(library);
    try {
      const roots = await tree.getChildren();
      const discovered = roots.filter((r): r is GroupNode => r.kind === 'group' && r.id.startsWith('d.'));
      assert.ok(discovered.length >= 1, `a discovered topic among ${roots.map((r) => (r.kind === 'group' ? r.id : '')).join(', ')}`);
      const item = tree.getTreeItem(discovered[0]);
      assert.strictEqual(item.contextValue, 'group.topic');
      assert.match((item.tooltip as vscode.MarkdownString).value, /Defining words: \w+/);
      assert.ok(!/^Topic \d/.test(String(item.label)), String(item.label));
      const [row] = await tree.getChildren(discovered[0]);
      const hover = (tree.resolveTreeItem(tree.getTreeItem(row), row) as vscode.TreeItem).tooltip as vscode.MarkdownString;
      assert.match(hover.value, /because: (it uses the words that define the topic|its words are closest)/);

      await names.set(discovered[0].id, 'My own topic');
      library.renamed();
      const renamed = (await tree.getChildren()).find((r) => r.kind === 'group' && r.id === discovered[0].id)!;
      assert.strictEqual(tree.getTreeItem(renamed).label, 'My own topic');
      // Kept across a reload: the name is stored by topic id, and the same library gives the same ids.
      await library.rediscover();
      const again = (await tree.getChildren()).find((r) => r.kind === 'group' && r.id === discovered[0].id);
      assert.ok(again, 'same topic id after discovering again');
      assert.strictEqual(tree.getTreeItem(again).label, 'My own topic');
    } finally {
      tree.dispose();
      library.dispose();
    }
  });

  it('files the papers of a JabRef library under its groups, as the sidebar shows them', async () => {
    const api = await activateApi();
    await api.papers();
    const bib = file('library', 'jabref-groups.bib');
    await writeText(bib, [
      '@article{reef2020jabref, title = {Bleaching of reef-building corals in marine heatwaves}, abstract = {Reef corals bleach when sea temperatures stay high.}, keywords = {coral, heat stress}, year = 2020}',
      '@Comment{jabref-meta: grouping:',
      '0 AllEntriesGroup:;',
      '1 KeywordGroup:Heat stress\\;0\\;keywords\\;heat stress\\;0\\;0\\;1\\;\\;\\;\\;;',
      '}',
      '',
    ].join('\n'));
    try {
      const paper = await assert.eventually(() => api.paper('reef2020jabref'), 30000, 'the JabRef entry never reached the library');
      assert.deepStrictEqual(paper.topics, ['s.heat-stress']);
      const tree = treeProvider();
      const group = await assert.eventually(async () => (await tree.getChildren()).find((r) => tree.getTreeItem(r).label === 'Heat stress'), 30000, 'no "Heat stress" group in the sidebar');
      assert.deepStrictEqual((await tree.getChildren(group)).map((n) => (n.kind === 'paper' ? n.paper.key : n.kind)), ['reef2020jabref']);
    } finally {
      await vscode.workspace.fs.delete(bib);
      await assert.eventually(async () => (await api.paper('reef2020jabref')) === undefined, 30000, 'deleting the file did not remove its paper');
    }
  });

  it('groups by keyword or tag, as the sources state them', async () => {
    const tree = treeProvider();
    try {
      tree.setGroupBy('keyword');
      const roots = await tree.getChildren();
      const pruning = roots.find((r) => tree.getTreeItem(r).label === 'pruning');
      assert.ok(pruning, `a "pruning" group (the SparseGPT note's tag) among ${roots.map((r) => tree.getTreeItem(r).label).join(', ')}`);
      const rows = await tree.getChildren(pruning);
      assert.ok(rows.some((n) => n.kind === 'paper' && n.paper.key === 'frantar2023sparsegpt'));
      assert.ok(roots.some((r) => tree.getTreeItem(r).label === 'No keywords'));
    } finally {
      tree.setGroupBy('topic');
    }
  });
});
