// Builds the extension twice: `main` for the Node extension host (desktop)
// and `browser` for the web extension host (a Web Worker). Both bundle every
// dependency, so the package ships no node_modules.
//   node esbuild.js               development build (source maps)
//   node esbuild.js --production  minified, no source maps (LITNOTES_NO_MINIFY=1 keeps
//                                 names readable, for CPU profiles: bench/hostProfile.js)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       also bundle the in-host test suites
const esbuild = require('esbuild');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/**
 * Keeps code evaluation and Node built-ins out of the bundles:
 * - gray-matter's engines include a JavaScript front-matter engine that calls
 *   `eval`; ours offers YAML and JSON only.
 * - js-yaml's `!!js/function` type builds functions with `new Function`; the
 *   safe schema never uses it, so it is replaced by a type that matches nothing.
 * - @citation-js/core is replaced by the two utilities the BibTeX parser
 *   needs; its plugin registry and network fetching are never used. In the
 *   browser, any remaining Node built-in resolves to an empty module.
 */
function safeModulesPlugin(platform) {
  return {
    name: 'litnotes-safe-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\/(lib\/)?engines$/ }, (args) =>
        args.importer.includes(`${path.sep}gray-matter${path.sep}`)
          ? { path: path.join(__dirname, 'src/core/vendor/grayMatterEngines.ts') }
          : undefined);
      build.onResolve({ filter: /\/js\/function$/ }, (args) =>
        args.importer.includes(`${path.sep}js-yaml${path.sep}`)
          ? { path: path.join(__dirname, 'src/core/vendor/noJsFunctionType.js') }
          : undefined);
      build.onResolve({ filter: /^@citation-js\/core$/ }, () =>
        ({ path: path.join(__dirname, 'src/core/vendor/citationCore.js') }));
      if (platform === 'browser') {
        build.onResolve({ filter: /^(node:)?(fs|http|https|zlib|stream|buffer|url|path|worker_threads|child_process|util|net|tls|os|crypto)$|^sync-fetch/ }, (args) =>
          ({ path: args.path, namespace: 'empty' }));
        build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      }
    },
  };
}

function options(platform, entry, outfile, extra = {}) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: extra.format ?? 'cjs',
    platform,
    target: platform === 'node' ? 'node18' : 'es2022',
    external: ['vscode', ...(extra.external ?? [])],
    minify: production && !process.env.LITNOTES_NO_MINIFY,
    sourcemap: !production,
    sourcesContent: false,
    // Non-ASCII text (the LaTeX-to-Unicode table, names) as UTF-8, not six-byte \u escapes.
    charset: 'utf8',
    logLevel: 'warning',
    metafile: true,
    mainFields: platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'],
    // LITNOTES_WEB tells the lazy loader (src/vscode/csl/loadRenderer.ts) which host it runs in.
    define: platform === 'browser' ? { global: 'globalThis', LITNOTES_WEB: 'true' } : { LITNOTES_WEB: 'false' },
    inject: platform === 'browser' ? [path.join(__dirname, 'src/web/bufferShim.ts')] : [],
    plugins: [safeModulesPlugin(platform)],
  };
}

const builds = [
  options('node', 'src/vscode/extension.ts', 'dist/node/extension.js'),
  options('browser', 'src/vscode/extension.ts', 'dist/web/extension.js'),
  // citeproc and the CSL renderer, loaded on first use, run in a worker of
  // their own (src/vscode/csl/loadRenderer.ts). The web one is a classic
  // script, as VS Code starts nested workers with importScripts.
  options('node', 'src/csl/entry.ts', 'dist/node/csl.js'),
  options('browser', 'src/csl/entry.ts', 'dist/web/csl.js', { format: 'iife' }),
  // The parse workers (src/worker): a worker_threads script, and a classic Web Worker script
  // (VS Code's web extension host starts an extension's workers with importScripts).
  // The parsers, loaded into the extension host on first use (src/vscode/library/loadParser.ts); the
  // web one is a classic script that leaves them on globalThis.litnotesParser.
  options('node', 'src/parser/entry.ts', 'dist/node/parser.js'),
  options('browser', 'src/parser/entry.ts', 'dist/web/parser.js', { format: 'iife' }),
  options('node', 'src/worker/nodeParseWorker.ts', 'dist/node/parseWorker.js'),
  options('browser', 'src/worker/webParseWorker.ts', 'dist/web/parseWorker.js', { format: 'iife' }),
];
if (tests) {
  builds.push(
    options('browser', 'test/host/index.ts', 'dist/test/web/index.js'),
    options('node', 'test/host/index.ts', 'dist/test/node/index.js', { external: ['mocha'] }),
  );
}

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] watching for changes');
    return;
  }
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  for (const [i, r] of results.entries()) {
    const out = Object.entries(r.metafile.outputs).find(([f]) => f.endsWith('.js'));
    console.log(`built ${builds[i].outfile} (${(out[1].bytes / 1024).toFixed(0)} KB)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
