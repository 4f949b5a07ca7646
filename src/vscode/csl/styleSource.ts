import * as vscode from 'vscode';
import { DEFAULT_STYLE, isStyleFile, localeFor, SHIPPED_LOCALES, shippedStyle } from '../../core/csl/styles';

export interface ResolvedStyle {
  /** The style's CSL XML. */
  xml: string;
  /** What the user named: a shipped id or the file's path, for messages and the bibliography marker. */
  name: string;
  lang: string;
  locales: Record<string, string>;
}

/** A style setting that cannot be used; the message names the setting and what to fix. */
export class StyleSettingError extends Error {}

const decoder = new TextDecoder('utf-8');
const shipped = new Map<string, Promise<string>>();

/** A file of the extension, read once. */
function readShipped(extensionUri: vscode.Uri, ...path: string[]): Promise<string> {
  const key = path.join('/');
  let text = shipped.get(key);
  if (!text) {
    text = Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path))).then((bytes) => decoder.decode(bytes));
    text.catch(() => shipped.delete(key));
    shipped.set(key, text);
  }
  return text;
}

/** Where a `.csl` path in the setting points: absolute, a URI, or relative to the (first) workspace folder. */
function styleFileUri(value: string): vscode.Uri {
  const path = value.trim();
  if (/^[a-z][\w+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (/^([a-z]:)?[\\/]/i.test(path) || !folder) return vscode.Uri.file(path);
  return vscode.Uri.joinPath(folder, path.replace(/\\/g, '/'));
}

/**
 * The style `litnotes.citationStyle` names, with the locale for VS Code's
 * display language (and en-US, the fallback). Throws a StyleSettingError for
 * an unknown id or a file that cannot be read.
 */
export async function resolveStyle(extensionUri: vscode.Uri, setting: string): Promise<ResolvedStyle> {
  const value = setting.trim() || DEFAULT_STYLE;
  let xml: string;
  let name: string;
  const known = shippedStyle(value);
  if (known) {
    xml = await readShipped(extensionUri, 'media', 'csl', 'styles', `${known.id}.csl`);
    name = known.id;
  } else if (isStyleFile(value)) {
    const uri = styleFileUri(value);
    try {
      xml = decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      throw new StyleSettingError(vscode.l10n.t('The CSL style file {0} (setting "litnotes.citationStyle") cannot be read: {1}', uri.toString(true), error instanceof Error ? error.message : String(error)));
    }
    name = value;
  } else {
    throw new StyleSettingError(vscode.l10n.t('Unknown citation style "{0}" in "litnotes.citationStyle". Use apa, chicago-author-date, ieee, vancouver, harvard-cite-them-right, nature, association-for-computing-machinery, or the path of a .csl file.', value));
  }
  const lang = localeFor(vscode.env.language);
  const wanted = new Set(['en-US', lang]);
  const styleLocale = /<style\b[^>]*default-locale="([^"]+)"/.exec(xml)?.[1];
  if (styleLocale && SHIPPED_LOCALES.includes(styleLocale)) wanted.add(styleLocale);
  const locales: Record<string, string> = {};
  await Promise.all([...wanted].map(async (l) => {
    locales[l] = await readShipped(extensionUri, 'media', 'csl', 'locales', `locales-${l}.xml`);
  }));
  return { xml, name, lang, locales };
}
