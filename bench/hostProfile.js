#!/usr/bin/env node
// npm run bench:host-profile: a CPU profile of code-server's extension host
// (a real VS Code Node extension host, the packaged litnotes.vsix) while a
// library loads and while keys are typed into LitNotes' search and into VS
// Code's command palette (timed as bench:host times keys), to say whose code
// keeps the host's thread busy.
//
// The host's inspector is switched on with SIGUSR1 as soon as the host
// process exists (before extensions activate), and the V8 profiler samples
// every 250 µs over its websocket. Each busy stretch of the thread (samples
// without idle time between them) is attributed to the extension whose code
// is on the stack: LitNotes, a built-in extension, VS Code's own host code,
// or the garbage collector; gaps of more than a millisecond between samples
// are "unsampled" (the thread was off the CPU). The load's longest delay,
// as the extension logs it, is looked up in the profile by the log's clock,
// with the stacks that ran then.
//
// HOST_PROFILE_SIZE=100 (default) picks the library size (bench/generate.ts).
// Profiles the cold load, typing, and a warm reopen (a new window restoring
// the saved library). Writes the profiles to bench/data/ (ignored) and prints the stretches of
// 15 ms or more, with the functions that ran most in each.
// Run with Node's websocket client: node --experimental-websocket bench/hostProfile.js
// (npm run bench:host-profile packages an unminified .vsix first, so LitNotes' names read).
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const codeServer = require('../test/codeserver/codeServer');
const { launchBrowser, openWorkbench } = require('../test/runners/vscodeWeb');
const h = require('../test/ui/helpers');
const { writeLibrary, searchForMarker, waitForLog, lagOf, repaintTimes, summary, MARKER, MARKER_TITLE, LOAD_TIMEOUT_MS, SEARCH_QUERIES, PALETTE_QUERIES } = require('./host');

const ROOT = path.resolve(__dirname, '..');
const SIZE = Number(process.env.HOST_PROFILE_SIZE || 100);
const INSPECTOR_PORT = 9229;
const SAMPLE_US = 250;
/** Busy stretches at least this long are listed. */
const SHOW_MS = 15;

const say = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The extension host's pid: the server's process group member started as the extension host (not one of `known`). */
async function extensionHostPid(serverPid, known = []) {
  for (const deadline = Date.now() + LOAD_TIMEOUT_MS; Date.now() < deadline; await sleep(20)) {
    const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
    for (const line of ps.split('\n')) {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (m && Number(m[2]) === serverPid && /type=extensionHost/.test(m[3]) && !known.includes(Number(m[1])) && catchesSigusr1(Number(m[1]))) return Number(m[1]);
    }
  }
  throw new Error('no extension host process');
}

/** Whether Node in `pid` handles SIGUSR1 yet (before, the signal would end the process instead of opening its inspector). */
function catchesSigusr1(pid) {
  try {
    const caught = /SigCgt:\s*([0-9a-f]+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1];
    return (BigInt(`0x${caught}`) & (1n << 9n)) !== 0n;
  } catch {
    return false;
  }
}

/** A Chrome DevTools protocol session with the host's inspector. */
async function connect(pid) {
  process.kill(pid, 'SIGUSR1');
  let targets;
  for (const deadline = Date.now() + 10000; !targets; await sleep(20)) {
    try {
      targets = await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`)).json();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const pending = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  };
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    pending.set(++id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { send, close: () => socket.close() };
}

async function startProfile(session) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await session.send('Profiler.start');
  const { result } = await session.send('Runtime.evaluate', { expression: 'Date.now()' });
  return result.value;
}

async function stopProfile(session, name) {
  const { profile } = await session.send('Profiler.stop');
  const dir = path.join(ROOT, 'bench', 'data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `host-${SIZE}-${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  return { profile, file };
}

/** Whose code a script URL is: LitNotes, a built-in or installed extension, VS Code itself, or Node. */
function ownerOfUrl(url) {
  if (!url) return undefined;
  if (/litnotes\.litnotes/.test(url)) return 'LitNotes';
  const builtin = /\/lib\/vscode\/extensions\/([^/]+)\//.exec(url);
  if (builtin) return `built-in ${builtin[1]}`;
  const installed = /\/extensions\/([^/]+)\//.exec(url);
  if (installed) return `extension ${installed[1]}`;
  if (/\/lib\/vscode\/(out|node_modules)\//.test(url)) return 'VS Code';
  return undefined;
}

/**
 * Per sample: its time (ms from the profile's start), the owner (the
 * innermost frame's owner with a known script, else the leaf's kind) and the
 * leaf function.
 */
function samplesOf(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerCache = new Map();
  const ownerOf = (id) => {
    if (ownerCache.has(id)) return ownerCache.get(id);
    const name = nodes.get(id).callFrame.functionName;
    let owner;
    if (name === '(idle)') owner = 'idle';
    else if (name === '(garbage collector)') owner = 'GC';
    else if (name === '(program)') owner = 'native (program)';
    else {
      for (let at = id; at !== undefined && !owner; at = parent.get(at)) owner = ownerOfUrl(nodes.get(at).callFrame.url);
      owner ??= 'Node';
    }
    ownerCache.set(id, owner);
    return owner;
  };
  const out = [];
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] / 1000;
    const node = nodes.get(profile.samples[i]);
    const f = node.callFrame;
    out.push({ t, owner: ownerOf(node.id), leaf: `${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}:${f.lineNumber + 1}`, stack: stackOf(node.id, nodes, parent) });
  }
  return out;
}

/** The frames from the root to a sample's leaf, as "function file:line". */
function stackOf(id, nodes, parent) {
  const frames = [];
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = nodes.get(at).callFrame;
    if (f.functionName === '(root)') break;
    frames.push(`${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}:${f.lineNumber + 1}`);
  }
  return frames.reverse();
}

/**
 * Stretches of consecutive non-idle samples. Time between two samples more
 * than a millisecond apart is counted as unsampled: the profiler's thread (or
 * the whole process) did not run then, on a machine whose cores are busy.
 */
function busyStretches(samples) {
  const stretches = [];
  let current;
  let lastT = 0;
  for (const s of samples) {
    const busy = s.owner !== 'idle';
    if (busy && current) {
      if (s.t - lastT > 1) current.unsampledMs += s.t - lastT;
      current.samples.push(s);
    } else if (busy) stretches.push((current = { samples: [s], unsampledMs: 0 }));
    else current = undefined;
    lastT = s.t;
  }
  for (const st of stretches) {
    st.start = st.samples[0].t;
    st.ms = st.samples[st.samples.length - 1].t - st.start + SAMPLE_US / 1000;
  }
  return stretches;
}

/** What the host's thread did between `from` and `to` (ms from the profile's start): idle, each owner, unsampled. */
function windowOf(samples, from, to) {
  const spent = new Map();
  const add = (owner, ms) => spent.set(owner, (spent.get(owner) ?? 0) + ms);
  let lastT = 0;
  for (const s of samples) {
    const overlap = Math.min(s.t, to) - Math.max(lastT, from);
    if (overlap > 0) {
      // A sample stands for at most a millisecond before it; the rest of a longer gap is unsampled.
      const sampled = Math.min(overlap, 1);
      add(s.owner, sampled);
      if (overlap > sampled) add('unsampled', overlap - sampled);
    }
    lastT = s.t;
  }
  return [...spent].sort((a, b) => b[1] - a[1]).map(([o, ms]) => `${o} ${Math.round(ms)} ms`).join(', ');
}

function tally(items) {
  const counts = new Map();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** Prints each busy stretch of SHOW_MS or more: when, how long, whose code, and what ran most. */
function report(title, profile, top = 6, windows = []) {
  const samples = samplesOf(profile);
  for (const w of windows) {
    say(`  ${w.name} (+${Math.round(w.from)} to +${Math.round(w.to)} ms): ${windowOf(samples, w.from, w.to)}`);
    // What ran then, by stack (a blocking call, such as a child process start, shows as its caller's stack).
    const inWindow = samples.filter((x) => x.t > w.from && x.t <= w.to && x.owner !== 'idle');
    for (const [stack, n] of tally(inWindow.map((x) => x.stack.slice(-8).reverse().join(' < '))).slice(0, 3)) say(`      ${Math.round((100 * n) / inWindow.length)}%  ${stack}`);
  }
  const stretches = busyStretches(samples).filter((s) => s.ms >= SHOW_MS);
  const busyMs = samples.filter((s) => s.owner !== 'idle').length * SAMPLE_US / 1000;
  say(`${title}: ${(samples.at(-1)?.t / 1000).toFixed(1)} s profiled, ${Math.round(busyMs)} ms busy; by owner: ${tally(samples.filter((s) => s.owner !== 'idle').map((s) => s.owner)).map(([o, n]) => `${o} ${Math.round(n * SAMPLE_US / 1000)} ms`).join(', ')}`);
  for (const st of stretches) {
    const n = st.samples.length;
    say(`  +${Math.round(st.start)} ms: busy ${Math.round(st.ms)} ms (${Math.round(st.unsampledMs)} ms of it unsampled) — ${tally(st.samples.map((s) => s.owner)).map(([o, c]) => `${o} ${Math.round((100 * c) / n)}%`).join(', ')}`);
    // The outermost frames that are not VS Code's dispatch: what the stretch was doing.
    const entries = tally(st.samples.map((s) => s.stack.find((f, i) => i >= 2 && !/^(processTicksAndRejections|runMicrotasks|listOnTimeout|processTimers|emit|onMessage|_onMessage|fire|invoke|_dispatch)\b/.test(f)) ?? s.stack.join(' < ')));
    for (const [entry, c] of entries.slice(0, 3)) say(`      entry ${Math.round((100 * c) / n)}%  ${entry}`);
    for (const [leaf, c] of tally(st.samples.map((s) => s.leaf)).slice(0, top)) say(`      self  ${Math.round((100 * c) / n)}%  ${leaf}`);
  }
}

/** Resolves once the LitNotes log in the extension host log folder `dir` has a line matching `pattern`. */
async function logged(dir, pattern) {
  const file = path.join(dir, 'litnotes.litnotes', 'LitNotes.log');
  for (const deadline = Date.now() + LOAD_TIMEOUT_MS; !pattern.test(fs.readFileSync(file, 'utf8')); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} within ${LOAD_TIMEOUT_MS / 1000} s`);
  }
}

/**
 * Opens a window and profiles its extension host from its start until the
 * library is loaded and `until` is logged: the load's report, with the load
 * and its longest delay as windows. `known`: hosts of earlier windows.
 */
async function profileLoad(browser, server, profile, name, loadedPattern, until, known = []) {
  const t0 = Date.now();
  const opening = openWorkbench(browser, server.url, { timeout: LOAD_TIMEOUT_MS });
  const pid = await extensionHostPid(server.pid, known);
  const session = await connect(pid);
  const profileStart = await startProfile(session);
  say(`profiling extension host ${pid} from ${Date.now() - t0} ms after opening the window`);
  const page = await opening;
  await searchForMarker(page);
  const loaded = (await waitForLog(profile, loadedPattern)).line;
  const lag = await waitForLog(profile, /Event loop during the load/);
  await logged(lag.dir, until);
  const load = await stopProfile(session, name);
  say(`log: ${lag.line.replace(/^\S+ \S+ /, '')}`);
  for (const l of fs.readFileSync(path.join(lag.dir, 'litnotes.litnotes', 'LitNotes.log'), 'utf8').split('\n').filter(Boolean)) say(`  | ${l}`);
  // Where the load and its longest delay fall in the profile, from the log's own clock: a few tens of ms
  // off at times (the windows' contents are approximate; the extension's own log line is exact).
  const loadEnd = Date.parse(loaded.slice(0, 23).replace(' ', 'T')) - profileStart;
  const loadStart = loadEnd - Number(/ in (\d+) ms\.$/.exec(loaded)[1]);
  const delay = lagOf(lag.line);
  const endedAt = loadStart + Number(/ended (\d+) ms into/.exec(lag.line)[1]);
  report(`${name} (${path.relative(ROOT, load.file)})`, load.profile, 6, [
    { name: 'the load', from: loadStart, to: loadEnd },
    { name: `its longest delay (${delay.longestMs} ms)`, from: endedAt - delay.longestMs - 10, to: endedAt },
  ]);
  return { page, session, pid };
}

async function main() {
  const profile = codeServer.makeProfile();
  for (const entry of fs.readdirSync(profile.workspace)) fs.rmSync(path.join(profile.workspace, entry), { recursive: true, force: true });
  writeLibrary(path.join(profile.workspace, 'library'), SIZE);
  codeServer.installVsix(profile);
  const server = await codeServer.start(profile);
  const browser = await launchBrowser();
  try {
    const { page, session, pid } = await profileLoad(browser, server, profile, 'load', /Library loaded from its files/, /Saved the library for the next start/);

    // Typing, as bench:host times it: LitNotes' search, then VS Code's command palette.
    const keysLine = (times) => { const k = summary(times); return `${k.keys} keys, p50 ${Math.round(k.p50Ms)} ms, p95 ${Math.round(k.p95Ms)} ms, max ${Math.round(k.maxMs)} ms`; };
    await h.closeQuickInput(page);
    await h.runCommand(page, 'LitNotes: Search Papers');
    await h.quickInput(page).locator('.quick-input-title', { hasText: 'LitNotes: Search Papers' }).waitFor();
    await startProfile(session);
    const search = await repaintTimes(page, SEARCH_QUERIES);
    const typing = await stopProfile(session, 'search');
    report(`typing in LitNotes' search: ${keysLine(search)} (${path.relative(ROOT, typing.file)})`, typing.profile, 10);
    await h.closeQuickInput(page);
    await page.keyboard.press('Control+Shift+P');
    await h.quickInput(page).waitFor({ state: 'visible' });
    await startProfile(session);
    const palette = await repaintTimes(page, PALETTE_QUERIES);
    const typed = await stopProfile(session, 'palette');
    report(`typing in the command palette: ${keysLine(palette)} (${path.relative(ROOT, typed.file)})`, typed.profile, 10);
    session.close();
    await page.context().close();
    // The first window's host keeps its inspector's port: it goes before a new window opens.
    process.kill(pid, 'SIGKILL');

    // A warm reopen: a new window restores the saved library.
    const warm = await profileLoad(browser, server, profile, 'warm', /Library loaded from the saved index/, /Search warmed up/, [pid]);
    warm.session.close();
    await warm.page.context().close();
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(profile.dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
