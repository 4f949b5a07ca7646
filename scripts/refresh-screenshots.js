#!/usr/bin/env node
// Copies the screenshots chosen for the README from the last UI test run
// (test-results/ui/, git-ignored) into media/screenshots/ (committed).
// Run `node test/ui/run.js` first. Fails if a picture is missing or too big.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const FROM = path.join(ROOT, 'test-results', 'ui');
const TO = path.join(ROOT, 'media', 'screenshots');
const CHOSEN = ['sidebar.png', 'search.png', 'citation.png', 'note.png', 'problems.png', 'cite-hover.png', 'cite-sidebar.png', 'formatted-reference.png'];
const MAX_BYTES = 300 * 1024;

let failed = false;
fs.mkdirSync(TO, { recursive: true });
for (const name of CHOSEN) {
  const source = path.join(FROM, name);
  if (!fs.existsSync(source)) {
    console.error(`missing ${path.relative(ROOT, source)}: run the UI tests first (node test/ui/run.js)`);
    failed = true;
    continue;
  }
  const size = fs.statSync(source).size;
  if (size > MAX_BYTES) {
    console.error(`${name} is ${Math.round(size / 1024)} KB, over ${MAX_BYTES / 1024} KB: not copied`);
    failed = true;
    continue;
  }
  fs.copyFileSync(source, path.join(TO, name));
  console.log(`${path.relative(ROOT, path.join(TO, name))} (${Math.round(size / 1024)} KB)`);
}
process.exit(failed ? 1 : 0);
