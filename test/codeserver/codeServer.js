// code-server (VS Code with a Node extension host) for the code-server test
// layer: the copy that scripts/setup-code-server.sh installs into
// .code-server/, a throwaway profile per run, the packaged .vsix installed
// with --install-extension the way a user installs it, and a server on a
// free loopback port that is stopped by its process group.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { ROOT, FIXTURE_WORKSPACE, findFreePort } = require('../runners/vscodeWeb');

const HOME = path.join(ROOT, '.code-server');
const NODE_BIN_DIR = path.join(HOME, 'node', 'node_modules', 'node', 'bin');
const NODE = path.join(NODE_BIN_DIR, 'node');
const CODE_SERVER = path.join(HOME, 'server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSIX = path.join(ROOT, 'litnotes.vsix');
const HOST = '127.0.0.1';

/**
 * A fresh profile in a temp folder: user data (settings that skip the welcome
 * page, walkthroughs, telemetry, chat and Workspace Trust), extensions, code-server's
 * own config, and a copy of the fixture workspace (the tests write to it).
 */
function makeProfile() {
  for (const file of [NODE, CODE_SERVER]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing; run: bash scripts/setup-code-server.sh`);
  }
  if (!fs.existsSync(VSIX)) throw new Error('litnotes.vsix is missing; run: npm run package');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-codeserver-'));
  const profile = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    xdg: path.join(dir, 'xdg'),
    workspace: path.join(dir, 'workspace'),
  };
  fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensions);
  fs.mkdirSync(profile.xdg);
  fs.cpSync(FIXTURE_WORKSPACE, profile.workspace, { recursive: true });
  fs.writeFileSync(path.join(profile.userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  return profile;
}

/** Node 24 first on PATH; code-server's config and data inside the profile, not in ~. */
function env(profile) {
  return {
    ...process.env,
    PATH: `${NODE_BIN_DIR}${path.delimiter}${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(profile.xdg, 'config'),
    XDG_DATA_HOME: path.join(profile.xdg, 'data'),
  };
}

const profileArgs = (profile) => ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];

/** Runs the code-server CLI (not the server) and returns its output; throws on a non-zero exit. */
function cli(profile, args) {
  const result = spawnSync(NODE, [CODE_SERVER, ...args, ...profileArgs(profile)], { env: env(profile), encoding: 'utf8', timeout: 120000 });
  const output = `${result.stdout || ''}${result.stderr || ''}`;
  if (result.status !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${result.status}${result.error ? ` (${result.error.message})` : ''}:\n${output}`);
  return output;
}

/** `code-server --install-extension litnotes.vsix`, as a user installs a downloaded .vsix. */
const installVsix = (profile) => cli(profile, ['--install-extension', VSIX]);

/** `code-server --list-extensions --show-versions`: one `publisher.name@version` a line. */
const listExtensions = (profile) => cli(profile, ['--list-extensions', '--show-versions'])
  .split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));

/**
 * Starts the server on a free loopback port in its own process group, with
 * trace logging (the extension host log then names each module it loads).
 * Resolves once it says it is listening.
 */
async function start(profile, { timeout = 60000 } = {}) {
  const port = await findFreePort(HOST);
  const logFile = path.join(profile.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(NODE, [
    CODE_SERVER,
    '--auth', 'none',
    '--bind-addr', `${HOST}:${port}`,
    ...profileArgs(profile),
    '--disable-telemetry',
    '--disable-update-check',
    '--log', 'trace',
    profile.workspace,
  ], { env: env(profile), detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const server = {
    port,
    pid: child.pid,
    logFile,
    url: `http://${HOST}:${port}/?folder=${encodeURI(profile.workspace)}`,
    exited: null,
    stop: () => stop(server, child),
  };
  child.on('exit', (code, signal) => { server.exited = signal || code; });
  // Should this process end before stop() (an exception, Ctrl+C), take the server with it.
  process.once('exit', () => signalGroup(child.pid, 'SIGKILL'));
  const deadline = Date.now() + timeout;
  while (!/HTTP server listening on/.test(fs.readFileSync(logFile, 'utf8'))) {
    if (server.exited !== null) throw new Error(`code-server exited (${server.exited}) before listening:\n${fs.readFileSync(logFile, 'utf8')}`);
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not listen within ${timeout / 1000} s:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return server;
}

/** How often a wait for the server (listening, or gone) looks again; each wait has its own deadline. */
const POLL_MS = 100;

/** Sends `signal` to the process group led by `pid`; false when the group is gone. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the server's process group (server, extension host, helpers); SIGKILL after 5 s. */
async function stop(server, child) {
  if (!signalGroup(server.pid, 'SIGTERM')) return;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (!signalGroup(server.pid, 0)) return;
  }
  signalGroup(server.pid, 'SIGKILL');
  if (server.exited === null) await new Promise((resolve) => child.once('exit', resolve));
}

/** Every extension host log folder code-server wrote for this profile (user-data/logs/<session>/exthost<N>/). */
function extensionHostLogs(profile) {
  const logs = path.join(profile.userData, 'logs');
  const found = [];
  for (const session of fs.existsSync(logs) ? fs.readdirSync(logs) : []) {
    for (const dir of fs.readdirSync(path.join(logs, session))) {
      const file = path.join(logs, session, dir, 'remoteexthost.log');
      if (/^exthost\d+$/.test(dir) && fs.existsSync(file)) found.push(path.join(logs, session, dir));
    }
  }
  return found;
}

module.exports = { HOME, NODE, CODE_SERVER, VSIX, makeProfile, installVsix, listExtensions, start, extensionHostLogs };
