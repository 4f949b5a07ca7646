// Entry of the in-host test suite. VS Code loads the bundle of this file in
// its extension host and calls run(); run() rejects when a test fails.
// esbuild.js --tests bundles it twice:
//   dist/test/web/index.js   web extension host (a Web Worker): mocha's
//                            browser build, bundled in
//   dist/test/node/index.js  desktop (Node) extension host: mocha's Node API,
//                            loaded from node_modules (external)
// The test files are listed in ./suites.ts and imported statically so the
// web bundle contains them (a worker cannot glob the disk).

const TIMEOUT_MS = 20000;

/** `require` exists only in the Node extension host. Reading it through
 * `typeof` keeps esbuild from bundling Node-only mocha into the web build. */
function nodeRequire(): NodeRequire | undefined {
  return typeof require === 'function' && typeof process === 'object' && !!process.versions?.node ? require : undefined;
}

function loadSuites(): void {
  // A require() (not a top-level import) so the suites register only after
  // mocha has defined describe/it. esbuild keeps the bundled module lazy.
  require('./suites');
}

function done(failures: number, resolve: () => void, reject: (e: Error) => void): void {
  if (failures > 0) reject(new Error(`${failures} in-host test(s) failed.`));
  else resolve();
}

function runInNode(req: NodeRequire): Promise<void> {
  const Mocha: typeof import('mocha') = req('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: TIMEOUT_MS, reporter: 'spec', color: true });
  // What Mocha#loadFiles does for each file: define the BDD globals, then load.
  mocha.suite.emit('pre-require', globalThis, 'test/host/suites.ts', mocha);
  loadSuites();
  mocha.suite.emit('post-require', globalThis, 'test/host/suites.ts', mocha);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => done(failures, resolve, reject));
  });
}

function runInWebWorker(): Promise<void> {
  require('mocha/mocha'); // the browser build; defines globalThis.mocha
  // The spec reporter writes through console.log, which VS Code forwards to
  // the test runner (codeAutomationLog). The worker has no DOM for 'html'.
  mocha.setup({ ui: 'bdd', timeout: TIMEOUT_MS, reporter: 'spec', color: false });
  loadSuites();
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => done(failures, resolve, reject));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

export function run(): Promise<void> {
  const req = nodeRequire();
  return req ? runInNode(req) : runInWebWorker();
}
