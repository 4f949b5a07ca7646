import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { noteFileName } from '../../core/render/notePaths';
import { renderNoteStub } from '../../core/render/noteStub';
import { log } from '../log';
import type { Settings } from '../settings';

/** Notes being created right now, by target URI: a second call for the same note waits for the first. */
const inFlight = new Map<string, Promise<vscode.Uri>>();

/** `<workspace>/<notesFolder>/<safe key>.md`, always inside the notes folder. */
export function noteUri(folder: vscode.Uri, settings: Settings, paper: Paper): vscode.Uri {
  const segments = settings.notesFolder.split(/[\\/]+/).filter((s) => s && s !== '.' && s !== '..');
  return vscode.Uri.joinPath(folder, ...segments, noteFileName(paper.key));
}

/** Whether a file or folder is at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the paper's note, creating it from the template first if there is
 * none. An existing note, wherever the library found it, is never rewritten:
 * it is opened as it is.
 */
export async function createOrOpenNote(paper: Paper, settings: Settings, knownNote: vscode.Uri | undefined): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) {
    // No workspace: hand the stub over as an unsaved document.
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderNoteStub(paper, settings.noteTemplate) });
    await vscode.window.showTextDocument(doc);
    return doc;
  }
  const target = knownNote ?? noteUri(folder, settings, paper);
  const key = target.toString().toLowerCase();
  let pending = inFlight.get(key);
  if (!pending) {
    pending = writeIfAbsent(target, paper, settings).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const uri = await pending;
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function writeIfAbsent(target: vscode.Uri, paper: Paper, settings: Settings): Promise<vscode.Uri> {
  if (await exists(target)) {
    log().info(`Opening the existing note ${target.toString()}`);
    return target;
  }
  const parent = vscode.Uri.joinPath(target, '..');
  await vscode.workspace.fs.createDirectory(parent);
  // createFile with ignoreIfExists leaves any file that appeared meanwhile untouched.
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(renderNoteStub(paper, settings.noteTemplate)) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not create ${target.toString()}`);
  log().info(`Created the note ${target.toString()}`);
  return target;
}
