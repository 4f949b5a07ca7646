import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { concatBytes } from '../../core/search/savedIndex';

/**
 * Writes `parts`, one after another, as the file at `uri`. In a Node host a
 * local file is written piece by piece, so parts that are views of live
 * arrays (the saved index's) are never copied into one buffer; elsewhere (the
 * web, other schemes) they are joined and written through VS Code.
 */
export async function writeInParts(uri: vscode.Uri, parts: readonly Uint8Array[]): Promise<number> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  if (uri.scheme === 'file' && typeof fs.promises?.open === 'function') {
    const file = await fs.promises.open(uri.fsPath, 'w');
    try {
      for (const part of parts) {
        for (let at = 0; at < part.length;) at += (await file.write(part, at, part.length - at)).bytesWritten;
      }
    } finally {
      await file.close();
    }
    return length;
  }
  await vscode.workspace.fs.writeFile(uri, concatBytes(parts));
  return length;
}
