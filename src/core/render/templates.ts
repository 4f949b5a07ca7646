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
  const unknown = unknownNames(template, namesIn(view));
  if (unknown.length) throw new Error(`The template uses unknown values: ${unknown.join(', ')}. Known: ${[...namesIn(view)].join(', ')}.`);
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
}

/** Every property name a view offers, nested ones included. */
function namesIn(view: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(view)) for (const item of view) namesIn(item, names);
  else if (view && typeof view === 'object') {
    for (const [name, value] of Object.entries(view)) {
      names.add(name);
      namesIn(value, names);
    }
  }
  return names;
}

/**
 * Names a template reads that the view does not offer. Only the view's own
 * names are allowed, so a template cannot reach inherited properties such
 * as `constructor`.
 */
function unknownNames(template: string, known: Set<string>): string[] {
  const unknown = new Set<string>();
  const walk = (tokens: unknown[][]) => {
    for (const token of tokens) {
      const [type, value] = token as [string, string];
      if (['name', '&', '{', '#', '^'].includes(type) && value !== '.') {
        for (const part of value.split('.')) if (!known.has(part)) unknown.add(part);
      }
      if (Array.isArray(token[4])) walk(token[4] as unknown[][]);
    }
  };
  walk(Mustache.parse(template) as unknown[][]);
  return [...unknown];
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
