/**
 * CSL-JSON source: the array of items Zotero and Better BibTeX export.
 *
 * Never throws: text that is not JSON, or JSON that is not an array, gives
 * one error; an item that is not an object is skipped with an error; a field
 * of the wrong type is ignored with a warning and the item is kept.
 */
import { firstLineOf, lineAt } from '../lines';
import type { DraftParseResult, DraftPaper, Problem, SourceRef } from '../model';
import { cslItemToDraft, describeType, type CslItem } from './cslMapping';

/** Parses a CSL-JSON export. Never throws. */
export function parseCslJson(text: string, source: string): DraftParseResult {
  const papers: DraftPaper[] = [];
  const problems: Problem[] = [];
  try {
    const clean = String(text ?? '').replace(/^\uFEFF/, '');
    if (clean.trim() === '') {
      return { papers, problems };
    }
    let data: unknown;
    try {
      data = JSON.parse(clean);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push({
        source,
        line: jsonErrorLine(clean, message),
        severity: 'error',
        message: `Not valid JSON, so no papers were read: ${firstLineOf(e)}`,
      });
      return { papers, problems };
    }
    if (!Array.isArray(data)) {
      problems.push({
        source,
        line: 1,
        severity: 'error',
        message: `Expected a CSL-JSON array of items, found ${describeType(data)}; no papers were read.`,
      });
      return { papers, problems };
    }
    const lines = itemStartLines(clean);
    data.forEach((item, i) => {
      const line = lines[i];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        problems.push({
          source,
          line,
          severity: 'error',
          message: `Item ${i + 1} is ${describeType(item)}, not an object; it was skipped.`,
        });
        return;
      }
      const origin: SourceRef = { source, kind: 'csl-json', line };
      const paper = cslItemToDraft(item as CslItem, origin, problems);
      if (paper) {
        papers.push(paper);
      }
    });
  } catch (e) {
    // Defensive: the mapping is written not to throw, but a parser must never do so.
    problems.push({ source, severity: 'error', message: `Could not read this CSL-JSON file: ${firstLineOf(e)}` });
  }
  return { papers, problems };
}

/** The line of a JSON.parse error, from "(line N column M)" or "position N" in its message. */
function jsonErrorLine(text: string, message: string): number {
  const byLine = /line (\d+)/i.exec(message);
  if (byLine) {
    return Number(byLine[1]);
  }
  const byPos = /position (\d+)/i.exec(message);
  if (byPos) {
    return lineAt(text, Number(byPos[1]));
  }
  if (/end of JSON input/i.test(message)) {
    return lineAt(text, text.trimEnd().length);
  }
  // Node 20: `Unexpected token '}', ..."context" is not valid JSON`: find the quoted context.
  const byContext = /Unexpected token '([\s\S])', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (byContext) {
    const at = text.indexOf(byContext[2]);
    if (at >= 0) {
      return lineAt(text, at + Math.max(0, byContext[2].indexOf(byContext[1])));
    }
  }
  return 1;
}

/**
 * The 1-based start line of each element of the top-level JSON array, found
 * by a scan that tracks strings and nesting (the text is known to be valid JSON).
 */
function itemStartLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (inString) {
      if (c === '\\') {
        i++;
      } else if (c === '"') {
        inString = false;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      continue;
    }
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') {
      inString = true;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) {
        expectValue = true;
      }
    } else if (c === ']' || c === '}') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}
