import Mustache from 'mustache';

/**
 * Renders a user-editable template with Mustache: logic-less, so a template
 * can read values but never run code. Values are inserted literally (no HTML
 * escaping), and a value's own `{{`, `}}`, `$` or backslashes are never
 * re-read as template syntax.
 *
 * LaTeX and Mustache both love braces: `\cite{{{keys}}}` is read by Mustache
 * as a triple-brace tag. Templates for LaTeX switch delimiters first, e.g.
 * `{{=<% %>=}}\cite{<%keys%>}`.
 */
export function renderTemplate(template: string, view: object): string {
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
}

/** Checks a template without rendering it; returns the parse error, if any. */
export function templateError(template: string): string | undefined {
  try {
    Mustache.parse(template);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
