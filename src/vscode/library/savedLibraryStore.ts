import * as vscode from 'vscode';
import type { Paper, Problem } from '../../core/model';
import type { CatalogTopic, TopicState } from '../../core/topics/topicModes';
import { decodeTopicState, encodeTopicState } from '../../core/topics/savedTopics';
import { encodeLibraryFile, LibraryFilesDecoder, libraryFileCount, libraryFilePieces, readLibraryHeader, type SavedLibraryHeader } from '../../core/library/savedLibrary';
import { INDEX_FORMAT, SearchIndex } from '../../core/search/searchIndex';
import { release } from '../../core/release';
import { runInSlices } from '../../core/slices';
import { log } from '../log';
import { peakMemoryNote } from './peakMemory';
import { openLocalFile, writeInParts } from './writeInParts';
import type { Settings } from '../settings';
import type { SourceFile } from './workspaceSources';

/** The files the library is saved in: papers (one JSON line each), the binary search index, and what topic discovery learnt. */
export const SAVED_FILES = { papers: 'library-papers.jsonl', index: 'library-index.bin', topics: 'library-topics.bin' } as const;

/** What a restore gives back: the library as it was saved. */
export interface SavedLibrary {
  papers: Paper[];
  problems: Problem[];
  index: SearchIndex;
  notes: Map<string, vscode.Uri>;
  topics: CatalogTopic[];
  /** What topic assignment learnt, when it was saved with this library: new papers join these topics. */
  topicState?: TopicState;
  /** The settings and source files it was read from. */
  fingerprint: string;
}

/**
 * Saves the loaded library in the extension's storage and restores it on the
 * next start, when the settings and every source file (path, size, mtime)
 * are as they were: the fingerprint says so.
 */
export class SavedLibraryStore {
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly storageUri: vscode.Uri | undefined, private readonly version: string) {}

  /** Identifies a library by the extension version, index format, settings and source files. */
  fingerprint(settings: Settings, files: readonly SourceFile[]): string {
    const stats = files.map((f) => `${f.uri.toString()}|${f.stat ? `${f.stat.mtime}|${f.stat.size}` : 'missing'}`);
    return JSON.stringify([INDEX_FORMAT, this.version, settings, stats]);
  }

  /** Where one of the saved files lives (undefined without storage). */
  file(name: keyof typeof SAVED_FILES): vscode.Uri | undefined {
    return this.storageUri && vscode.Uri.joinPath(this.storageUri, SAVED_FILES[name]);
  }

  /** The saved papers' file `n` (0 is the papers file, with the header). */
  private papersFile(n: number): vscode.Uri | undefined {
    return n === 0 ? this.file('papers') : this.storageUri && vscode.Uri.joinPath(this.storageUri, SAVED_FILES.papers.replace(/\.jsonl$/, `-${n}.jsonl`));
  }

  /**
   * The fingerprint the saved library would have now: its own source files
   * (listed in its header) stat'ed again. Finding the files anew takes VS
   * Code's file search, half a second or more while a window starts; a file
   * added while VS Code was closed is caught by a search after the restore.
   */
  async fingerprintNow(settings: Settings, saved: SavedLibraryHeader): Promise<string | undefined> {
    if (!saved.sources) return undefined;
    const files = await Promise.all(saved.sources.map(async (source): Promise<SourceFile> => {
      const uri = vscode.Uri.parse(source);
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      return { uri, role: 'library', stat };
    }));
    return this.fingerprint(settings, files);
  }

  /**
   * The library as last saved, if `expected` (given the saved header) gives
   * its fingerprint: it is still current. Any failure means "read the files".
   */
  async restore(expected: (saved: SavedLibraryHeader) => Promise<string | undefined>): Promise<SavedLibrary | undefined> {
    const papersUri = this.file('papers');
    const indexUri = this.file('index');
    if (!papersUri || !indexUri) return undefined;
    // All three files are asked for at once: while a window starts, each trip to the file system waits its turn.
    const indexRead = Promise.resolve(vscode.workspace.fs.readFile(indexUri));
    indexRead.catch(() => undefined);
    const topicsRead = this.readTopics();
    const started = Date.now();
    try {
      const bytes = await vscode.workspace.fs.readFile(papersUri);
      const saved = readLibraryHeader(bytes);
      if (!saved) return undefined;
      const files = saved.files ?? 1;
      // Each papers file is read while the one before is decoded, and let go once decoded (see LibraryFilesDecoder).
      const read = (n: number) => {
        const file = Promise.resolve(vscode.workspace.fs.readFile(this.papersFile(n)!));
        file.catch(() => undefined);
        return file;
      };
      // The second is read while the sources are checked.
      let ahead = files > 1 ? read(1) : undefined;
      if ((await expected(saved)) !== saved.fingerprint) return undefined;
      const fingerprint = saved.fingerprint;
      const checked = Date.now();
      const decoder = new LibraryFilesDecoder();
      for (let n = 0; n < files; n++) {
        const file = n === 0 ? bytes : await ahead!;
        if (n > 0) ahead = n + 1 < files ? read(n + 1) : undefined;
        await runInSlices(decoder.decode(file));
        release(file);
      }
      const { header, papers } = decoder.finish();
      const decoded = Date.now();
      const indexBytes = await indexRead;
      if (indexBytes.length !== header.indexBytes) return undefined;
      const index = await runInSlices(SearchIndex.restore(indexBytes, papers));
      const notes = new Map<string, vscode.Uri>(header.notes.map(([key, note]) => [key, vscode.Uri.parse(note)]));
      const topicBytes = await topicsRead;
      log().info(`Read the saved library: its first file read and sources checked in ${checked - started} ms, papers read and decoded in ${decoded - checked} ms, index restored in ${Date.now() - decoded} ms.`);
      return { papers, problems: header.problems, index, notes, topics: header.topics ?? [], topicState: topicBytes && this.decodeTopics(topicBytes, fingerprint), fingerprint };
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError)) log().warn(`The saved library could not be read, so it is rebuilt: ${String(error)}`);
      return undefined;
    }
  }

  /** Writes the index's bytes; gives their length. */
  private async writeIndex(uri: vscode.Uri, index: SearchIndex): Promise<number> {
    return writeInParts(uri, await runInSlices(index.toBytePartsSteps()));
  }

  /** The saved topic state's bytes; undefined without the file (an older save). */
  private async readTopics(): Promise<Uint8Array | undefined> {
    const uri = this.file('topics');
    if (!uri) return undefined;
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch {
      return undefined;
    }
  }

  /** The saved topic state; without it (another library's, a damaged file) the next change discovers topics afresh. */
  private decodeTopics(bytes: Uint8Array, fingerprint: string): TopicState | undefined {
    try {
      return decodeTopicState(bytes, fingerprint);
    } catch (error) {
      log().warn(`The saved topics could not be read; they are learnt again on the next change: ${String(error)}`);
      return undefined;
    }
  }

  /** Queues a save; saves run one after another, and a failure is logged, never thrown. */
  save(fingerprint: string, library: { papers: readonly Paper[]; problems: readonly Problem[]; index: SearchIndex; notes: ReadonlyMap<string, vscode.Uri>; topics: readonly CatalogTopic[]; topicState?: TopicState; sources: readonly SourceFile[] }): void {
    this.saving = this.saving.then(() => this.write(fingerprint, library));
  }

  /** Resolves when every save queued so far has finished. */
  whenSaved(): Promise<void> {
    return this.saving;
  }

  /** Writes the index first, so saved papers never pair with an older index. */
  private async write(fingerprint: string, library: Parameters<SavedLibraryStore['save']>[1]): Promise<void> {
    const papersUri = this.file('papers');
    const indexUri = this.file('index');
    if (!papersUri || !indexUri || !this.storageUri) return;
    const started = Date.now();
    try {
      await vscode.workspace.fs.createDirectory(this.storageUri);
      // The index is written before the papers are encoded: at 100k papers the two are 300 MB together.
      const indexBytes = await this.writeIndex(indexUri, library.index);
      const header = {
        fingerprint, problems: [...library.problems], papers: library.papers.length, indexBytes,
        notes: [...library.notes].map(([key, note]): [string, string] => [key, note.toString()]),
        topics: [...library.topics],
        sources: library.sources.map((f) => f.uri.toString()),
      };
      // One file encoded and written at a time; the first, with the header that counts the rest, last:
      // a save cut short leaves a header whose files do not match it, and the next start reads the sources.
      // Each file is encoded into the buffer of the one before it, once that was written.
      let papersBytes = 0;
      let buffer: Uint8Array | undefined;
      const reusable = (bytes: Uint8Array) => (bytes.buffer.byteLength ? new Uint8Array(bytes.buffer) : undefined);
      for (let n = libraryFileCount(library.papers.length) - 1; n >= 0; n--) {
        // A local file (Node host) is written a piece at a time, from one small buffer.
        const local = await openLocalFile(this.papersFile(n)!);
        if (local) {
          try {
            const pieces = libraryFilePieces(header, library.papers, n);
            for (let i = 0; i < pieces.count; i++) {
              const bytes = await runInSlices(pieces.piece(i, buffer));
              await local.write(bytes);
              papersBytes += bytes.length;
              buffer = reusable(bytes);
            }
          } finally {
            await local.close();
          }
          continue;
        }
        const bytes = await runInSlices(encodeLibraryFile(header, library.papers, n, undefined, buffer));
        await vscode.workspace.fs.writeFile(this.papersFile(n)!, bytes);
        papersBytes += bytes.length;
        // (Unless the write took the buffer away, as a transfer would.)
        buffer = reusable(bytes);
      }
      const topicsUri = this.file('topics');
      if (topicsUri && library.topicState) await vscode.workspace.fs.writeFile(topicsUri, encodeTopicState(library.topicState, fingerprint));
      log().info(`Saved the library for the next start: ${library.papers.length} papers, ${((indexBytes + papersBytes) / 1e6).toFixed(1)} MB in ${Date.now() - started} ms${peakMemoryNote()}.`);
    } catch (error) {
      log().warn(`Could not save the library index: ${String(error)}`);
    }
  }
}
