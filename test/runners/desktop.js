#!/usr/bin/env node
// Runs the in-host suite (test/host) in desktop VS Code, in its Node
// extension host, through @vscode/test-electron. `npm run test:desktop`
// builds dist/test/node/index.js first. Not part of `npm test`.
//
// NEEDS NETWORK: @vscode/test-electron downloads VS Code into .vscode-test/
// unless VSCODE_EXECUTABLE points at a local VS Code (the `code` binary's
// Electron executable). On Linux without a display, run it under xvfb-run.
//
// Environment:
//   VSCODE_EXECUTABLE   path of a local VS Code executable (no download)
//   VSCODE_VERSION      version to download, default 'stable'
//
// Desktop VS Code writes to the real disk, so the sample workspace is copied
// to a temporary folder first: the tests never change test/fixtures.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const TESTS = path.join(ROOT, 'dist', 'test', 'node', 'index.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspace');

async function main() {
  if (!fs.existsSync(TESTS)) {
    console.error(`desktop tests: missing ${TESTS} (\`npm run test:desktop\` builds it first)`);
    return 1;
  }
  const executable = process.env.VSCODE_EXECUTABLE;
  if (executable) {
    if (!fs.existsSync(executable)) {
      console.error(`desktop tests: VSCODE_EXECUTABLE=${executable} does not exist`);
      return 1;
    }
    console.log(`desktop tests: using the local VS Code at ${executable}`);
  } else {
    console.log('desktop tests: this downloads desktop VS Code and NEEDS NETWORK ACCESS.\n' +
      '  Offline, set VSCODE_EXECUTABLE to a local VS Code, or use `npm run test:host` (the web build, offline).');
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-desktop-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(FIXTURE, workspace, { recursive: true });

  const { runTests } = require('@vscode/test-electron');
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_VERSION || 'stable' }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions stay off
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
      ],
    });
    console.log('desktop tests: passed');
    return 0;
  } catch (err) {
    const message = String(err && err.message ? err.message : err);
    console.error(`desktop tests: FAILED: ${message}`);
    if (!executable && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|download/i.test(message)) {
      console.error('  Could not download VS Code (no network?). Set VSCODE_EXECUTABLE, or run `npm run test:host` offline.');
    }
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
