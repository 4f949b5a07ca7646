/**
 * YAML front matter: the one place LitNotes reads and writes it.
 *
 * gray-matter does the splitting, with engines that parse YAML with js-yaml's
 * safe schema and refuse JavaScript front matter (`---js`), so reading a note
 * never runs code. Options are always passed, which also keeps gray-matter
 * from serving a cached (shared, mutable) result for a text it has seen.
 */
import matter from 'gray-matter';
import { javascript, js, json, yaml } from './vendor/grayMatterEngines';
import { firstLineOf } from './lines';

// gray-matter's option type is generic over itself; ours is a plain object.
type AnyOptions = any;

export interface FrontMatter {
  /** The front matter's keys; empty when there is none or it is broken. */
  data: Record<string, unknown>;
  /** The text after the front matter (the whole text when there is none). */
  content: string;
  /** Why the front matter could not be read; `data` is then empty. */
  error?: string;
}

/** Options for every gray-matter call: safe engines only; dump without folding or anchors. */
function options(): Record<string, unknown> {
  return {
    engines: { yaml, yml: yaml, json, javascript, js },
    // js-yaml dump options (gray-matter hands its options to the engine).
    lineWidth: -1,
    noRefs: true,
    skipInvalid: true,
  };
}

/** Reads a note's front matter. Never throws: broken front matter gives `error` and empty data. */
export function readFrontMatter(text: string): FrontMatter {
  const source = String(text ?? '').replace(/^\uFEFF/, '');
  if (!/^---(?:[^\S\r\n]*|[a-zA-Z]+[^\S\r\n]*)(?:\r?\n|$)/.test(source)) {
    return { data: {}, content: source };
  }
  if (!/\r?\n---/.test(source.slice(3))) {
    return { data: {}, content: source, error: 'The front matter has no closing "---" line.' };
  }
  try {
    const file = matter(source, options() as AnyOptions);
    const data: unknown = file.data;
    if (data === null || data === undefined) {
      return { data: {}, content: file.content };
    }
    if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
      return {
        data: {},
        content: file.content,
        error: 'The front matter is not a list of "key: value" lines.',
      };
    }
    return { data: { ...(data as Record<string, unknown>) }, content: file.content };
  } catch (e) {
    return { data: {}, content: contentAfterFrontMatter(source), error: `The front matter could not be read: ${firstLineOf(e)}` };
  }
}

/**
 * Writes `data` as YAML front matter followed by `body`. Keys whose value is
 * undefined are left out. With no keys left, the result is the body alone.
 */
export function writeFrontMatter(data: Record<string, unknown>, body: string): string {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value !== undefined) {
      clean[key] = value;
    }
  }
  // A file object, not a string: gray-matter would otherwise parse a body that
  // itself starts with "---" and merge that body's keys into ours.
  const file = { content: String(body ?? ''), data: {} };
  return matter.stringify(file, clean, options() as AnyOptions);
}

/** The text after a front matter block that could not be parsed. */
function contentAfterFrontMatter(text: string): string {
  const m = /\r?\n---[^\S\r\n]*(?:\r?\n|$)/.exec(text.slice(3));
  return m ? text.slice(3 + m.index + m[0].length) : '';
}
