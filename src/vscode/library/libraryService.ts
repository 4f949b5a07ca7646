import * as vscode from 'vscode';
import { assembleLibrarySteps } from '../../core/library/library';
import type { DraftParseResult, Paper, Problem } from '../../core/model';
import { sortForDisplay } from '../../core/library/displayOrder';
import { decodeLibrary, encodeLibrary, readLibraryHeader } from '../../core/library/savedLibrary';
import { noteFileName } from '../../core/render/notePaths';
import { INDEX_FORMAT, SearchIndex } from '../../core/search/searchIndex';
import { loadEmbeddedCorpus } from '../../core/sources/corpus';
import { runInSlices } from '../../core/slices';
import { parseSourceSteps } from '../../core/sources/index';
import { noteKeyOf } from '../../core/sources/markdownNotes';
import { DEFAULT_TAXONOMY, resolveTaxonomy, type Taxonomy } from '../../core/topics/taxonomy';
import { ContextKeys } from '../ids';
import { log } from '../log';
import { readSettings, type Settings } from '../settings';
import { decodeText } from './readText';
import { makeSnapshot, type LibrarySnapshot } from './snapshot';

export type { LibrarySnapshot } from './snapshot';

interface CachedFile {
  mtime: number;
  size: number;
  result: DraftParseResult;
  noteKey?: string;
}

interface SourceFile {
  uri: vscode.Uri;
  role: 'library' | 'note';
  /** Taken once per load; undefined when the file vanished after it was found. */
  stat?: vscode.FileStat;
}

/** The saved library: papers (one JSON line each) and the binary search index. */
const SAVED_FILES = { papers: 'library-papers.jsonl', index: 'library-index.bin' };

/**
 * Loads the library on first use (never in `activate`), keeps it current as
 * files change, and hands out snapshots. Only changed files are re-read, and
 * only changed papers are re-indexed; an unchanged library is restored from
 * the saved index instead of being rebuilt.
 */
export class LibraryService implements vscode.Disposable {
  private snapshot: LibrarySnapshot;
  private loadedOnce = false;
  private running?: Promise<LibrarySnapshot>;
  private rerunRequested = false;
  private readonly files = new Map<string, CachedFile>();
  private corpus?: DraftParseResult;
  private readonly changed = new vscode.EventEmitter<LibrarySnapshot>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watchers: vscode.Disposable[] = [];
  private debounce?: ReturnType<typeof setTimeout>;
  private saving: Promise<void> = Promise.resolve();
  /** How the last load got its papers: from the saved library, or by reading the files. */
  lastLoad: 'restored' | 'read' | 'none' = 'none';

  /** Fires after every reload with the new snapshot. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly storageUri: vscode.Uri | undefined,
    private readonly version: string,
  ) {
    const { settings } = readSettings();
    this.snapshot = makeSnapshot({ papers: [], problems: [], index: SearchIndex.create(), notes: new Map(), settings, topicLabels: labelsOf(DEFAULT_TAXONOMY), status: 'empty' });
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('litnotes') && this.loadedOnce) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.loadedOnce && this.scheduleReload()),
    );
  }

  /** The library, loaded on the first call. Later calls return at once with the current snapshot, even during a reload. */
  async get(): Promise<LibrarySnapshot> {
    if (!this.loadedOnce) return this.running ?? this.reload();
    return this.snapshot;
  }

  /** The current snapshot without waiting (empty before the first load). */
  current(): LibrarySnapshot {
    return this.snapshot;
  }

  get isLoaded(): boolean {
    return this.loadedOnce;
  }

  /** Reloads now; concurrent calls share one run, and a call during a run schedules one more. */
  reload(): Promise<LibrarySnapshot> {
    if (this.running) {
      this.rerunRequested = true;
      return this.running;
    }
    this.running = this.loadWithProgress().finally(() => {
      this.running = undefined;
      if (this.rerunRequested) {
        this.rerunRequested = false;
        void this.reload();
      }
    });
    return this.running;
  }

  private scheduleReload(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), 300);
  }

  private async loadWithProgress(): Promise<LibrarySnapshot> {
    const started = Date.now();
    try {
      const snapshot = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('LitNotes: loading library') },
        (progress) => this.load((message) => progress.report({ message })),
      );
      this.snapshot = snapshot;
      log().info(`Library loaded: ${snapshot.papers.length} papers, ${snapshot.problems.length} problems, ${snapshot.notes.size} notes in ${Date.now() - started} ms.`);
    } catch (error) {
      // A failure keeps the last good library; the view shows the failure.
      log().error('Loading the library failed', error);
      this.snapshot = makeSnapshot({ ...this.snapshot, status: 'failed' });
      void vscode.window.showErrorMessage(vscode.l10n.t('LitNotes could not load the library: {0}', String(error instanceof Error ? error.message : error)), vscode.l10n.t('Show Log'))
        .then((choice) => choice && log().show());
    }
    this.loadedOnce = true;
    await this.setContext();
    this.changed.fire(this.snapshot);
    return this.snapshot;
  }

  private async load(report: (message: string) => void): Promise<LibrarySnapshot> {
    const { settings, issues } = readSettings();
    const settingProblems: Problem[] = issues.map((message) => ({ source: 'settings', severity: 'warning', message }));
    for (const issue of issues) log().warn(issue);
    const { taxonomy, problems: taxonomyProblems } = resolveTaxonomy(settings.topics, settings.topicsMode);

    this.rewatch(settings);
    const sourceFiles = await this.findFiles(settings);
    await statAll(sourceFiles);
    const fingerprint = this.fingerprint(settings, sourceFiles);

    if (!this.loadedOnce) {
      const restored = await this.restore(fingerprint, settings, taxonomy);
      if (restored) {
        log().info('Restored the library from the saved index.');
        this.lastLoad = 'restored';
        return restored;
      }
    }
    this.lastLoad = 'read';

    const libraryResults: DraftParseResult[] = [];
    const noteResults: DraftParseResult[] = [];
    const notes = new Map<string, vscode.Uri>();
    const notesByFileName = new Map<string, vscode.Uri>();
    let done = 0;
    for (const file of sourceFiles) {
      const cached = await this.readSource(file, settings);
      (file.role === 'note' ? noteResults : libraryResults).push(cached.result);
      if (file.role === 'note') {
        if (cached.noteKey) notes.set(cached.noteKey, file.uri);
        notesByFileName.set(file.uri.path.slice(file.uri.path.lastIndexOf('/') + 1).toLowerCase(), file.uri);
      }
      if (++done % 20 === 0) {
        report(`${done}/${sourceFiles.length} files`);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    const sources = [...libraryResults, ...noteResults];
    if (settings.includeBundledCorpus) sources.push(await this.embeddedCorpus());

    const library = await runInSlices(assembleLibrarySteps(sources, taxonomy));
    library.papers = await runInSlices(sortForDisplay(library.papers));
    for (const paper of library.papers) {
      if (!notes.has(paper.key)) {
        const byName = notesByFileName.get(noteFileName(paper.key).toLowerCase());
        if (byName) notes.set(paper.key, byName);
      }
    }
    report('indexing');
    const index = await this.updateIndex(library.papers, report);
    const problems = [...settingProblems, ...taxonomyProblems, ...library.problems];
    const snapshot = makeSnapshot({
      papers: library.papers, problems, index, notes, settings, topicLabels: labelsOf(taxonomy),
      status: library.papers.length ? 'loaded' : 'empty',
    });
    this.saving = this.saving.then(() => this.save(fingerprint, snapshot));
    return snapshot;
  }

  /** Library files in settings order (each glob over each workspace folder), then notes. */
  private async findFiles(settings: Settings): Promise<SourceFile[]> {
    const seen = new Set<string>();
    const out: SourceFile[] = [];
    const add = (uris: vscode.Uri[], role: SourceFile['role']) => {
      for (const uri of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) {
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        out.push({ uri, role });
      }
    };
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of settings.sources) {
        try {
          add(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', settings.maxFiles), 'library');
        } catch (error) {
          log().warn(`Bad glob "${glob}" in litnotes.sources: ${String(error)}`);
        }
      }
      const notesGlob = `${settings.notesFolder.replace(/^\/+|\/+$/g, '')}/**/*.md`;
      add(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, notesGlob), '**/node_modules/**', settings.maxFiles), 'note');
    }
    if (out.length >= settings.maxFiles) {
      log().warn(`Found ${out.length} files or more; only the first ${settings.maxFiles} per pattern are read (setting litnotes.maxFiles).`);
    }
    return out;
  }

  private async readSource(file: SourceFile, settings: Settings): Promise<CachedFile> {
    const source = file.uri.toString();
    try {
      const stat = file.stat;
      if (!stat) throw new Error('the file was deleted while loading');
      // The limit is checked before the cache, so changing the setting applies to files already read.
      if (stat.size > settings.maxFileSizeMB * 1024 * 1024) {
        const message = `The file is ${(stat.size / 1048576).toFixed(1)} MB, over the limit of ${settings.maxFileSizeMB} MB (setting litnotes.maxFileSizeMB); it was skipped.`;
        return { mtime: stat.mtime, size: stat.size, result: { papers: [], problems: [{ source, line: 1, severity: 'error', message }] } };
      }
      const cached = this.files.get(source);
      if (cached && cached.mtime === stat.mtime && cached.size === stat.size) return cached;
      const { text, problems } = decodeText(await vscode.workspace.fs.readFile(file.uri), source);
      const result = await runInSlices(parseSourceSteps(text, source));
      result.problems.unshift(...problems);
      return this.remember(source, stat, result, file.role === 'note' ? noteKeyOf(text) : undefined);
    } catch (error) {
      // Deleted or unreadable while loading: report it and go on with the rest.
      this.files.delete(source);
      return { mtime: 0, size: 0, result: { papers: [], problems: [{ source, severity: 'error', message: `Could not read the file: ${error instanceof Error ? error.message : String(error)}` }] } };
    }
  }

  private remember(source: string, stat: vscode.FileStat, result: DraftParseResult, noteKey?: string): CachedFile {
    const entry = { mtime: stat.mtime, size: stat.size, result, noteKey };
    this.files.set(source, entry);
    return entry;
  }

  private async embeddedCorpus(): Promise<DraftParseResult> {
    if (!this.corpus) {
      const folder = vscode.Uri.joinPath(this.extensionUri, 'media', 'corpus');
      const [text, metadata] = await Promise.all([
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'efficient-llm-papers.txt')),
        vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'papers-metadata.json')),
      ]);
      const decoder = new TextDecoder('utf-8');
      this.corpus = loadEmbeddedCorpus(decoder.decode(text), decoder.decode(metadata));
    }
    return this.corpus;
  }

  /** Re-indexes only papers that are new or changed since the last snapshot. */
  private async updateIndex(papers: Paper[], report: (message: string) => void): Promise<SearchIndex> {
    const previous = this.snapshot.index;
    if (previous.size === 0) {
      return SearchIndex.buildInSlices(papers, (done, total) => report(`indexing ${done}/${total}`));
    }
    const keep = new Set<string>();
    const changedPapers: Paper[] = [];
    for (const paper of papers) {
      keep.add(paper.key);
      const old = previous.get(paper.key);
      if (!old || signature(old) !== signature(paper)) changedPapers.push(paper);
      else previous.hold(paper);
    }
    for (const old of [...previous.all()]) if (!keep.has(old.key)) previous.remove(old.key);
    await previous.addInSlices(changedPapers, (done, total) => report(`indexing ${done}/${total}`));
    log().info(`Re-indexed ${changedPapers.length} changed papers.`);
    return previous;
  }

  private rewatch(settings: Settings): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    const patterns = [...settings.sources, `${settings.notesFolder.replace(/^\/+|\/+$/g, '')}/**/*.md`];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of patterns) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        const onChange = () => this.scheduleReload();
        this.watchers.push(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
      }
    }
  }

  private fingerprint(settings: Settings, files: SourceFile[]): string {
    const stats = files.map((f) => `${f.uri.toString()}|${f.stat ? `${f.stat.mtime}|${f.stat.size}` : 'missing'}`);
    return JSON.stringify([INDEX_FORMAT, this.version, settings, stats]);
  }

  /** Resolves when every save started so far has finished (or failed, which is logged). */
  whenSaved(): Promise<void> {
    return this.saving;
  }

  /** Where the library is saved between sessions (undefined without storage). */
  storageFile(name: keyof typeof SAVED_FILES): vscode.Uri | undefined {
    return this.storageUri && vscode.Uri.joinPath(this.storageUri, SAVED_FILES[name]);
  }

  /** The library as last saved, if it was read from exactly these settings and files. Any failure means "build afresh". */
  private async restore(fingerprint: string, settings: Settings, taxonomy: Taxonomy): Promise<LibrarySnapshot | undefined> {
    const papersUri = this.storageFile('papers');
    const indexUri = this.storageFile('index');
    if (!papersUri || !indexUri) return undefined;
    try {
      const bytes = await vscode.workspace.fs.readFile(papersUri);
      if (readLibraryHeader(bytes)?.fingerprint !== fingerprint) return undefined;
      const { header, papers } = await runInSlices(decodeLibrary(bytes));
      const indexBytes = await vscode.workspace.fs.readFile(indexUri);
      if (indexBytes.length !== header.indexBytes) return undefined;
      const index = await runInSlices(SearchIndex.restoreSteps(indexBytes, papers));
      const notes = new Map<string, vscode.Uri>(header.notes.map(([key, note]) => [key, vscode.Uri.parse(note)]));
      return makeSnapshot({ papers, problems: header.problems, index, notes, settings, topicLabels: labelsOf(taxonomy), status: papers.length ? 'loaded' : 'empty' });
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError)) log().warn(`The saved library could not be read, so it is rebuilt: ${String(error)}`);
      return undefined;
    }
  }

  /** Saves papers and index for the next start: the index first, so papers never pair with an older index. */
  private async save(fingerprint: string, snapshot: LibrarySnapshot): Promise<void> {
    const papersUri = this.storageFile('papers');
    const indexUri = this.storageFile('index');
    if (!papersUri || !indexUri || !this.storageUri) return;
    try {
      const index = snapshot.index.toBytes();
      const header = {
        fingerprint, problems: [...snapshot.problems], papers: snapshot.papers.length, indexBytes: index.length,
        notes: [...snapshot.notes].map(([key, note]): [string, string] => [key, note.toString()]),
      };
      const papers = await runInSlices(encodeLibrary(header, snapshot.papers));
      await vscode.workspace.fs.createDirectory(this.storageUri);
      await vscode.workspace.fs.writeFile(indexUri, index);
      await vscode.workspace.fs.writeFile(papersUri, papers);
    } catch (error) {
      log().warn(`Could not save the library index: ${String(error)}`);
    }
  }

  private async setContext(): Promise<void> {
    const s = this.snapshot.status;
    await vscode.commands.executeCommand('setContext', ContextKeys.loaded, s === 'loaded');
    await vscode.commands.executeCommand('setContext', ContextKeys.empty, s === 'empty');
    await vscode.commands.executeCommand('setContext', ContextKeys.failed, s === 'failed');
  }

  dispose(): void {
    clearTimeout(this.debounce);
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}

/** Stats every file once per load; both the saved-index fingerprint and the parse cache use the result. */
async function statAll(files: SourceFile[]): Promise<void> {
  await Promise.all(files.map(async (file) => {
    try {
      file.stat = await vscode.workspace.fs.stat(file.uri);
    } catch {
      file.stat = undefined;
    }
  }));
}

/** Content signatures, computed once per paper object: the indexed paper's is reused on every later reload. */
const signatures = new WeakMap<Paper, string>();

function signature(paper: Paper): string {
  let value = signatures.get(paper);
  if (value === undefined) signatures.set(paper, (value = JSON.stringify(paper)));
  return value;
}


function labelsOf(taxonomy: Taxonomy): Map<string, string> {
  return new Map(taxonomy.map((topic) => [topic.id, topic.label]));
}
