#!/usr/bin/env node
// `npm start`: serves LitNotes inside the real VS Code web build (offline),
// with the sample workspace open, until Ctrl+C. Open the printed address in
// a browser. `npm start` builds dist/ first (node esbuild.js).
//
//   PORT=3001 npm start                    another port (default 3000)
//   node scripts/serve.js [folder]         open another folder instead
//
// The sample workspace (test/fixtures/workspace) is mounted directly, not
// copied: the web build mounts a local folder read/write, but every write
// (new notes, inserted citations) stays in the browser session and never
// reaches the disk. Reload the page with a fresh session to start clean.
'use strict';

const fs = require('fs');
const path = require('path');
const { ROOT, FIXTURE_WORKSPACE, startServer } = require('../test/runners/vscodeWeb');

async function main() {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
  }
  const folder = path.resolve(process.argv[2] || FIXTURE_WORKSPACE);
  if (!fs.existsSync(folder)) throw new Error(`workspace folder not found: ${folder}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (manifest.browser && !fs.existsSync(path.join(ROOT, manifest.browser))) {
    throw new Error(`the web bundle ${manifest.browser} is missing: run \`node esbuild.js\` (npm start does)`);
  }

  const server = await startServer({ port, folderPath: folder });
  const stop = () => {
    console.log('\nLitNotes: stopping the server.');
    server.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  console.log('');
  console.log('  LitNotes is running in VS Code for the Web (offline build).');
  console.log(`  Open:       ${server.url}`);
  console.log(`  Workspace:  ${path.relative(process.cwd(), folder) || '.'} (edits stay in the browser)`);
  console.log('  Stop:       Ctrl+C');
  console.log('');
}

main().catch((err) => {
  console.error(`LitNotes: could not start: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
