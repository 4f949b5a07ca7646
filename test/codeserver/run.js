#!/usr/bin/env node
// code-server tests: the packaged litnotes.vsix installed into code-server
// (VS Code 1.139 with a Node extension host) with --install-extension, the
// way a user installs it, then the main path driven through the UI with
// Playwright and Debian's Chromium (test/codeserver/steps.js), like the
// test/ui layer does for the web build.
//
// Needs: .code-server/ from scripts/setup-code-server.sh and litnotes.vsix
// from `npm run package` (`npm run test:codeserver` does both first).
// Each run uses a fresh profile and a copy of test/fixtures/workspace in a
// temp folder (removed after a passing run, kept and printed after a failure).
//
// Output: a line per step, failure details, then a last line
// `N passed, N failed`. Screenshots: test-results/codeserver/*.png (a failing
// step also leaves FAILED-<step>.png).
//
// Environment:
//   CS_TEST_TIMEOUT_MS   overall limit, default 300000 (5 min)
//   CS_TEST_VERBOSE=1    print code-server's own log after the run
//   CS_TEST_KEEP=1       keep the temp profile and workspace even when passing
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { ROOT, launchBrowser, openWorkbench } = require('../runners/vscodeWeb');
const codeServer = require('./codeServer');
const steps = require('./steps');

const TIMEOUT_MS = Number(process.env.CS_TEST_TIMEOUT_MS) || 5 * 60 * 1000;
const RESULTS = path.join(ROOT, 'test-results', 'codeserver');
const EXPECTED = `litnotes.litnotes@${require('../../package.json').version}`;

const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

async function main() {
  const started = Date.now();
  const results = [];
  const state = {};
  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) if (f.endsWith('.png')) fs.rmSync(path.join(RESULTS, f));

  const shot = async (name) => {
    // Two animation frames: what was just shown has been painted.
    await state.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await state.page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
  };
  const record = async (name, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      say(`    \u2714 ${name} (${Date.now() - t0}ms)`);
      return true;
    } catch (err) {
      results.push({ name, ok: false, err });
      say(`    ${results.filter((r) => !r.ok).length}) ${name} (${Date.now() - t0}ms)`);
      if (state.page) await state.page.screenshot({ path: path.join(RESULTS, `FAILED-${name.slice(0, 1)}.png`) }).catch(() => undefined);
      return false;
    }
  };

  const run = async () => {
    state.profile = codeServer.makeProfile();
    say(`code-server tests: ${path.basename(codeServer.VSIX)} (${Math.round(fs.statSync(codeServer.VSIX).size / 1024)} KB), profile ${state.profile.dir}`);
    say();
    say('  LitNotes in code-server');
    const installed = await record(`install: --install-extension ${path.basename(codeServer.VSIX)}, then --list-extensions shows ${EXPECTED}`, async () => {
      assert.match(codeServer.installVsix(state.profile), /successfully installed/);
      const listed = codeServer.listExtensions(state.profile);
      assert.ok(listed.includes(EXPECTED), `--list-extensions --show-versions: ${listed.join(', ') || '(none)'}`);
    });
    if (!installed) return;
    state.server = await codeServer.start(state.profile);
    state.browser = await launchBrowser();
    state.page = await openWorkbench(state.browser, state.server.url);
    state.page.setDefaultTimeout(30000);
    for (const step of steps) {
      await record(step.name, () => step.run({ page: state.page, profile: state.profile, server: state.server, shot }));
      for (let i = 0; i < 3; i++) await state.page.keyboard.press('Escape').catch(() => undefined);
    }
  };

  let timer;
  try {
    await Promise.race([run(), new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the code-server run timed out after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    })]);
  } catch (err) {
    results.push({ name: 'code-server run', ok: false, err });
  } finally {
    clearTimeout(timer);
    if (state.browser) await state.browser.close().catch(() => undefined);
    if (state.server) await state.server.stop();
  }

  const failures = results.filter((r) => !r.ok);
  say();
  say(`  ${results.length - failures.length} passing (${seconds(started)}s)`);
  if (failures.length) say(`  ${failures.length} failing`);
  failures.forEach(({ name, err }, i) => {
    say();
    say(`  ${i + 1}) ${name}:`);
    say(String(err && err.stack ? err.stack : err).split('\n').map((l) => `     ${l}`).join('\n'));
  });
  if (state.server && (failures.length || process.env.CS_TEST_VERBOSE === '1')) {
    const log = fs.readFileSync(state.server.logFile, 'utf8').trimEnd().split('\n').slice(-40);
    say();
    say(`--- code-server log, last ${log.length} lines (${state.server.logFile}) ---`);
    log.forEach((l) => say(l));
    say('---');
  }
  if (state.profile) {
    if (failures.length || process.env.CS_TEST_KEEP === '1') say(`  kept profile, logs and workspace: ${state.profile.dir}`);
    else fs.rmSync(state.profile.dir, { recursive: true, force: true });
  }
  say(`  screenshots: ${path.relative(ROOT, RESULTS)}/`);
  say(`code-server tests: finished in ${seconds(started)} s, exit code ${failures.length ? 1 : 0}`);
  say(`${results.length - failures.length} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

// Ctrl+C or a CI cancel: exit, so that the exit hook stops the server's process group.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

main();
