import * as vscode from 'vscode';
import { firstLineOf } from '../../core/lines';
import type { DraftParseResult } from '../../core/model';
import { runInSlices } from '../../core/slices';
import { decodeText } from '../../core/sources/decodeText';
import { sizeRefusal } from '../../core/sources/sizeLimit';
import { noteKeyOf } from '../../core/sources/markdownNotes';
import { log } from '../log';
import type { Settings } from '../settings';
import type { Parsers } from './loadParser';
import { WORKER_MIN_BYTES, type ParseWorkers } from './parseWorkers';
import type { SourceFile } from './workspaceSources';

/** A source file's parse, with the stat it was read at. */
export interface ParsedFile {
  mtime: number;
  size: number;
  result: DraftParseResult;
  /** For a note: the key its front matter names. */
  noteKey?: string;
  /** Read from disk by parse workers (the host read none of it). */
  byWorkers?: boolean;
}

/** Parsed source files by URI: a file is read and parsed again only when its mtime or size changed. */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();

  /**
   * `parsers` loads the parsers' bundle for the files parsed here, in time
   * slices; `workers` parse large library files off the host's thread (and
   * when they fail, those files parse here too).
   */
  constructor(private readonly parsers: () => Promise<Parsers>, private readonly workers?: ParseWorkers) {}

  /**
   * The file's papers and problems; never throws (a failure becomes a problem
   * on the file). `parts`: how many workers may read a large file at once.
   */
  async read(file: SourceFile, settings: Settings, parts = 1): Promise<ParsedFile> {
    const source = file.uri.toString();
    try {
      const stat = file.stat;
      if (!stat) throw new Error('the file was deleted while loading');
      // The limit is checked on the stat, before the cache and before reading a byte, so a file
      // too large to hold is never read and changing the setting applies to files already read.
      const message = sizeRefusal(stat.size, settings.maxFileSizeMB);
      if (message) {
        log().warn(`${source}: ${message}`);
        return { mtime: stat.mtime, size: stat.size, result: { papers: [], problems: [{ source, line: 1, severity: 'error', message }] } };
      }
      const cached = this.files.get(source);
      if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached;
      let result: DraftParseResult | undefined;
      let byWorkers = false;
      if (this.workers?.available && file.role === 'library' && stat.size >= WORKER_MIN_BYTES) {
        // A local file is read by the workers themselves; other files' bytes are handed over to them.
        if (this.workers.readsFiles && file.uri.scheme === 'file') {
          result = await this.workers.parseFile(file.uri.fsPath, stat.size, source, parts);
          byWorkers = result !== undefined;
        } else {
          result = await this.workers.parse(await vscode.workspace.fs.readFile(file.uri), source, parts);
        }
      }
      // Small files, and any a worker could not read, are read and parsed here.
      let bytes: Uint8Array | undefined;
      if (!result) {
        bytes = await vscode.workspace.fs.readFile(file.uri);
        result = await runInSlices((await this.parsers()).parseFileSteps(bytes, source));
      }
      const noteKey = file.role === 'note' && bytes ? noteKeyOf(decodeText(bytes, source).text) : undefined;
      const parsed: ParsedFile = { mtime: stat.mtime, size: stat.size, result, noteKey, byWorkers };
      this.files.set(source, parsed);
      return parsed;
    } catch (error) {
      // Deleted or unreadable while loading: report it and go on with the rest.
      this.files.delete(source);
      return { mtime: 0, size: 0, result: { papers: [], problems: [{ source, severity: 'error', message: `Could not read the file: ${firstLineOf(error)}` }] } };
    }
  }
}
