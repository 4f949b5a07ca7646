// Entry of the in-host test suite. VS Code loads the bundle of this file in
// its extension host and calls run(); run() rejects when a test fails.
// esbuild.js --tests bundles it twice:
//   dist/test/web/index.js   web extension host (a Web Worker): mocha's
//                            browser build, bundled in
//   dist/test/node/index.js  desktop (Node) extension host: mocha's Node API,
//                            loaded from node_modules (external)
// The test files are listed in ./suites.ts and imported statically so the
// web bundle contains them (a worker cannot glob the disk).

// Generous: a test waits for events and conditions, and on a busy machine they come late.
const TIMEOUT_MS = 60000;

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

/** Prefix of every console line the suite writes in the web extension host.
 * The workbench page forwards its own (noisy) console through the same
 * channel; test/runners/web.js prints only the lines that carry this mark. */
export const HOST_OUTPUT_MARK = '<<litnotes-host>> ';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Marks the worker's console output until the returned function is called.
 * VS Code defines console.log & co. as accessors that ignore assignment, so
 * the wrappers are installed with defineProperty and the originals restored
 * the same way. */
function markConsole(): () => void {
  const saved = LEVELS.map((level) => {
    const descriptor = Object.getOwnPropertyDescriptor(console, level);
    const original = console[level] as (...args: unknown[]) => void;
    Object.defineProperty(console, level, {
      configurable: true,
      enumerable: true,
      writable: true,
      value: (...args: unknown[]) => {
        if (typeof args[0] === 'string') original.call(console, HOST_OUTPUT_MARK + args[0], ...args.slice(1));
        else original.call(console, HOST_OUTPUT_MARK.trimEnd(), ...args);
      },
    });
    return [level, descriptor] as const;
  });
  return () => {
    for (const [level, descriptor] of saved) {
      if (descriptor) Object.defineProperty(console, level, descriptor);
    }
  };
}

function runInWebWorker(): Promise<void> {
  const unmark = markConsole();
  // Loaded after markConsole(): mocha keeps a reference to console.log.
  require('mocha/mocha'); // the browser build; defines globalThis.mocha
  const reporters = (globalThis as { Mocha?: { reporters?: { Base?: { consoleLog?: unknown } } } }).Mocha?.reporters;
  if (reporters?.Base) reporters.Base.consoleLog = console.log;
  // The spec reporter writes through console.log, which VS Code forwards to
  // the test runner (codeAutomationLog). The worker has no DOM for 'html'.
  mocha.setup({ ui: 'bdd', timeout: TIMEOUT_MS, reporter: 'spec', color: false });
  loadSuites();
  return new Promise<void>((resolve, reject) => {
    try {
      mocha.run((failures) => done(failures, resolve, reject));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  }).finally(unmark);
}

export function run(): Promise<void> {
  const req = nodeRequire();
  return req ? runInNode(req) : runInWebWorker();
}
