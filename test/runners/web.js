#!/usr/bin/env node
// Runs the in-host mocha suite (test/host) inside the real VS Code web build,
// offline: the web extension host loads dist/test/web/index.js and calls its
// run(). Builds nothing: `npm run test:host` runs `node esbuild.js --tests`
// first.
//
// Output: the mocha lines from the extension host, then a last line
// `N passed, N failed` for CI. Exit code: the suite's (0 = all passed).
//
// Environment:
//   HOST_TEST_TIMEOUT_MS   overall limit, default 300000 (5 min)
//   HOST_TEST_VERBOSE=1    also print the workbench's browser console
//   HOST_TEST_WORKSPACE    folder to mount instead of test/fixtures/workspace
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { ROOT, FIXTURE_WORKSPACE, startServer, launchBrowser } = require('./vscodeWeb');

const TIMEOUT_MS = Number(process.env.HOST_TEST_TIMEOUT_MS) || 5 * 60 * 1000;
const VERBOSE = process.env.HOST_TEST_VERBOSE === '1';
const TESTS = path.join(ROOT, 'dist', 'test', 'web', 'index.js');
const WORKSPACE = path.resolve(process.env.HOST_TEST_WORKSPACE || FIXTURE_WORKSPACE);

async function main() {
  const started = Date.now();
  for (const [what, file] of [['extension manifest', path.join(ROOT, 'package.json')], ['in-host test bundle', TESTS], ['test workspace', WORKSPACE]]) {
    if (!fs.existsSync(file)) {
      console.error(`web tests: missing ${what}: ${file}${file === TESTS ? ' (run `npm run test:host`, which builds it first)' : ''}`);
      return finish(1, { passed: 0, failed: 1 });
    }
  }

  const counts = { passed: 0, failed: 0, pending: 0 };
  // The browser console is noisy; keep it and show it only when the run fails.
  const browserConsole = [];
  let server;
  let browser;
  let timer;
  let code;
  try {
    server = await startServer({ folderPath: WORKSPACE, extensionTestsPath: TESTS });
    console.log(`web tests: VS Code web at ${server.url}, workspace ${path.relative(ROOT, WORKSPACE) || '.'}`);
    browser = await launchBrowser();
    const page = await (await browser.newContext()).newPage();

    let reportExit;
    const exited = new Promise((resolve) => { reportExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) {
        const passing = /^\s*(\d+) passing\b/.exec(line);
        const failing = /^\s*(\d+) failing\b/.exec(line);
        const pending = /^\s*(\d+) pending\b/.exec(line);
        if (passing) counts.passed = Number(passing[1]);
        if (failing) counts.failed = Number(failing[1]);
        if (pending) counts.pending = Number(pending[1]);
      }
      (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => reportExit(Number(exitCode) || 0));
    page.on('console', (msg) => {
      const line = `[browser ${msg.type()}] ${msg.text()}`;
      if (VERBOSE) console.log(line);
      else browserConsole.push(line);
    });
    page.on('pageerror', (err) => browserConsole.push(`[page error] ${err.message}`));

    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    });
    await page.goto(server.url);
    code = await Promise.race([exited, timedOut]);
    if (code === 'timeout') {
      console.error(`web tests: TIMED OUT after ${Math.round(TIMEOUT_MS / 1000)} s without the suite reporting an exit code ` +
        '(did the extension or dist/test/web/index.js fail to load? browser console below).');
      code = 1;
    }
  } catch (err) {
    console.error(`web tests: ${err && err.stack ? err.stack : err}`);
    code = 1;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => undefined);
    if (server) server.dispose();
  }

  if (code !== 0 && !VERBOSE && browserConsole.length) {
    console.error('--- browser console (last 40 lines) ---');
    for (const line of browserConsole.slice(-40)) console.error(line);
    console.error('---');
  }
  if (code !== 0 && counts.failed === 0) {
    // The suite failed without mocha reporting a failing test (load error,
    // crash, timeout): count the run itself as one failure so CI sees red.
    counts.failed = 1;
  }
  console.log(`web tests: finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
  return finish(code, counts);
}

function finish(code, { passed, failed }) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

main();
