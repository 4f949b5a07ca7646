/** Line numbers for problems, and errors cut to one line for their messages. */

/** How many line feeds `text` holds. */
export function countNewlines(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
    count++;
  }
  return count;
}

/** The 1-based line of the character at `offset` (line feeds end lines). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let k = text.indexOf('\n'); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) {
    line++;
  }
  return line;
}

/** The 1-based line of the character at `offset`, where CRLF, CR and LF each end a line (text not yet normalized). */
export function lineAtAnyEnding(text: string, offset: number): number {
  const end = Math.min(offset, text.length);
  let line = 1;
  for (let k = 0; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) line++;
  }
  return line;
}

/** An error's message (or the thrown value as text), first line only, without a trailing colon. */
export function firstLineOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].replace(/:\s*$/, '').trim();
}
