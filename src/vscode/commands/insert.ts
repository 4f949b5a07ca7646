import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { formatForLanguage, renderCitation } from '../../core/render/citations';
import { renderNoteStub } from '../../core/render/noteStub';
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

/** The citation for the editor's language: pandoc for Markdown, \cite for LaTeX, a plain reference otherwise. */
export function citationFor(papers: Paper[], languageId: string, settings: Settings): string {
  const format = settings.languageFormats[languageId] ?? formatForLanguage(languageId);
  return renderCitation(papers, settings.citationFormats[format]);
}

export async function insertCitation(editor: vscode.TextEditor, papers: Paper[], settings: Settings): Promise<boolean> {
  return insertAtCursors(editor, citationFor(papers, editor.document.languageId, settings));
}

export async function insertNoteStub(editor: vscode.TextEditor, paper: Paper, settings: Settings): Promise<boolean> {
  return insertAtCursors(editor, renderNoteStub(paper, settings.noteTemplate));
}
