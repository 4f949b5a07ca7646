// Front-matter engines for gray-matter: YAML (safe schema) and JSON only.
// gray-matter's own set adds a JavaScript engine that `eval`s the front
// matter; a note must never run code, so that engine is absent here and the
// build swaps this module in for gray-matter's (see esbuild.js).
import * as yaml from 'js-yaml';

const refuse = {
  parse(): never {
    throw new Error('JavaScript front matter is not supported: LitNotes never runs code from notes.');
  },
  stringify(): never {
    throw new Error('JavaScript front matter is not supported.');
  },
};

export const yamlEngine = {
  parse: (text: string) => (yaml as any).safeLoad(text),
  stringify: (data: object, options?: object) => (yaml as any).safeDump(data, options),
};

export const json = {
  parse: (text: string) => JSON.parse(text),
  stringify: (data: object) => JSON.stringify(data, null, 2),
};

export { yamlEngine as yaml, refuse as javascript, refuse as js };
