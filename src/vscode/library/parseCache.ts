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
      let bytes = await vscode.workspace.fs.readFile(file.uri);
      let result: DraftParseResult | undefined;
      if (this.workers?.available && file.role === 'library' && bytes.byteLength >= WORKER_MIN_BYTES) {
        result = await this.workers.parse(bytes, source, parts);
        // The bytes went to the worker; if it failed, read them again for the host.
        if (!result) bytes = await vscode.workspace.fs.readFile(file.uri);
      }
      result ??= await runInSlices((await this.parsers()).parseFileSteps(bytes, source));
      const noteKey = file.role === 'note' ? noteKeyOf(decodeText(bytes, source).text) : undefined;
      const parsed: ParsedFile = { mtime: stat.mtime, size: stat.size, result, noteKey };
      this.files.set(source, parsed);
      return parsed;
    } catch (error) {
      // Deleted or unreadable while loading: report it and go on with the rest.
      this.files.delete(source);
      return { mtime: 0, size: 0, result: { papers: [], problems: [{ source, severity: 'error', message: `Could not read the file: ${firstLineOf(error)}` }] } };
    }
  }
}
