import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = process.cwd();

function filesUnder(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, ext));
    else if (ext.test(name)) out.push(full);
  }
  return out;
}

/**
 * Source text with comments blanked out (strings kept), so a word in a comment
 * never counts. A small scanner: it knows strings, template literals and comments.
 */
export function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '\\') {
      // An escape (in a regex literal): `\/\/` is not a comment.
      out += c + (next ?? '');
      i += 2;
    } else if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      i += 2;
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) {
        if (src[i] === '\n') out += '\n';
        i++;
      }
      i += 2;
      out += ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      const quote = c;
      out += c;
      i++;
      while (i < src.length && src[i] !== quote) {
        if (src[i] === '\\') { out += src[i]; i++; }
        if (i < src.length) { out += src[i]; i++; }
      }
      if (i < src.length) { out += src[i]; i++; }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Module specifiers a file imports, requires or loads dynamically. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,]+?\s+from\s+['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[1]);
  return found;
}

const FORBIDDEN = /^(vscode|fs|fs\/promises|path|child_process|os|crypto|http|https|net|worker_threads|node:.*)$/;

describe('coreIsPure: src/core uses no VS Code or Node APIs', () => {
  const coreFiles = filesUnder(join(ROOT, 'src', 'core'), /\.ts$/);

  it('finds the core sources', () => {
    assert.ok(coreFiles.length >= 15, `only ${coreFiles.length} files`);
    const names = coreFiles.map((f) => relative(ROOT, f).replace(/\\/g, '/'));
    for (const f of ['src/core/keys.ts', 'src/core/search/searchIndex.ts', 'src/core/render/notePaths.ts', 'src/core/frontMatter.ts']) {
      assert.ok(names.includes(f), f);
    }
  });

  it('the import scanner and comment stripper work', () => {
    assert.equal(stripComments('const re = /a\\//; process.x'), 'const re = /a\\//; process.x');
    const sample = "import * as vscode from 'vscode';\nimport type { X } from \"node:fs\";\n// import 'path'\nconst p = require('child_process');\n/* Buffer */ const s = '// not a comment';\n";
    assert.deepEqual(specifiers(stripComments(sample)).sort(), ['child_process', 'node:fs', 'vscode']);
    assert.ok(!/\bBuffer\b/.test(stripComments(sample)));
    assert.ok(stripComments(sample).includes("'// not a comment'"));
  });

  for (const file of filesUnder(join(ROOT, 'src', 'core'), /\.ts$/)) {
    const name = relative(ROOT, file).replace(/\\/g, '/');
    it(`${name} imports no vscode/fs/path/node:* and uses no Buffer or process.`, () => {
      const code = stripComments(readFileSync(file, 'utf8'));
      for (const spec of specifiers(code)) assert.ok(!FORBIDDEN.test(spec), `${name} imports "${spec}"`);
      assert.ok(!/\bBuffer\b/.test(code), `${name} references Buffer`);
      assert.ok(!/\bprocess\s*\./.test(code), `${name} references process.`);
      assert.ok(!/\b(?:__dirname|__filename)\b/.test(code), `${name} uses __dirname/__filename`);
    });
  }
});

describe('coreIsPure: no eval or new Function anywhere in src/', () => {
  it('no source file under src/ calls eval( or new Function', () => {
    const files = filesUnder(join(ROOT, 'src'), /\.(ts|js|mjs|cjs)$/);
    assert.ok(files.length > 20);
    const offenders: string[] = [];
    for (const file of files) {
      const code = stripComments(readFileSync(file, 'utf8'));
      if (/(^|[^\w$.])eval\s*\(/.test(code) || /\bnew\s+Function\b/.test(code)) offenders.push(relative(ROOT, file));
    }
    assert.deepEqual(offenders, []);
  });
});
