import * as vscode from 'vscode';
import { buildLibrary, type BuiltLibrary } from '../../core/library/buildLibrary';
import { firstLineOf } from '../../core/lines';
import type { DraftParseResult, Paper, Problem } from '../../core/model';
import { noteFileName } from '../../core/render/notePaths';
import { SearchIndex } from '../../core/search/searchIndex';
import { WARM_UP_MIN_PAPERS, warmUpSearch } from '../../core/search/warmUp';
import { runInSlices } from '../../core/slices';
import { DEFAULT_TAXONOMY, resolveTaxonomy, type Taxonomy } from '../../core/topics/taxonomy';
import { type CatalogTopic, taxonomyTopics, type TopicState } from '../../core/topics/topicModes';
import { ContextKeys } from '../ids';
import { log } from '../log';
import { readSettings, type Settings } from '../settings';
import { EmbeddedCorpus } from './embeddedCorpus';
import { loadParsers, type Parsers } from './loadParser';
import { LoopLag, TICK_MS, type LoopLagReport } from './loopLag';
import { PARTS_MIN_BYTES } from '../../core/load/fileParts';
import { ParseCache } from './parseCache';
import { ParseWorkers } from './parseWorkers';
import { peakMemoryNote } from './peakMemory';
import { type SavedLibrary, SavedLibraryStore } from './savedLibraryStore';
import { makeSnapshot, type LibrarySnapshot } from './snapshot';
import type { TopicNames } from './topicNames';
import { WorkspaceSources } from './workspaceSources';

export type { LibrarySnapshot } from './snapshot';


/** At most one progress report per this long. */
const PROGRESS_MS = 250;

/** How long file and setting changes settle before a reload. */
const RELOAD_DEBOUNCE_MS = 300;

/**
 * Coordinates the library's parts: finds the sources, reads them through the
 * parse cache, assembles and indexes the papers, saves the result, and hands
 * out snapshots. Loads on first use (never in `activate`). A reload builds
 * the next snapshot beside the current one and swaps it in whole, so readers
 * never see half a library.
 */
export class LibraryService implements vscode.Disposable {
  private snapshot: LibrarySnapshot;
  private loadedOnce = false;
  /** Set once the search's code was warmed up in this extension host. */
  private warmedUp = false;
  private running?: Promise<LibrarySnapshot>;
  /** During a first load, the library once it is searchable (before its topics are known), and who waits for it. */
  private early?: LibrarySnapshot;
  private earlyWaiters: Array<(snapshot: LibrarySnapshot) => void> = [];
  /** The save of a load's library, started when the load is over. */
  private saveAfterLoad?: () => void;
  private queued?: Promise<LibrarySnapshot>;
  private debounce?: ReturnType<typeof setTimeout>;
  private readonly sources = new WorkspaceSources();
  private readonly workers: ParseWorkers;
  private readonly parsed: ParseCache;
  private readonly corpus: EmbeddedCorpus;
  private readonly store: SavedLibraryStore;
  private readonly changed = new vscode.EventEmitter<LibrarySnapshot>();
  /** What topic discovery learnt at the last load, reused by the next one. */
  private topicState?: TopicState;
  private rediscoverNext = false;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.sources];

  /** Fires after every reload with the new snapshot. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri, storageUri: vscode.Uri | undefined, version: string, private readonly topicNames?: TopicNames) {
    this.workers = new ParseWorkers(extensionUri);
    this.parsed = new ParseCache(() => this.parsers(), this.workers);
    this.disposables.push(this.workers);
    this.corpus = new EmbeddedCorpus(extensionUri);
    this.store = new SavedLibraryStore(storageUri, version);
    this.snapshot = makeSnapshot({
      papers: [], problems: [], index: SearchIndex.empty(), notes: new Map(), settings: readSettings().settings,
      taxonomy: DEFAULT_TAXONOMY, topics: [], topicLabels: new Map(DEFAULT_TAXONOMY.map((t) => [t.id, t.label])), status: 'empty', loadedFrom: 'nothing',
    });
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

  /**
   * A library that can be searched, as soon as there is one: during a first
   * load, papers and their index arrive before topics (the snapshot then has
   * no topics, and `onDidChange` fires with the whole library later).
   */
  async searchable(): Promise<LibrarySnapshot> {
    if (this.loadedOnce) return this.snapshot;
    if (this.early) return this.early;
    const whole = this.get();
    return new Promise((resolve, reject) => {
      this.earlyWaiters.push(resolve);
      whole.then(resolve, reject);
    });
  }

  /** The current snapshot without waiting (empty before the first load). */
  current(): LibrarySnapshot {
    return this.snapshot;
  }

  get isLoaded(): boolean {
    return this.loadedOnce;
  }

  /**
   * Reloads now and resolves with a snapshot read after this call. A call
   * during a run queues one more run (that run may have read the files before
   * the change that asked for this one); calls meanwhile share it.
   */
  reload(): Promise<LibrarySnapshot> {
    // An explicit reload makes a scheduled one unnecessary.
    clearTimeout(this.debounce);
    if (!this.running) {
      this.running = this.loadWithProgress().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.reload();
    });
    return this.queued;
  }

  /** Reloads with topics discovered afresh (instead of placing papers in the topics found before). */
  rediscover(): Promise<LibrarySnapshot> {
    this.rediscoverNext = true;
    return this.reload();
  }

  /** Applies the user's topic names to the current snapshot at once (no reload). */
  renamed(): void {
    this.snapshot = makeSnapshot({ ...this.snapshot, topicLabels: this.labelsOf(this.snapshot.topics) });
    this.changed.fire(this.snapshot);
  }

  /** The parsers, from their own bundle, loaded the first time a file is parsed on this thread. */
  parsers(): Promise<Parsers> {
    return loadParsers(this.extensionUri);
  }

  /** Resolves when every save of the library started so far has finished. */
  whenSaved(): Promise<void> {
    return this.store.whenSaved();
  }

  private scheduleReload(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
  }

  private async loadWithProgress(): Promise<LibrarySnapshot> {
    const started = Date.now();
    const lag = new LoopLag();
    try {
      this.snapshot = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('LitNotes: loading library') },
        (progress) => {
          // The window repaints its status bar for each report: a few a second say enough.
          let reported = 0;
          return this.load((message) => {
            lag.mark(message);
            if (Date.now() - reported < PROGRESS_MS) return;
            reported = Date.now();
            progress.report({ message });
          });
        },
      );
      const { papers, problems, notes, loadedFrom } = this.snapshot;
      log().info(`Library loaded from ${loadedFrom === 'saved' ? 'the saved index' : 'its files'}: ${papers.length} papers, ${problems.length} problems, ${notes.size} notes in ${Date.now() - started} ms.`);
      const lagReport = lag.stop();
      log().info(describeLag(lagReport));
      log().info(describeOverTick(lagReport));
    } catch (error) {
      // A failure keeps the last good library; the view shows the failure.
      log().error('Loading the library failed', error);
      this.snapshot = makeSnapshot({ ...this.snapshot, status: 'failed' });
      void vscode.window.showErrorMessage(vscode.l10n.t('LitNotes could not load the library: {0}', firstLineOf(error)), vscode.l10n.t('Show Log'))
        .then((choice) => choice && log().show());
    }
    lag.stop(); // already stopped after a good load; stopping twice is harmless
    this.loadedOnce = true;
    // Who waited for a searchable library has it now (the whole one, if the load never became searchable early).
    this.early = undefined;
    this.earlyWaiters = [];
    this.saveAfterLoad?.();
    this.saveAfterLoad = undefined;
    this.warmUpSearch(this.snapshot.papers);
    await this.setContext();
    this.changed.fire(this.snapshot);
    return this.snapshot;
  }

  private async load(report: (message: string) => void): Promise<LibrarySnapshot> {
    const started = Date.now();
    const { settings, issues } = readSettings();
    for (const issue of issues) log().warn(issue);
    const { taxonomy, problems: taxonomyProblems } = resolveTaxonomy(settings.topics, settings.topicsMode === 'replace' ? 'replace' : 'extend');
    const settingProblems: Problem[] = [...issues.map((message): Problem => ({ source: 'settings', severity: 'warning', message })), ...taxonomyProblems];

    this.sources.watch(settings, () => this.scheduleReload());
    if (!this.loadedOnce) {
      // The saved library's own files are checked first; the workspace is searched for new ones after.
      const saved = await this.store.restore((header) => this.store.fingerprintNow(settings, header));
      if (saved) {
        void this.sources.find(settings).then((files) => {
          if (this.store.fingerprint(settings, files) === saved.fingerprint) return;
          log().info('Source files were added or removed since the library was saved: reading them.');
          this.scheduleReload();
        }, (error) => log().warn(`Could not look for new library files: ${String(error)}`));
        return this.fromSaved(saved, settings, taxonomy);
      }
    }
    const files = await this.sources.find(settings);
    log().info(`Found ${files.length} source files in ${Date.now() - started} ms.`);
    const fingerprint = this.store.fingerprint(settings, files);
    if (!this.loadedOnce) {
      // The files as found may still match what was saved (a file name that reads back differently from the saved list).
      const saved = await this.store.restore(async () => fingerprint);
      if (saved) return this.fromSaved(saved, settings, taxonomy);
    }

    const sources: DraftParseResult[] = [];
    const noteFiles: Array<{ uri: vscode.Uri; key?: string }> = [];
    // Library files first, then notes, so a library entry keeps its place when a note describes the same paper.
    // Library files are read as many at a time as there are parse workers (they parse in parallel), in file order.
    const libraryFiles = files.filter((f) => f.role === 'library');
    // One large file among them (a library exported whole) is read by all the workers at once, in parts.
    const parts = libraryFiles.filter((f) => (f.stat?.size ?? 0) >= PARTS_MIN_BYTES).length === 1 ? this.workers.size : 1;
    // A parse worker's memory goes back only when it ends (its heap was 40-90 MB while reading 25k-entry files):
    // one with no file left to read is ended at once, not when the other has read the last.
    let read = 0;
    report('reading library files');
    const library = await inOrder(libraryFiles, this.workers.available ? this.workers.size : 1, async (file) => {
      const parsed = await this.parsed.read(file, settings, parts);
      report(`${++read}/${libraryFiles.length} library files read`);
      return parsed;
    }, () => this.workers.releaseIdle());
    for (const parsed of library) sources.push(parsed.result);
    const byWorkers = library.filter((parsed) => parsed.byWorkers).length;
    log().info(`Read ${library.length} library files in ${Date.now() - started} ms${byWorkers ? ` (${byWorkers} read from disk by parse workers)` : ''}${peakMemoryNote()}.`);
    report(`${sources.length}/${files.length} files`);
    for (const file of files.filter((f) => f.role === 'note')) {
      const parsed = await this.parsed.read(file, settings);
      sources.push(parsed.result);
      noteFiles.push({ uri: file.uri, key: parsed.noteKey });
    }
    report(`${sources.length}/${files.length} files`);
    if (settings.includeBundledCorpus) sources.push(await this.corpus.get());

    const topicOptions = { mode: settings.topicsMode, previous: this.topicState, rediscover: this.rediscoverNext };
    this.rediscoverNext = false;
    // Built here, in slices, even at 100k papers: building in a worker (ParseWorkers.build) measured slower,
    // with a longer host block and more memory, in the real host (bench:host, 2026-12-04; see README).
    const searchable = (early: BuiltLibrary) => {
      if (this.loadedOnce) return;
      this.early = makeSnapshot({
        papers: early.papers, problems: [...settingProblems, ...early.problems], index: early.index, notes: notesByKey(noteFiles, early.papers), settings, taxonomy,
        topics: [], topicLabels: this.labelsOf(taxonomyTopics(taxonomy)), status: early.papers.length ? 'loaded' : 'empty', loadedFrom: 'files',
      });
      log().info(`Searchable before topics: ${early.papers.length} papers after ${Date.now() - started} ms${peakMemoryNote()}.`);
      for (const waiter of this.earlyWaiters.splice(0)) waiter(this.early);
      this.warmUpSearch(early.papers);
    };
    const built = await runInSlices(buildLibrary(sources, taxonomy, this.snapshot.index, topicOptions, searchable), undefined, report);
    this.topicState = built.topics;
    const topics = built.topics.topics;
    const { papers, index } = built;
    log().info(`Indexed ${papers.length} papers in ${index.segmentCount} segments${peakMemoryNote()}.`);
    const notes = notesByKey(noteFiles, papers);
    const problems = [...settingProblems, ...built.problems];
    // Saved once the load is over: by then the index served before topics is let go.
    this.saveAfterLoad = () => this.store.save(fingerprint, { papers, problems, index, notes, topics, topicState: built.topics, sources: files });
    return makeSnapshot({ papers, problems, index, notes, settings, taxonomy, topics, topicLabels: this.labelsOf(topics), status: papers.length ? 'loaded' : 'empty', loadedFrom: 'files' });
  }

  /**
   * Once per extension host, for a large library: the search's code is
   * optimized in the background (warmUp.ts), so the first query typed does
   * not run it unoptimized over the whole library.
   */
  private warmUpSearch(papers: readonly Paper[]): void {
    if (this.warmedUp || papers.length < WARM_UP_MIN_PAPERS) return;
    this.warmedUp = true;
    const started = Date.now();
    void runInSlices(warmUpSearch(papers)).then(
      ({ indexed, searches, found }) => log().info(`Search warmed up: ${searches} searches over ${indexed} of the papers (${found} found some) in ${Date.now() - started} ms.`),
      (error: unknown) => log().warn(`Warming up the search failed: ${String(error)}`),
    );
  }

  private fromSaved(saved: SavedLibrary, settings: Settings, taxonomy: Taxonomy): LibrarySnapshot {
    // New and changed papers will join the topics learnt before the restart, not set off a re-discovery.
    this.topicState = saved.topicState;
    // A library saved without its topic list (an older save) still shows the taxonomy's names.
    const topics = saved.topics.length ? saved.topics : taxonomyTopics(taxonomy);
    return makeSnapshot({ ...saved, topics, settings, taxonomy, topicLabels: this.labelsOf(topics), status: saved.papers.length ? 'loaded' : 'empty', loadedFrom: 'saved' });
  }

  /** Topic id → label, the user's names first. */
  private labelsOf(topics: readonly CatalogTopic[]): Map<string, string> {
    const names = this.topicNames?.all() ?? new Map<string, string>();
    return new Map(topics.map((t) => [t.id, names.get(t.id) ?? t.label]));
  }

  private async setContext(): Promise<void> {
    const s = this.snapshot.status;
    await vscode.commands.executeCommand('setContext', ContextKeys.loaded, s === 'loaded');
    await vscode.commands.executeCommand('setContext', ContextKeys.empty, s === 'empty');
    await vscode.commands.executeCommand('setContext', ContextKeys.failed, s === 'failed');
  }

  dispose(): void {
    clearTimeout(this.debounce);
    for (const d of this.disposables) d.dispose();
  }
}

/** The event loop's account of a load, for the log (bench/host.js reads it back). Parts the host cannot measure are left out. */
function describeLag(r: LoopLagReport): string {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const running = r.p99OnCpuMs === undefined ? '' : ` (${ms(r.p99OnCpuMs)} counting only time on the CPU)`;
  const gc = r.longestGcMs === undefined ? '' : `, garbage collection ${ms(r.longestGcMs)}`;
  const offCpu = r.longestOffCpuMs === undefined ? '' : `, the thread off the CPU ${ms(r.longestOffCpuMs)}`;
  return `Event loop during the load: longest delay ${ms(r.longestMs)} (after "${r.longestDuring}"), p99 ${ms(r.p99Ms)}${running}; `
    + `the longest ended ${ms(r.longestEndedMs)} into the load, LitNotes' own work ${ms(r.longestOursMs)} of it${gc}${offCpu}; `
    + `longest delay mostly LitNotes' own work ${ms(r.longestMostlyOursMs)}, its longest block ${ms(r.ownLongestMs)}`
    + `${r.ownLongestOnCpuMs === undefined ? '' : `, ${ms(r.ownLongestOnCpuMs)} of it on the CPU`}${r.ownLongestGcMs === undefined ? '' : `, ${ms(r.ownLongestGcMs)} garbage collection`} (${r.ownLongestWhat || 'none'}).`;
}

/** The delays longer than the watch timer's period (the p99 goal is that 99% are not), by stage, and what filled each. */
function describeOverTick(r: LoopLagReport): string {
  const over = r.overTick.reduce((n, s) => n + s.count, 0);
  const stages = r.overTick.slice(0, 8).map((s) => `${s.count} after "${s.stage}" (mostly LitNotes' own work ${s.mostlyOurs}, garbage collection ${s.mostlyGc}, off the CPU ${s.mostlyOffCpu})`);
  return `Event loop delays over ${TICK_MS} ms during the load: ${over} of ${r.samples}${stages.length ? `: ${stages.join('; ')}` : ''}.`;
}

/** Each paper's note: the one whose front matter names its key, else the one named after its key. */
function notesByKey(noteFiles: ReadonlyArray<{ uri: vscode.Uri; key?: string }>, papers: readonly { key: string }[]): Map<string, vscode.Uri> {
  const notes = new Map<string, vscode.Uri>();
  // Without notes, nothing to look up (and 100k papers are a long loop on the host's thread).
  if (noteFiles.length === 0) return notes;
  const byFileName = new Map<string, vscode.Uri>();
  for (const { uri, key } of noteFiles) {
    if (key) notes.set(key, uri);
    byFileName.set(uri.path.slice(uri.path.lastIndexOf('/') + 1).toLowerCase(), uri);
  }
  for (const paper of papers) {
    if (notes.has(paper.key)) continue;
    const byName = byFileName.get(noteFileName(paper.key).toLowerCase());
    if (byName) notes.set(paper.key, byName);
  }
  return notes;
}


/** `work` over `items`, at most `limit` at a time; the results in the items' order. `laneDone` runs each time a lane finds no item left. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, laneDone?: () => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
    laneDone?.();
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
