/**
 * Times the extension's `activate()` from the production Node bundle, with
 * every VS Code API call answered by a do-nothing stand-in: what is measured
 * is LitNotes' own work at activation (module load, wiring, registrations),
 * not VS Code's. It also records which API calls activation made, so the
 * benchmark can show that activation reads no file and builds no index.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './generate';
import { distribution, type Distribution, now } from './measure';

export interface ActivationResult {
  moduleLoadMs: number;
  firstActivateMs: number;
  activate: Distribution;
  /** API calls made by one activation, by name (e.g. "vscode.commands.registerCommand": 14). */
  apiCalls: Record<string, number>;
  /** Whether activate() started loading the library (looked for its files or showed load progress). */
  libraryLoaded: boolean;
}

/** A stand-in for any VS Code API value: every property is another stand-in, every call returns one. */
function standIn(path: string, calls: string[]): unknown {
  const target = function () {
    /* stands in for an API function or class */
  };
  return new Proxy(target, {
    get(_, prop) {
      if (prop === Symbol.toPrimitive) return () => path;
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.iterator) return function* () {};
      return standIn(`${path}.${String(prop)}`, calls);
    },
    apply() {
      calls.push(path);
      return standIn(`${path}()`, calls);
    },
    construct() {
      calls.push(`new ${path}`);
      return standIn(`new ${path}`, calls) as object;
    },
  });
}

export function measureActivation(runs = 30): ActivationResult {
  const calls: string[] = [];
  // A plain object with every name the API declares (bundlers copy a module's own properties).
  const declared = readFileSync(join(repoRoot(), 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const vscode: Record<string, unknown> = {};
  for (const m of declared.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)) vscode[m[1]] ??= standIn(`vscode.${m[1]}`, calls);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (request === 'vscode' ? vscode : original(request, ...rest));
  try {
    const bundlePath = join(repoRoot(), 'dist', 'node', 'extension.js');
    const t0 = now();
    const extension = require(bundlePath) as { activate: (context: unknown) => unknown };
    const moduleLoadMs = now() - t0;
    const context = () => ({
      subscriptions: [] as unknown[],
      extensionUri: standIn('context.extensionUri', calls),
      storageUri: standIn('context.storageUri', calls),
      globalStorageUri: standIn('context.globalStorageUri', calls),
      workspaceState: standIn('context.workspaceState', calls),
      globalState: standIn('context.globalState', calls),
      extension: { packageJSON: { version: '0.0.0-bench' } },
    });
    const t1 = now();
    extension.activate(context());
    const firstActivateMs = now() - t1;
    const libraryLoaded = calls.some((call) => /findFiles|withProgress|fs\.readFile/.test(call));
    const apiCalls: Record<string, number> = {};
    for (const call of calls) apiCalls[call] = (apiCalls[call] ?? 0) + 1;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = now();
      extension.activate(context());
      times.push(now() - t);
    }
    return { moduleLoadMs, firstActivateMs, activate: distribution(times), apiCalls, libraryLoaded };
  } finally {
    loader._load = original;
  }
}
