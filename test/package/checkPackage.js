#!/usr/bin/env node
// Checks the installable package the way a user gets it: builds litnotes.vsix
// with vsce, then verifies its contents, the bundle size budget, and that the
// manifest's commands and the code's registered commands are the same set.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '../..');
const VSIX = path.join(ROOT, 'litnotes.vsix');
/** Budget for each minified bundle, in KB: the goal for the browser bundle (see BENCHMARKS.md). */
// Each minified main bundle's budget: what activation loads. citeproc
// (dist/*/csl.js) and the parsers (dist/*/parser.js, citation-js's BibTeX
// grammar the largest part) are bundles of their own, loaded on first use,
// which keeps the main bundles within the 250 KB they had before the editor
// features, word forms and topic discovery landed. Keep in step with
// BUNDLE_BUDGET_KB in bench/run.ts.
const BUNDLE_BUDGET_KB = 250;

const results = [];
function check(name, fn) {
  try {
    fn();
    results.push([name, true]);
    console.log(`  ✅ ${name}`);
  } catch (error) {
    results.push([name, false]);
    console.log(`  ❌ ${name}\n     ${error.message}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Lists a zip's entries from its central directory (no unzip tool needed). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size, method, compressed, local });
    at += 46 + nameLength + extra + comment;
  }
  const read = (entry) => {
    const start = entry.local + 30 + buf.readUInt16LE(entry.local + 26) + buf.readUInt16LE(entry.local + 28);
    const data = buf.subarray(start, start + entry.compressed);
    return entry.method === 8 ? zlib.inflateRawSync(data) : data;
  };
  return { entries, read };
}

/** The parse workers' scripts (src/worker), and the parsers loaded into the host on first use (src/parser), bundled beside the extension. */
const WORKERS = ['extension/dist/node/parseWorker.js', 'extension/dist/web/parseWorker.js', 'extension/dist/node/parser.js', 'extension/dist/web/parser.js'];

console.log('Packaging litnotes.vsix');
execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', VSIX], { cwd: ROOT, stdio: 'inherit' });
const { entries, read } = zipEntries(VSIX);
const names = entries.map((e) => e.name);
const manifest = JSON.parse(read(entries.find((e) => e.name === 'extension/package.json')).toString('utf8'));

console.log(`\nChecking litnotes.vsix (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KB, ${names.length} files)`);
check('holds no sources, tests, source maps or node_modules', () => {
  const bad = names.filter((n) => /(^|\/)(src|test|bench|node_modules|out|\.vscode)\//.test(n) || /\.(ts|map)$/.test(n));
  assert(bad.length === 0, `unexpected files: ${bad.join(', ')}`);
});
check('holds both bundles, the parse workers and parsers, the icon and the embedded library', () => {
  for (const needed of ['extension/dist/node/extension.js', 'extension/dist/web/extension.js', ...WORKERS, 'extension/media/icon.png',
    'extension/media/corpus/efficient-llm-papers.txt', 'extension/media/corpus/papers-metadata.json', 'extension/package.nls.json']) {
    assert(names.includes(needed), `missing ${needed}`);
  }
});
check('holds the lazily loaded CSL bundles, every shipped style and locale, and their licence note', () => {
  const needed = ['extension/dist/node/csl.js', 'extension/dist/web/csl.js', 'extension/media/csl/README.md', 'extension/media/csl/locales/locales-en-US.xml'];
  for (const id of ['apa', 'chicago-author-date', 'ieee', 'vancouver', 'harvard-cite-them-right', 'nature', 'association-for-computing-machinery']) needed.push(`extension/media/csl/styles/${id}.csl`);
  for (const file of needed) assert(names.includes(file), `missing ${file}`);
  for (const bundle of ['extension/dist/node/csl.js', 'extension/dist/web/csl.js']) {
    const code = read(entries.find((e) => e.name === bundle)).toString('utf8');
    assert(!/\beval\(|new Function\(/.test(code), `${bundle} contains eval or new Function`);
    console.log(`     ${bundle}: ${(entries.find((e) => e.name === bundle).size / 1024).toFixed(0)} KB (loaded on first use)`);
  }
});
check(`each bundle is at most ${BUNDLE_BUDGET_KB} KB`, () => {
  for (const bundle of ['extension/dist/node/extension.js', 'extension/dist/web/extension.js']) {
    const kb = entries.find((e) => e.name === bundle).size / 1024;
    console.log(`     ${bundle}: ${kb.toFixed(0)} KB`);
    assert(kb <= BUNDLE_BUDGET_KB, `${bundle} is ${kb.toFixed(0)} KB`);
  }
});
check('the bundles are minified, without source maps, and never evaluate code', () => {
  for (const bundle of ['extension/dist/node/extension.js', 'extension/dist/web/extension.js', ...WORKERS]) {
    const code = read(entries.find((e) => e.name === bundle)).toString('utf8');
    assert(!code.includes('sourceMappingURL'), `${bundle} refers to a source map`);
    assert(code.length / code.split('\n').length > 300, `${bundle} does not look minified`);
    assert(!/\beval\(|new Function\(/.test(code), `${bundle} contains eval or new Function`);
  }
});
check('every %key% in the manifest has a string in package.nls.json', () => {
  const nls = JSON.parse(read(entries.find((e) => e.name === 'extension/package.nls.json')).toString('utf8'));
  const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  const missing = keys.filter((k) => !(k in nls));
  assert(keys.length > 10 && missing.length === 0, `missing: ${missing.join(', ')}`);
});
check('engines.vscode is not newer than @types/vscode or the tested VS Code (1.137)', () => {
  const engine = manifest.engines.vscode.replace(/^\^/, '');
  const types = require(path.join(ROOT, 'node_modules/@types/vscode/package.json')).version;
  const cmp = (a, b) => a.split('.').map(Number).reduce((r, x, i) => r || x - Number(b.split('.')[i]), 0);
  assert(cmp(types, engine) <= 0, `@types/vscode ${types} is newer than engines ${engine}`);
  assert(cmp(engine, '1.137.0') <= 0, `engines ${engine} is newer than the tested VS Code`);
});

const passed = results.filter(([, ok]) => ok).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
