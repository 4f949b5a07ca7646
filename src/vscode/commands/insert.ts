import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { addToCitation } from '../../core/citations/addToCitation';
import type { CitationSyntax } from '../../core/citations/types';
import { DEFAULT_CITATION_FORMATS, formatForLanguage, renderCitation, type CitationFormatName } from '../../core/render/citations';
import { renderNoteStub } from '../../core/render/noteStub';
import { syntaxOf } from '../editor/citationDocuments';
import type { Settings } from '../settings';

/**
 * Inserts text at every cursor, replacing selections, as one undo step.
 * Nothing else in the document changes.
 */
export async function insertAtCursors(editor: vscode.TextEditor, text: string): Promise<boolean> {
  return editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, text);
  });
}

/** The citation format for the editor's language: pandoc for Markdown, \cite for LaTeX, @key for Typst, a plain reference otherwise. */
export function citationFormatFor(languageId: string, settings: Settings, syntax?: CitationSyntax): CitationFormatName {
  return settings.languageFormats[languageId] ?? (syntax && languageId === 'plaintext' ? FORMAT_OF_SYNTAX[syntax] : formatForLanguage(languageId));
}

/** Renders formatted references in the `litnotes.citationStyle` CSL style; undefined when the style could not be used (already reported). */
export type PlainReferences = (papers: Paper[]) => Promise<string | undefined>;

/** For `.qmd`, `.Rmd` and `.typ` files that open as plain text, the format their name implies. */
const FORMAT_OF_SYNTAX: Record<CitationSyntax, CitationFormatName> = { pandoc: 'pandoc', latex: 'latex', typst: 'typst' };

/**
 * Cites at every cursor. A cursor inside an existing citation adds the keys
 * to it (`[@a]` → `[@a; @b]`, `\cite{a}` → `\cite{a,b}`) rather than nesting
 * a second citation; elsewhere the citation replaces the selection.
 */
export async function insertCitation(editor: vscode.TextEditor, papers: Paper[], settings: Settings, plainReferences?: PlainReferences): Promise<boolean> {
  const { document } = editor;
  const syntax = syntaxOf(document);
  const format = citationFormatFor(document.languageId, settings, syntax);
  // The `plain` format is a CSL style choice; a custom `plain` template still wins.
  const csl = format === 'plain' && plainReferences && settings.citationFormats.plain === DEFAULT_CITATION_FORMATS.plain;
  const citation = csl ? await plainReferences(papers) : renderCitation(papers, settings.citationFormats[format]);
  if (citation === undefined) return false;
  const source = syntax ? document.getText() : '';
  const keys = papers.map((p) => p.key);
  return editor.edit((edit) => {
    for (const selection of editor.selections) {
      const inPlace = syntax && selection.isEmpty ? addToCitation(source, document.offsetAt(selection.active), syntax, keys) : undefined;
      if (inPlace) edit.insert(document.positionAt(inPlace.at), inPlace.text);
      else edit.replace(selection, citation);
    }
  });
}

export async function insertNoteStub(editor: vscode.TextEditor, paper: Paper, settings: Settings): Promise<boolean> {
  return insertAtCursors(editor, renderNoteStub(paper, settings.noteTemplate));
}
