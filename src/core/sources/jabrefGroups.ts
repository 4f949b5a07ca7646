/**
 * JabRef's group tree, as JabRef stores it in a `.bib` file:
 *
 *   @Comment{jabref-meta: grouping:          (JabRef 3.x and later; `groupstree:` before)
 *   0 AllEntriesGroup:;
 *   1 StaticGroup:Reading list\;0\;1\;\;\;\;;
 *   2 KeywordGroup:Sparse\;1\;keywords\;sparse\;0\;0\;1\;\;\;\;;
 *   }
 *
 * Each item is `<depth> <Kind>:<fields>` and ends at an unescaped `;`; inside
 * an item `\;` separates the fields (names escape their own `;` once more).
 * The groups an entry belongs to become its stated topics, as the entry's own
 * `groups` field does: the user filed it there.
 *
 * Membership, as JabRef decides it:
 * - static (explicit) groups: the entry names the group in its `groups` field,
 *   or (files from JabRef 2.x) the group lists the entry's key;
 * - keyword groups: a field contains the search term (a whole keyword in
 *   keyword lists, a regular expression when the group says so);
 * - automatic keyword groups: one group per value of a field;
 * - a group whose context is "refine" (1) also needs its parent's membership;
 *   one whose context is "union" (2) also holds its subgroups' entries.
 * Search, person and LaTeX-aux groups are reported and left out.
 */

export type JabrefGroup =
  | { kind: 'static'; name: string; depth: number; context: number; parent: number; keys: string[] }
  | { kind: 'keyword'; name: string; depth: number; context: number; parent: number; field: string; term: string; caseSensitive: boolean; regex?: RegExp }
  | { kind: 'automatic'; name: string; depth: number; context: number; parent: number; field: string; delimiter: string };

export interface JabrefGroupTree {
  groups: JabrefGroup[];
  /** Groups that could not be used, each as "Name (Kind)" or a reason. */
  skipped: string[];
}

const HEADER = /jabref-meta:\s*(grouping|groupstree)\s*:/i;
/** Fields JabRef matches keyword by keyword rather than as text. */
const KEYWORD_FIELDS = new Set(['keywords', 'groups', 'tags']);

/** True when a `@comment` block's body holds a JabRef group tree. */
export function isJabrefGroupComment(text: string): boolean {
  return HEADER.test(text);
}

/** Reads the group tree from a `@comment` block's text; unusable groups go to `skipped`. */
export function parseJabrefGroupTree(commentText: string): JabrefGroupTree {
  const header = HEADER.exec(commentText);
  const tree: JabrefGroupTree = { groups: [], skipped: [] };
  if (!header) return tree;
  const legacy = header[1].toLowerCase() === 'groupstree';
  const body = commentText.slice(header.index + header[0].length).replace(/[})]\s*$/, '');
  // The last group seen at each depth, to find a group's parent (-1: under the root).
  const atDepth: number[] = [];
  for (const item of splitUnescaped(body)) {
    const m = /^\s*(\d+)\s+([A-Za-z]+):([\s\S]*)$/.exec(item);
    if (!m) continue;
    const depth = Number(m[1]);
    const kind = m[2];
    const fields = splitUnescaped(unescapeOnce(m[3])).map(unescapeOnce);
    const parent = depth > 0 ? atDepth[depth - 1] ?? -1 : -1;
    atDepth.length = depth;
    if (kind === 'AllEntriesGroup') {
      atDepth[depth] = -1;
      continue;
    }
    const group = toGroup(kind, fields, depth, parent, legacy, tree.skipped);
    if (group) {
      atDepth[depth] = tree.groups.length;
      tree.groups.push(group);
    } else {
      atDepth[depth] = -1;
    }
  }
  return tree;
}

function toGroup(kind: string, f: string[], depth: number, parent: number, legacy: boolean, skipped: string[]): JabrefGroup | undefined {
  const name = (f[0] ?? '').trim();
  const context = Number(f[1] ?? 0) || 0;
  if (!name) return undefined;
  if (kind === 'StaticGroup' || kind === 'ExplicitGroup') {
    // JabRef 2.x lists the members' keys after the context; later versions write display settings there.
    const keys = legacy ? f.slice(2).map((k) => k.trim()).filter(Boolean) : [];
    return { kind: 'static', name, depth, context, parent, keys };
  }
  if (kind === 'KeywordGroup' || kind === 'RegexKeywordGroup' || kind === 'WordKeywordGroup') {
    const field = (f[2] ?? '').trim().toLowerCase();
    const term = f[3] ?? '';
    if (!field || !term) {
      skipped.push(`${name} (${kind} without a field or term)`);
      return undefined;
    }
    const caseSensitive = f[4] === '1';
    let regex: RegExp | undefined;
    if (f[5] === '1' || kind === 'RegexKeywordGroup') {
      try {
        regex = new RegExp(term, caseSensitive ? 'u' : 'iu');
      } catch {
        skipped.push(`${name} (its regular expression /${term}/ is not valid)`);
        return undefined;
      }
    }
    return { kind: 'keyword', name, depth, context, parent, field, term, caseSensitive, regex };
  }
  if (kind === 'AutomaticKeywordGroup') {
    const field = (f[2] ?? '').trim().toLowerCase();
    if (!field) return undefined;
    return { kind: 'automatic', name, depth, context, parent, field, delimiter: f[3] || ',' };
  }
  skipped.push(`${name} (${kind})`);
  return undefined;
}

/**
 * The names of the groups an entry is in, outermost first. `field` gives the
 * entry's raw field values (braces are ignored); `key` is its citation key.
 */
export function groupsOfEntry(tree: JabrefGroupTree, key: string, field: (name: string) => string | undefined): string[] {
  const own = splitList(field('groups') ?? '', ',').map((g) => g.toLowerCase());
  const member = new Map<number, string[]>();
  tree.groups.forEach((group, i) => {
    if (group.context === 1 && group.parent >= 0 && !member.has(group.parent)) return;
    const names = namesIfMember(group, key, own, field);
    if (names.length > 0) member.set(i, names);
  });
  // A group whose context is "union" (2) also holds its subgroups' entries; children come after their parent.
  for (let i = tree.groups.length - 1; i >= 0; i--) {
    const parent = tree.groups[i].parent;
    if (member.has(i) && parent >= 0 && tree.groups[parent].context === 2 && !member.has(parent)) member.set(parent, [tree.groups[parent].name]);
  }
  const out: string[] = [];
  for (const i of [...member.keys()].sort((a, b) => a - b)) for (const n of member.get(i)!) if (!out.includes(n)) out.push(n);
  return out;
}

function namesIfMember(group: JabrefGroup, key: string, own: string[], field: (name: string) => string | undefined): string[] {
  if (group.kind === 'static') return group.keys.includes(key) || own.includes(group.name.toLowerCase()) ? [group.name] : [];
  const value = plain(field(group.field) ?? '');
  if (!value) return [];
  if (group.kind === 'automatic') return splitList(value, group.delimiter);
  if (group.regex) return group.regex.test(value) ? [group.name] : [];
  const fold = (s: string) => (group.caseSensitive ? s : s.toLowerCase());
  const term = fold(group.term.trim());
  if (KEYWORD_FIELDS.has(group.field)) return splitList(value, ',;').some((k) => fold(k) === term) ? [group.name] : [];
  return fold(value).includes(term) ? [group.name] : [];
}

function plain(value: string): string {
  return value.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
}

function splitList(value: string, separators: string): string[] {
  const out: string[] = [];
  let part = '';
  for (const c of plain(value)) {
    if (separators.includes(c)) {
      if (part.trim()) out.push(part.trim());
      part = '';
    } else part += c;
  }
  if (part.trim()) out.push(part.trim());
  return [...new Set(out)];
}

/** Splits on `;` not escaped by a backslash; escapes are kept for the next level. */
function splitUnescaped(text: string): string[] {
  const out: string[] = [];
  let part = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      part += c + text[++i];
    } else if (c === ';') {
      out.push(part);
      part = '';
    } else part += c;
  }
  if (part.trim()) out.push(part);
  return out.map((p) => p.replace(/^[\s]+/, ''));
}

/** One level of backslash escapes undone: `\;` → `;`, `\\` → `\`. */
function unescapeOnce(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
