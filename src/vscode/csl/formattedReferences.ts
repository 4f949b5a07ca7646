import * as vscode from 'vscode';
import { bibliographyEdit, commentSyntaxFor } from '../../core/csl/bibliographyBlock';
import { citedKeys } from '../../core/citations/scan';
import type { Paper } from '../../core/model';
import { citationsOf, syntaxOf } from '../editor/citationDocuments';
import type { LibraryService } from '../library/libraryService';
import { log } from '../log';
import { readSettings } from '../settings';
import { CslStyleProblem, loadRenderer, type CslRenderer } from './loadRenderer';
import { resolveStyle, StyleSettingError } from './styleSource';

export type ReferenceFormat = 'text' | 'markdown';

/** Languages whose documents get Markdown references (emphasis as `*…*`); every other gets plain text. */
const MARKDOWN_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'rmarkdown', 'mdx', 'pandoc']);

export function referenceFormatFor(document: vscode.TextDocument): ReferenceFormat {
  return MARKDOWN_LANGUAGES.has(document.languageId) || /\.(qmd|rmd)$/i.test(document.uri.path) ? 'markdown' : 'text';
}

/**
 * Formatted references in the `litnotes.citationStyle` style. A style that
 * cannot be used (unknown id, unreadable or invalid `.csl` file) gives a
 * message with the way to fix it and a log line, and `undefined`.
 */
export class FormattedReferences {
  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The rendered entries and the style's name, or undefined after reporting why not. */
  async render(papers: readonly Paper[], format: ReferenceFormat, scope?: vscode.ConfigurationScope): Promise<{ entries: string[]; style: string } | undefined> {
    // The first render of a session builds citeproc's engine (about a second for APA): say so in the status bar.
    // (Where no worker could start it runs synchronously here, so the message goes out first.)
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('LitNotes: formatting references…') }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      return this.renderNow(papers, format, scope);
    });
  }

  private async renderNow(papers: readonly Paper[], format: ReferenceFormat, scope?: vscode.ConfigurationScope): Promise<{ entries: string[]; style: string } | undefined> {
    const { settings } = readSettings(scope);
    let renderer: CslRenderer;
    try {
      renderer = await loadRenderer(this.extensionUri);
    } catch (error) {
      log().error('Loading the CSL renderer (dist/*/csl.js) failed', error);
      throw error;
    }
    try {
      const style = await resolveStyle(this.extensionUri, settings.citationStyle);
      const started = Date.now();
      const entries = await renderer.renderReferences(papers, { style: style.xml, lang: style.lang, locales: style.locales, format });
      log().info(`Formatted ${entries.length} reference(s) in ${style.name} (${style.lang}) in ${Date.now() - started} ms`);
      return { entries, style: style.name };
    } catch (error) {
      if (!(error instanceof StyleSettingError) && !(error instanceof CslStyleProblem)) throw error;
      log().error(`Citation style "${settings.citationStyle}": ${error.message}`);
      const open = vscode.l10n.t('Open Settings');
      const show = vscode.l10n.t('Show Log');
      void vscode.window.showErrorMessage(vscode.l10n.t('LitNotes: {0}', error.message), open, show).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'litnotes.citationStyle');
        else if (choice === show) log().show();
      });
      return undefined;
    }
  }

  /** The papers as one text: Markdown paragraphs, or one reference per line. */
  async text(papers: readonly Paper[], format: ReferenceFormat, scope?: vscode.ConfigurationScope): Promise<string | undefined> {
    const rendered = await this.render(papers, format, scope);
    return rendered?.entries.join(format === 'markdown' ? '\n\n' : '\n');
  }
}

/** Inserts the formatted references at every cursor, as one undo step. */
export async function insertFormattedReference(editor: vscode.TextEditor, papers: readonly Paper[], references: FormattedReferences): Promise<boolean> {
  const text = await references.text(papers, referenceFormatFor(editor.document), editor.document.uri);
  if (text === undefined) return false;
  return editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, text);
  });
}

/** Copies the formatted references as plain text or Markdown; the caller (or the user) chooses. */
export async function copyFormattedReference(papers: readonly Paper[], references: FormattedReferences, format?: unknown): Promise<string | undefined> {
  let chosen: ReferenceFormat | undefined = format === 'text' || format === 'markdown' ? format : undefined;
  if (!chosen) {
    const items: Array<vscode.QuickPickItem & { format: ReferenceFormat }> = [
      { label: vscode.l10n.t('Plain text'), format: 'text' },
      { label: vscode.l10n.t('Markdown'), description: vscode.l10n.t('italics as *…*'), format: 'markdown' },
    ];
    chosen = (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('LitNotes: Copy Formatted Reference') }))?.format;
  }
  if (!chosen) return undefined;
  const text = await references.text(papers, chosen);
  if (text === undefined) return undefined;
  await vscode.env.clipboard.writeText(text);
  return text;
}

/**
 * "Insert Bibliography": every paper cited in the active document, formatted
 * in the style's order, between marker comments. A second run replaces the
 * marked block wherever it is; otherwise it goes in at the cursor.
 */
export async function insertBibliography(editor: vscode.TextEditor, library: LibraryService, references: FormattedReferences): Promise<boolean> {
  const { document } = editor;
  if (!syntaxOf(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Insert Bibliography works in Markdown, Quarto, R Markdown, LaTeX and Typst documents.'));
    return false;
  }
  const snapshot = await library.get();
  const papers = new Map<string, Paper>();
  const missing = new Set<string>();
  for (const { key } of citedKeys(citationsOf(document))) {
    const paper = snapshot.paper(key);
    if (paper) {
      if (!papers.has(paper.key)) papers.set(paper.key, paper);
    } else {
      missing.add(key);
    }
  }
  if (papers.size === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No paper of the LitNotes library is cited in this document.'));
    return false;
  }
  const rendered = await references.render([...papers.values()], referenceFormatFor(document), document.uri);
  if (!rendered) return false;
  const text = document.getText();
  const edit = bibliographyEdit(text, document.offsetAt(editor.selection.active), rendered.entries, commentSyntaxFor(document.languageId), rendered.style);
  const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
  const done = await editor.edit((builder) => builder.replace(range, edit.text));
  if (done && missing.size) {
    const list = [...missing].slice(0, 5).join(', ') + (missing.size > 5 ? ', …' : '');
    void vscode.window.showInformationMessage(vscode.l10n.t('Not in the library, so not in the bibliography: {0}.', list));
  }
  return done;
}
