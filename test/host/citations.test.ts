import * as vscode from 'vscode';
import * as assert from './assert';
import { removeDrafts, removeLater, writeDraft } from './drafts';
import { activateApi, file, readText, writeText } from './workspace';


/** The position just after the first occurrence of `marker`. */
function after(document: vscode.TextDocument, marker: string): vscode.Position {
  const at = document.getText().indexOf(marker);
  assert.ok(at >= 0, `"${marker}" is not in the document`);
  return document.positionAt(at + marker.length);
}

/** A position `by` characters into the first occurrence of `marker`. */
function inside(document: vscode.TextDocument, marker: string, by = 2): vscode.Position {
  return document.positionAt(document.getText().indexOf(marker) + by);
}

/** LitNotes' suggestions at a position (VS Code adds words of open documents; those are left out). */
async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.filter((item) => item.kind === vscode.CompletionItemKind.Reference);
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function definitions(document: vscode.TextDocument, position: vscode.Position): Promise<Array<{ uri: vscode.Uri; line: number }>> {
  const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, position);
  return found.map((d) => ('targetUri' in d ? { uri: d.targetUri, line: d.targetRange.start.line } : { uri: d.uri, line: d.range.start.line }));
}

function litnotesDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LitNotes');
}

describe('Cite while you write', () => {
  before(async () => {
    await (await activateApi()).papers(); // the library is loaded
  });

  afterEach(removeDrafts);

  it('completes keys by title words in Markdown, and accepting replaces the partial token', async () => {
    const document = await writeDraft('cite-completion.md', 'Pruning in one shot [@sparse gpt\n');
    const items = await completions(document, after(document, '[@sparse gpt'));
    const labels = items.map(label);
    assert.ok(labels.slice(0, 3).includes('frantar2023sparsegpt'), `top suggestions: ${labels.slice(0, 5).join(', ')}`);
    const item = items.find((i) => label(i) === 'frantar2023sparsegpt') as vscode.CompletionItem;
    assert.match(String(item.detail), /^Frantar and Alistarh · 2023$/);
    assert.match((item.documentation as vscode.MarkdownString).value, /SparseGPT/);
    const range = item.range as { replacing: vscode.Range };
    assert.strictEqual(document.getText(range.replacing), 'sparse gpt');
    assert.strictEqual(item.insertText, 'frantar2023sparsegpt');
  });

  it('keeps suggestions open after one typed letter, so the next letters narrow them', async () => {
    const document = await writeDraft('cite-one-letter.md', 'Slicing [@s\n');
    const items = await completions(document, after(document, '[@s'));
    assert.ok(items.length > 0, 'suggestions after "[@s"');
    const narrowed = await writeDraft('cite-two-letters.md', 'Slicing [@slice\n');
    assert.strictEqual(label((await completions(narrowed, after(narrowed, '[@slice')))[0]), 'ashkboos2024slicegpt');
  });

  it('completes in Quarto, LaTeX and Typst documents, by file name where no extension knows the language', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['cite-completion.qmd', 'Compression [@slicegpt', '[@slicegpt', 'ashkboos2024slicegpt'],
      ['cite-completion.tex', 'Adapters \\citep[see][]{frantar2022gptq, low rank}', 'low rank', 'hu2021lora'],
      ['cite-completion.typ', 'Fast attention @flashatt', '@flashatt', 'dao2022flashattention'],
    ];
    for (const [name, text, marker, expected] of cases) {
      const document = await writeDraft(name, `${text}\n`);
      const labels = (await completions(document, after(document, marker))).map(label);
      assert.ok(labels.slice(0, 3).includes(expected), `${name}: expected ${expected} among ${labels.slice(0, 5).join(', ')}`);
    }
  });

  it('suggests nothing in code, e-mail addresses or outside a citation command', async () => {
    const document = await writeDraft('cite-nothing.md', '```\n@sparse\n```\nmail me@sparse\n');
    for (const marker of ['@sparse', 'me@sparse']) {
      const labels = (await completions(document, after(document, marker))).map(label);
      assert.ok(!labels.includes('frantar2023sparsegpt'), `suggested after ${marker}: ${labels.slice(0, 5).join(', ')}`);
    }
    const tex = await writeDraft('cite-nothing.tex', '\\textbf{sparse}\n');
    assert.ok(!(await completions(tex, after(tex, 'sparse'))).map(label).includes('frantar2023sparsegpt'));
  });

  it('shows a card on hover, and says so for an unknown key with the closest keys', async () => {
    const document = await writeDraft('cite-hover.md', 'Adapters [@hu2021lora] and [@hu2021lorra].\n');
    const card = await hoverText(document, inside(document, 'hu2021lora]', 3));
    assert.match(card, /LoRA/);
    assert.match(card, /2021/);
    assert.match(card, /command:litnotes\.createNote/);
    assert.match(card, /command:litnotes\.openAbstract/);
    const unknown = await hoverText(document, inside(document, 'hu2021lorra', 3));
    assert.match(unknown, /"hu2021lorra" is not in the LitNotes library/);
    assert.match(unknown, /`hu2021lora`/);
  });

  it('goes to the note, the source entry at its line, or the embedded abstract', async () => {
    const tex = await writeDraft('cite-definition.tex', 'See \\cite{frantar2023sparsegpt, frantar2022gptq}.\n');
    const [note] = await definitions(tex, inside(tex, 'frantar2023sparsegpt'));
    assert.strictEqual(note.uri.toString(), file('notes', 'frantar2023sparsegpt.md').toString());
    const [entry] = await definitions(tex, inside(tex, 'frantar2022gptq'));
    const bib = await readText(file('library', 'references.bib'));
    const expectedLine = bib.split('\n').findIndex((l) => /@\w+\{frantar2022gptq,/.test(l));
    assert.ok(expectedLine >= 0);
    assert.deepStrictEqual({ uri: entry.uri.toString(), line: entry.line }, { uri: file('library', 'references.bib').toString(), line: expectedLine });
    const typ = await writeDraft('cite-definition.typ', 'Slicing #cite(<ashkboos2024slicegpt>).\n');
    const [embedded] = await definitions(typ, inside(typ, 'ashkboos2024slicegpt'));
    assert.strictEqual(embedded.uri.scheme, 'litnotes-abstract');
    assert.match(embedded.uri.path, /ashkboos2024slicegpt/);
  });

  it('marks unknown keys only, offers the closest keys and a search as fixes, and the setting turns it off', async () => {
    const text = [
      'Known [@hu2021lora; @frantar2023sparsegtp].',
      'Mail alice@example.org; `@inline_code`; see https://example.com/@user.',
      '```',
      '@in_code',
      '```',
      '',
    ].join('\n');
    const document = await writeDraft('cite-check.md', text);
    const diagnostics = await assert.eventually(() => {
      const found = litnotesDiagnostics(document.uri);
      return found.length ? found : undefined;
    }, 8000, 'no LitNotes diagnostics appeared');
    assert.deepStrictEqual(diagnostics.map((d) => document.getText(d.range)), ['frantar2023sparsegtp']);
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostics[0].range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Replace with "frantar2023sparsegpt"'), `fixes: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Search LitNotes…'), `fixes: ${titles.join(' | ')}`);
    const replace = actions.find((a) => a.title === 'Replace with "frantar2023sparsegpt"') as vscode.CodeAction;
    assert.ok(replace.edit && (await vscode.workspace.applyEdit(replace.edit)));
    assert.match(document.getText(), /\[@hu2021lora; @frantar2023sparsegpt\]/);
    await assert.eventually(() => litnotesDiagnostics(document.uri).length === 0, 8000, 'the fixed key is still marked');

    const config = vscode.workspace.getConfiguration('litnotes');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '[@nobody1999unknown] ');
    await vscode.workspace.applyEdit(edit);
    await assert.eventually(() => litnotesDiagnostics(document.uri).length === 1, 8000, 'the new unknown key is not marked');
    try {
      await config.update('citationDiagnostics', 'off', vscode.ConfigurationTarget.Workspace);
      await assert.eventually(() => litnotesDiagnostics(document.uri).length === 0, 8000, '"off" left diagnostics');
    } finally {
      await config.update('citationDiagnostics', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await assert.eventually(() => litnotesDiagnostics(document.uri).length === 1, 8000, 'diagnostics did not come back');
  });

  it('finds every place a paper is cited across the workspace, in files never opened too', async () => {
    const md = await writeDraft('cite-references.md', 'LoRA [@hu2021lora] and again @hu2021lora.\n');
    await writeDraft('cite-references.tex', 'Adapters \\citep{frantar2022gptq, hu2021lora}.\n');
    const all = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', md.uri, inside(md, 'hu2021lora'));
    // VS Code's Markdown extension adds its own result: `[@hu2021lora]` read as a reference link, range from the `@`.
    const found: vscode.Location[] = [];
    for (const location of all) {
      const text = (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
      if (!text.startsWith('@')) found.push(location);
    }
    const files = found.map((l) => l.uri.path.split('/').pop());
    for (const name of ['cite-references.md', 'cite-references.tex', 'draft.md']) assert.ok(files.includes(name), `no reference in ${name}: ${files.join(', ')}`);
    assert.strictEqual(files.filter((f) => f === 'cite-references.md').length, 2);
    for (const location of found) {
      const text = (await vscode.workspace.openTextDocument(location.uri)).getText(location.range);
      assert.strictEqual(text, 'hu2021lora', `${location.uri.path} ${location.range.start.line}:${location.range.start.character}`);
    }
  });

  it('Insert Citation inside a citation adds to it, never nests a second one', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['cite-in-place.md', 'See [@hu2021lora] here.\n', 'hu2021lora', 'See [@hu2021lora; @frantar2022gptq] here.\n'],
      ['cite-in-place.tex', 'See \\citep[p. 2]{hu2021lora} here.\n', 'hu2021lora', 'See \\citep[p. 2]{hu2021lora,frantar2022gptq} here.\n'],
    ];
    for (const [name, text, marker, expected] of cases) {
      const document = await writeDraft(name, text);
      const editor = await vscode.window.showTextDocument(document);
      const position = inside(document, marker, 3);
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('litnotes.insertCitation', 'frantar2022gptq');
      assert.strictEqual(document.getText(), expected, name);
    }
  });

  it('a document that declares its bibliography gets suggestions and checks from those files, even outside litnotes.sources', async () => {
    const bib = file('drafts', 'cite-local.bib');
    await writeText(bib, '@article{local2024only,\n  title = {Only Declared Here},\n  author = {Doe, Jane},\n  year = {2024}\n}\n');
    removeLater(bib);
    const text = '---\nbibliography: [cite-local.bib, ../library/references.bib]\n---\n\nSee [@hu2021lora; @ashkboos2024slicegpt; @local2024only].\n\n[@only declared\n\n[@slicegpt\n';
    const document = await writeDraft('cite-scope.md', text);
    assert.deepStrictEqual((await completions(document, after(document, '[@only declared'))).map(label), ['local2024only']);
    assert.deepStrictEqual((await completions(document, after(document, '[@slicegpt'))).map(label), [], 'SliceGPT is in the library, not in the declared files');
    const diagnostics = await assert.eventually(() => {
      const found = litnotesDiagnostics(document.uri);
      return found.length ? found : undefined;
    }, 8000, 'no LitNotes diagnostics appeared');
    // The unfinished `[@only` and `[@slicegpt` are citations of unknown keys too.
    assert.deepStrictEqual(diagnostics.map((d) => document.getText(d.range)), ['ashkboos2024slicegpt', 'only', 'slicegpt']);
    assert.match(diagnostics[0].message, /not in this document's bibliography \(cite-local\.bib, \.\.\/library\/references\.bib\)/);
  });

  it('exports the entries cited in a document: BibTeX entries as written, others rendered; CSL-JSON too', async () => {
    const document = await writeDraft('cite-export.md', 'See [@frantar2022gptq; @kwon2023pagedattention; @ashkboos2024slicegpt; @nobody1999unknown].\n');
    await vscode.window.showTextDocument(document);
    const bibTarget = file('drafts', 'cite-export.bib');
    const jsonTarget = file('drafts', 'cite-export.json');
    removeLater(bibTarget, jsonTarget);
    const exported = await vscode.commands.executeCommand<vscode.Uri>('litnotes.exportCited', bibTarget.toString(), 'document');
    assert.strictEqual(exported?.toString(), bibTarget.toString());
    const bib = await readText(bibTarget);
    const source = await readText(file('library', 'references.bib'));
    const original = /@\w+\{frantar2022gptq,[\s\S]*?\n\}/.exec(source);
    assert.ok(original, 'the entry in references.bib');
    assert.ok(bib.includes(original[0]), 'the BibTeX entry is copied as written');
    assert.deepStrictEqual([...bib.matchAll(/^@(\w+)\{([^,]+),/gm)].map((m) => m[2]).sort(), ['ashkboos2024slicegpt', 'frantar2022gptq', 'kwon2023pagedattention']);
    await vscode.commands.executeCommand('litnotes.exportCited', jsonTarget.toString(), 'document');
    const items = JSON.parse(await readText(jsonTarget)) as Array<{ id: string; title: string }>;
    assert.deepStrictEqual(items.map((i) => i.id), ['ashkboos2024slicegpt', 'frantar2022gptq', 'kwon2023pagedattention']);
    assert.match(items[0].title, /SliceGPT/);
  });

  it("with VS Code's Markdown link validation on, the documented setting keeps [@key] from being flagged as a missing link", async () => {
    // VS Code reads `[@key]` as a reference link; `markdown.validate.ignoredLinks` does not cover those (seen
    // in this workbench), so the README advises `markdown.validate.referenceLinks.enabled: "ignore"`.
    const config = vscode.workspace.getConfiguration('markdown');
    const document = await writeDraft('cite-validate.md', 'Cited [@hu2021lora], [-@frantar2023sparsegpt] and [see @hu2021lora, p. 3].\n\nA broken file link: [text](./no-such-file.md).\n');
    await vscode.window.showTextDocument(document);
    try {
      await config.update('validate.referenceLinks.enabled', 'ignore', vscode.ConfigurationTarget.Workspace);
      await config.update('validate.enabled', true, vscode.ConfigurationTarget.Workspace);
      // The broken file link is the control: once it is flagged, validation has run over the document.
      const markdown = await assert.eventually(() => {
        const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source !== 'LitNotes');
        return found.some((d) => document.getText(d.range).includes('no-such-file')) ? found : undefined;
      }, 15000, 'Markdown validation never flagged the broken file link');
      const flagged = markdown.filter((d) => document.getText(d.range).includes('@'));
      assert.deepStrictEqual(flagged.map((d) => d.message), []);
    } finally {
      await config.update('validate.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('validate.referenceLinks.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
