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
  const file = await openLocalFile(uri);
  if (file) {
    try {
      for (const part of parts) await file.write(part);
    } finally {
      await file.close();
    }
    return length;
  }
  await vscode.workspace.fs.writeFile(uri, concatBytes(parts));
  return length;
}

/** A local file being written piece by piece. */
export interface LocalFile {
  /** Writes all of `bytes` after what was written before. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The file at `uri` opened for writing (emptied), in a Node host and for a local file; undefined elsewhere. */
export async function openLocalFile(uri: vscode.Uri): Promise<LocalFile | undefined> {
  if (uri.scheme !== 'file' || typeof fs.promises?.open !== 'function') return undefined;
  const file = await fs.promises.open(uri.fsPath, 'w');
  return {
    write: async (bytes) => {
      for (let at = 0; at < bytes.length;) at += (await file.write(bytes, at, bytes.length - at)).bytesWritten;
    },
    close: () => file.close(),
  };
}
