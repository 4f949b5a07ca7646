// The parsers (BibTeX, CSL-JSON, Markdown notes, corpus text) as a bundle of
// their own, dist/node/parser.js and dist/web/parser.js, loaded the first
// time the extension host parses a file (src/vscode/library/loadParser.ts):
// citation-js's BibTeX grammar is the largest part of them, and activation
// should not pay for it. The web bundle is a classic script that leaves the
// module on `globalThis.litnotesParser`.
import { parseFileSteps } from '../core/load/parseFile';
import { parseSourceSteps } from '../core/sources/index';

export { parseFileSteps, parseSourceSteps };

(globalThis as { litnotesParser?: unknown }).litnotesParser = { parseFileSteps, parseSourceSteps };
