#!/usr/bin/env node
// npm run bench:host: the packaged litnotes.vsix in code-server (a real VS
// Code with a Node extension host), timed as a user waits, on synthetic
// libraries of 100, 10,000 and 100,000 entries (bench/generate.ts; files of at
// most 25,000 entries). Per size, in a fresh profile:
//
// - cold load: from opening the workbench to the first search result for a
//   word only the last entry carries, typed into "LitNotes: Search Papers";
//   the 100-entry run is VS Code's own start-up, subtracted from the others;
// - warm reopen: the same in a new window once the library was saved;
// - the extension host's event loop during each load, from the extension's
//   own log line (a 10 ms timer in the host: src/vscode/library/loopLag.ts);
// - the extension host's peak RSS (VmHWM in /proc);
// - keystroke to repaint in the search's quick pick and, in the same window,
//   in VS Code's command palette: from keydown to the quick input's next
//   DOM change, painted.
//
// Writes bench/host-results.json and the "Real host" section of
// BENCHMARKS.md. Needs .code-server/ (scripts/setup-code-server.sh) and
// litnotes.vsix (npm run package); `npm run bench:host` makes both first.
// HOST_BENCH_SIZES=100,10000 picks sizes (100 is always run, first).
'use strict';

const fs = require('fs');
const path = require('path');
const codeServer = require('../test/codeserver/codeServer');
const { launchBrowser, openWorkbench } = require('../test/runners/vscodeWeb');
const h = require('../test/ui/helpers');

const ROOT = path.resolve(__dirname, '..');
const { generateBibtex } = require(path.join(ROOT, 'out', 'bench', 'generate.js'));

const SIZES = [...new Set([100, ...(process.env.HOST_BENCH_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0)])];
/** Entries per library file; HOST_BENCH_FILE_ENTRIES=100000 puts a 100k library in one 213 MB file. */
const FILE_ENTRIES = Number(process.env.HOST_BENCH_FILE_ENTRIES) || 25000;
/** A word no generated entry has: the marker entry at the very end of the library carries it. */
const MARKER = 'xylophonist';
const MARKER_TITLE = 'Xylophonist tuning of the last entry';
const LOAD_TIMEOUT_MS = 10 * 60 * 1000;
const QUERY = 'sparse attention';
const PALETTE_QUERY = 'toggle word wrap';

const say = (line = '') => process.stdout.write(`${line}\n`);

/** The library as files of at most 25,000 entries, the marker entry last. */
function writeLibrary(dir, size) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const text = generateBibtex(size);
  const starts = [];
  for (let at = text.indexOf('\n@'); at >= 0; at = text.indexOf('\n@', at + 1)) starts.push(at + 1);
  const first = text.indexOf('@');
  const entries = [first, ...starts.filter((s) => s > first)];
  const files = [];
  for (let i = 0; i < entries.length; i += FILE_ENTRIES) {
    const chunk = text.slice(entries[i], entries[i + FILE_ENTRIES] ?? text.length);
    const isLast = i + FILE_ENTRIES >= entries.length;
    const marker = isLast ? `\n@article{zzmarker9999last,\n  title = {${MARKER_TITLE}},\n  author = {Quill, Ada},\n  year = {2025},\n  abstract = {The ${MARKER} marker closes the library.}\n}\n` : '';
    const file = path.join(dir, `library-${String(files.length + 1).padStart(2, '0')}.bib`);
    fs.writeFileSync(file, chunk + marker);
    files.push(file);
  }
  return { files, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}

/** Opens a window, runs the search, types the marker word and waits for the marker entry: ms since the window opened. */
async function timeToFirstResult(browser, url) {
  const t0 = Date.now();
  const page = await openWorkbench(browser, url, { timeout: LOAD_TIMEOUT_MS });
  await searchForMarker(page);
  return { ms: Date.now() - t0, page };
}

/** In an opening window: runs the search once the extension is in, types the marker word and waits for the marker entry. */
async function searchForMarker(page) {
  page.setDefaultTimeout(60000);
  // The extension's contributions are in once its activity bar icon is: the palette then knows the command.
  await page.locator('.activitybar .action-item a[aria-label*="LitNotes"], .activitybar .action-label[aria-label*="LitNotes"]').first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  await h.runCommand(page, 'LitNotes: Search Papers');
  await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
  await page.keyboard.type(MARKER);
  await h.quickRows(page).filter({ hasText: MARKER_TITLE }).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
}

/** The extension's log file in the newest extension host log folder, once it has a line matching `pattern` after `after` lines. */
async function waitForLog(profile, pattern, timeoutMs = LOAD_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const dir of codeServer.extensionHostLogs(profile).reverse()) {
      const file = path.join(dir, 'litnotes.litnotes', 'LitNotes.log');
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
      const found = lines.filter((l) => pattern.test(l));
      if (found.length) return { line: found[found.length - 1], dir };
    }
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Peak RSS of the extension host whose log folder is `dir` (VmHWM, while it still runs). */
function peakRss(dir) {
  const hostLog = fs.readFileSync(path.join(dir, 'remoteexthost.log'), 'utf8');
  const pid = Number((/Extension host with pid (\d+) started/.exec(hostLog) || [])[1]);
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = Number((/VmHWM:\s+(\d+) kB/.exec(status) || [])[1]);
  return kb ? kb * 1024 : undefined;
}

/** The extension's own account of a load (files read, searchable, indexed, loaded, event loop, saved), kept in the results. */
function loadLog(dir) {
  const file = path.join(dir, 'litnotes.litnotes', 'LitNotes.log');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => /Found \d+ source files|Read \d+ library files|Searchable before topics|Indexed \d+|Library loaded|Event loop during|Event loop delays over|Saved the library|Read the saved library/.test(l)).map((l) => l.replace(/^\S+ \S+ /, ''));
}

/** The load time the extension logs itself ("... in 1234 ms."). */
function loadMsOf(line) {
  return Number((/ in (\d+) ms\.$/.exec(line.trim()) || [])[1]);
}

/**
 * The extension's event-loop line (src/vscode/library/libraryService.ts,
 * describeLag): the longest delay and where, p99 (and p99 while the thread
 * ran), and how much of the longest delay was LitNotes' own work, garbage
 * collection, and the thread off the CPU; LitNotes' own longest.
 */
function lagOf(line) {
  const num = (re) => {
    const m = re.exec(line);
    return m ? Number(m[1]) : undefined;
  };
  const head = /longest delay (\d+) ms \(after "([^"]*)"\), p99 (\d+) ms/.exec(line);
  if (!head) return undefined;
  return {
    longestMs: Number(head[1]), after: head[2], p99Ms: Number(head[3]),
    p99OnCpuMs: num(/\((\d+) ms counting only time on the CPU\)/),
    longestOursMs: num(/LitNotes' own work (\d+) ms of it/),
    longestGcMs: num(/garbage collection (\d+) ms/),
    longestOffCpuMs: num(/the thread off the CPU (\d+) ms/),
    longestMostlyOursMs: num(/mostly LitNotes' own work (\d+) ms/),
    ownLongestMs: num(/its longest block (\d+) ms/),
    ownLongestOnCpuMs: num(/its longest block \d+ ms, (\d+) ms of it on the CPU/),
    ownLongestGcMs: num(/its longest block \d+ ms[^(]*?, (\d+) ms garbage collection/),
    ownLongestWhat: (/its longest block \d+ ms(?:, \d+ ms of it on the CPU)?(?:, \d+ ms garbage collection)? \((.*)\)\.$/.exec(line.trim()) || [])[1],
  };
}

/** The keys typed into each quick input: several queries, so a percentile is not one key's (and one GC pause's) luck. */
const SEARCH_QUERIES = ['sparse attention', 'graph neural network', 'protein folding', 'reinforcement learning'];
const PALETTE_QUERIES = ['toggle word wrap', 'format document', 'close all editors', 'preferences open settings'];
/** A key's repaint is over once the quick input has not changed for this long. */
const QUIET_MS = 300;

/**
 * Watches the open quick input's list rows: for each key pressed, the time
 * from its keydown to the last change it caused in the rows, painted (the
 * frame after that DOM change). The last, not the first: the widget first
 * filters the rows it has (LitNotes' search too), and LitNotes' own results
 * come from the extension host after. Only the rows: the scrollbar fading
 * out half a second after a key, the progress bar and the button tooltips
 * change too, and would be counted against the next key.
 */
async function watchRepaints(page) {
  await page.evaluate(() => {
    window.__repaint?.observer.disconnect();
    const state = { t0: 0, lastChange: 0, lastPaint: undefined, observer: undefined };
    window.__repaint = state;
    if (!window.__repaintKeys) {
      window.__repaintKeys = true;
      document.addEventListener('keydown', () => {
        window.__repaint.t0 = performance.now();
        window.__repaint.lastPaint = undefined;
      }, true);
    }
    state.observer = new MutationObserver(() => {
      state.lastChange = performance.now();
      requestAnimationFrame(() => { state.lastPaint = performance.now(); });
    });
    state.observer.observe(document.querySelector('.quick-input-widget .quick-input-list .monaco-list-rows'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Presses `key` and waits until the quick input is quiet again: ms from keydown to its last painted change (undefined when nothing changed). */
async function pressAndTime(page, key) {
  await page.keyboard.press(key);
  await page.waitForFunction((quiet) => {
    const s = window.__repaint;
    return s.lastPaint !== undefined && performance.now() - s.lastChange >= quiet;
  }, QUIET_MS, { timeout: 5000, polling: 20 }).catch(() => undefined);
  return page.evaluate(() => (window.__repaint.lastPaint === undefined ? undefined : window.__repaint.lastPaint - window.__repaint.t0));
}

/** Types each query into the open quick input, a key at a time, and empties it after (untimed): the times of the typed keys. */
async function repaintTimes(page, queries) {
  await watchRepaints(page);
  const times = [];
  for (const query of queries) {
    for (const ch of query) {
      const ms = await pressAndTime(page, ch === ' ' ? 'Space' : ch);
      if (ms !== undefined) times.push(ms);
    }
    // Emptied a key at a time (the palette's ">" stays), then let settle.
    for (let i = 1; i < query.length; i++) await page.keyboard.press('Backspace');
    await pressAndTime(page, 'Backspace');
  }
  return times;
}

function percentile(values, p) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const summary = (times) => ({ p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: percentile(times, 1), keys: times.length, times: times.map(Math.round) });

async function keystrokes(page) {
  await h.closeQuickInput(page);
  await h.runCommand(page, 'LitNotes: Search Papers');
  await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
  const search = await repaintTimes(page, SEARCH_QUERIES);
  await h.closeQuickInput(page);
  await page.keyboard.press('Control+Shift+P');
  await h.quickInput(page).waitFor({ state: 'visible' });
  // The palette opens with ">" typed: the queries go after it.
  const palette = await repaintTimes(page, PALETTE_QUERIES);
  await h.closeQuickInput(page);
  return { search: summary(search), palette: summary(palette) };
}

async function runSize(browser, size) {
  const profile = codeServer.makeProfile();
  for (const entry of fs.readdirSync(profile.workspace)) fs.rmSync(path.join(profile.workspace, entry), { recursive: true, force: true });
  const library = writeLibrary(path.join(profile.workspace, 'library'), size);
  codeServer.installVsix(profile);
  const server = await codeServer.start(profile);
  try {
    say(`  ${size}: ${library.files.length} file(s), ${(library.bytes / 1e6).toFixed(1)} MB`);
    const cold = await timeToFirstResult(browser, server.url);
    const coldLoad = await waitForLog(profile, /Library loaded from its files/);
    const coldLag = lagOf((await waitForLog(profile, /Event loop during the load/)).line);
    // Keystrokes once the library is saved, as a user types after the load, not during the background save;
    // the peak RSS then counts the save, the last work of a cold load.
    await waitForLog(profile, /Saved the library for the next start/);
    const coldRss = peakRss(coldLoad.dir);
    const coldLog = loadLog(coldLoad.dir);
    const keys = await keystrokes(cold.page);
    await cold.page.context().close();
    say(`  ${size}: cold ${cold.ms} ms; event loop longest ${coldLag?.longestMs} ms (LitNotes ${coldLag?.longestOursMs} ms of it), p99 ${coldLag?.p99Ms} ms, mostly LitNotes' ${coldLag?.longestMostlyOursMs} ms; keys p50/p95 search ${fmt(keys.search.p50Ms)}/${fmt(keys.search.p95Ms)} (${keys.search.keys}), palette ${fmt(keys.palette.p50Ms)}/${fmt(keys.palette.p95Ms)} (${keys.palette.keys})`);

    const before = codeServer.extensionHostLogs(profile).length;
    const warm = await timeToFirstResult(browser, server.url);
    const deadline = Date.now() + 60000;
    while (codeServer.extensionHostLogs(profile).length <= before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const warmLoad = await waitForLog(profile, /Library loaded from the saved index/);
    const warmLag = lagOf((await waitForLog(profile, /Event loop during the load/)).line);
    const warmRss = peakRss(warmLoad.dir);
    const warmLog = loadLog(warmLoad.dir);
    await warm.page.context().close();
    say(`  ${size}: warm ${warm.ms} ms`);
    return {
      size, files: library.files.length, bytes: library.bytes, coldMs: cold.ms, warmMs: warm.ms,
      coldLoadMs: loadMsOf(coldLoad.line), warmLoadMs: loadMsOf(warmLoad.line), coldLag, warmLag, coldRss, warmRss, keys, coldLog, warmLog,
    };
  } finally {
    await server.stop();
    fs.rmSync(profile.dir, { recursive: true, force: true });
  }
}

const fmt = (ms) => (ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const mb = (bytes) => (bytes === undefined ? '—' : `${Math.round(bytes / 1e6)} MB`);

/** The event loop during a load, for the table: the longest delay, what filled it, and p99. */
function lagCell(lag) {
  const parts = [`LitNotes ${lag.longestOursMs ?? '?'} ms`];
  if (lag.longestGcMs !== undefined) parts.push(`GC ${lag.longestGcMs} ms`);
  if (lag.longestOffCpuMs !== undefined) parts.push(`off the CPU ${lag.longestOffCpuMs} ms`);
  const running = lag.p99OnCpuMs === undefined ? '' : ` (${lag.p99OnCpuMs} ms on the CPU)`;
  return `${lag.longestMs} ms after "${lag.after}" (${parts.join(', ')}) / ${lag.p99Ms} ms${running}`;
}

/** The keys typed per input, as "search n, palette m" of the first size (the same queries at every size). */
const r0keys = (results) => `${results[0].keys.search.keys} / ${results[0].keys.palette.keys}`;

function section(results, when) {
  const base = results.find((r) => r.size === 100);
  const rows = results.map((r) => [
    r.size.toLocaleString('en'),
    r.size === 100 ? `${fmt(r.coldLoadMs)} (baseline)` : `${fmt(r.coldLoadMs)} (${fmt(r.coldMs - base.coldMs)})`,
    r.size === 100 ? `${fmt(r.warmLoadMs)} (baseline)` : `${fmt(r.warmLoadMs)} (${fmt(r.warmMs - base.warmMs)})`,
    r.coldLag ? lagCell(r.coldLag) : '—',
    r.coldLag ? `${r.coldLag.longestMostlyOursMs ?? '?'} ms / ${r.coldLag.ownLongestMs ?? '?'} ms${r.coldLag.ownLongestOnCpuMs === undefined ? '' : ` (${r.coldLag.ownLongestOnCpuMs} ms on the CPU${r.coldLag.ownLongestGcMs ? `, ${r.coldLag.ownLongestGcMs} ms GC` : ''})`}: ${r.coldLag.ownLongestWhat ?? '?'}` : '—',
    mb(Math.max(r.coldRss ?? 0, r.warmRss ?? 0) || undefined),
    `${fmt(r.keys.search.p50Ms)} / ${fmt(r.keys.search.p95Ms)}`,
    `${fmt(r.keys.palette.p50Ms)} / ${fmt(r.keys.palette.p95Ms)}`,
    `${(r.keys.search.p95Ms / r.keys.palette.p95Ms).toFixed(2)}×`,
  ]);
  return [
    '<!-- host:start -->',
    '## Real host (code-server, the packaged .vsix)',
    '',
    `Generated by \`npm run bench:host\` (bench/host.js) on ${when}. Load: the time the extension logs for its load ("Library loaded … in n ms"), and in brackets the time from opening the window to the first search result for a word only the last entry has, less the same for a 100-entry library (cold ${fmt(base.coldMs)}, warm ${fmt(base.warmMs)}: VS Code's own start-up, which varies by a second or so between windows, so the bracketed figure is only meaningful when it is large). Warm = a new window once the library was saved. Event loop = the extension's own 10 ms timer during the cold load: the longest delay, and how much of it LitNotes' own work filled, garbage collection took, and the thread was off the CPU (waiting for a core: the parse workers, the browser and the server share this machine's 2 cores; or blocked in a system call, such as another extension or VS Code starting a child process); the rest is other extensions activating and VS Code (bench/hostProfile.js profiles the host to say whose); then p99 of all delays, and in brackets p99 less the time the thread was off the CPU. LitNotes' own = the longest delay that LitNotes' own work filled at least half of, and LitNotes' longest single block on the thread (its slices, worker replies, the parser bundle's load; src/vscode/library/loopLag.ts), with the part of it the thread was on the CPU (the rest it waited for a core). Host peak RSS = the extension host's VmHWM once the cold load's library is saved (the save is a load's last work). Keystrokes = keydown to the last painted change it caused in the quick input (quiet for ${QUIET_MS} ms after), p50 / p95 over ${r0keys(results)} keys of ${SEARCH_QUERIES.length} queries per input, LitNotes' search and VS Code's command palette in the same window; ratio = search p95 / palette p95.`,
    '',
    "| entries | cold load (to first result) | warm reopen (to first result) | event loop during the cold load: longest / p99 | LitNotes' own: longest delay / block | host peak RSS | keystroke p50 / p95: search | palette | ratio |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '<!-- host:end -->',
  ].join('\n');
}

async function main() {
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const size of SIZES) results.push(await runSize(browser, size));
  } finally {
    await browser.close();
  }
  const when = new Date().toISOString();
  fs.writeFileSync(path.join(ROOT, 'bench', 'host-results.json'), `${JSON.stringify({ when, results }, null, 1)}\n`);
  const text = section(results, when);
  say();
  say(text);
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const current = fs.readFileSync(file, 'utf8');
  const updated = /<!-- host:start -->[\s\S]*?<!-- host:end -->/.test(current)
    ? current.replace(/<!-- host:start -->[\s\S]*?<!-- host:end -->/, text)
    : `${current.trimEnd()}\n\n${text}\n`;
  fs.writeFileSync(file, updated);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { writeLibrary, searchForMarker, waitForLog, lagOf, repaintTimes, summary, MARKER, MARKER_TITLE, LOAD_TIMEOUT_MS, SEARCH_QUERIES, PALETTE_QUERIES };
