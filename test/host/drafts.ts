import * as vscode from 'vscode';
import { file, writeText } from './workspace';

const written: vscode.Uri[] = [];

/** Writes a draft into the workspace's drafts/ folder and opens it; `removeDrafts` deletes it again. */
export async function writeDraft(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = file('drafts', name);
  await writeText(uri, text);
  written.push(uri);
  return vscode.workspace.openTextDocument(uri);
}

/** A file a test wrote beside its drafts, deleted with them. */
export function removeLater(...uris: vscode.Uri[]): void {
  written.push(...uris);
}

/** After a test: the drafts it wrote are saved (so closing asks nothing), every editor closed, and the drafts deleted. */
export async function removeDrafts(): Promise<void> {
  const ours = new Set(written.map((uri) => uri.toString()));
  for (const document of vscode.workspace.textDocuments) if (document.isDirty && ours.has(document.uri.toString())) await document.save();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
}
