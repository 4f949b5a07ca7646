import * as vscode from 'vscode';
import { TOPICS_MODES, type TopicsMode } from '../core/topics/topicModes';
import { DEFAULT_CITATION_FORMATS, type CitationFormatName } from '../core/render/citations';
import { DEFAULT_STYLE } from '../core/csl/styles';
import { DEFAULT_NOTE_TEMPLATE } from '../core/render/noteStub';
import { templateError } from '../core/render/templates';
import { DEFAULT_MAX_FILE_SIZE_MB } from '../core/sources/sizeLimit';
import { CONFIG_SECTION } from './ids';

export interface Settings {
  sources: string[];
  includeBundledCorpus: boolean;
  notesFolder: string;
  citationFormats: Record<CitationFormatName, string>;
  languageFormats: Record<string, CitationFormatName>;
  noteTemplate: string;
  topics: unknown[];
  topicsMode: TopicsMode;
  maxFileSizeMB: number;
  maxFiles: number;
  /** Severity of unknown cited keys in documents, or `off`. */
  citationDiagnostics: 'error' | 'warning' | 'information' | 'hint' | 'off';
  /** Whether a document's declared bibliography limits completion and checks to its entries. */
  documentBibliographies: boolean;
  /** The CSL style of formatted references: a shipped style id or the path of a `.csl` file. */
  citationStyle: string;
}

export const DEFAULT_SETTINGS: Settings = {
  sources: ['**/*.bib', '**/*.csl.json'],
  includeBundledCorpus: true,
  notesFolder: 'notes',
  citationFormats: DEFAULT_CITATION_FORMATS,
  languageFormats: {},
  noteTemplate: DEFAULT_NOTE_TEMPLATE,
  topics: [],
  topicsMode: 'auto',
  maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB,
  maxFiles: 5000,
  citationDiagnostics: 'warning',
  documentBibliographies: true,
  citationStyle: DEFAULT_STYLE,
};

/**
 * Reads the `litnotes.*` settings with their types checked. A wrong value
 * falls back to its default and adds a message to `issues`; the rest of the
 * settings still apply.
 */
export function readSettings(scope?: vscode.ConfigurationScope): { settings: Settings; issues: string[] } {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION, scope);
  const issues: string[] = [];
  const get = <K extends keyof Settings>(name: K, valid: (value: unknown) => boolean): Settings[K] => {
    const value = config.get<unknown>(name);
    if (value === undefined || value === null) return DEFAULT_SETTINGS[name];
    if (valid(value)) return value as Settings[K];
    issues.push(`Setting "${CONFIG_SECTION}.${name}" has an invalid value (${JSON.stringify(value)?.slice(0, 60)}); using the default.`);
    return DEFAULT_SETTINGS[name];
  };
  const isStringArray = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const isTemplate = (v: unknown) => typeof v === 'string' && templateError(v) === undefined;

  const formats = { ...DEFAULT_CITATION_FORMATS };
  const userFormats = config.get<unknown>('citationFormats');
  if (userFormats && typeof userFormats === 'object') {
    for (const [name, template] of Object.entries(userFormats as Record<string, unknown>)) {
      if (!(name in formats)) issues.push(`Unknown citation format "${name}" in "${CONFIG_SECTION}.citationFormats" (known: ${Object.keys(formats).join(', ')}).`);
      else if (!isTemplate(template)) issues.push(`Citation format "${name}" is not a valid template (${templateError(String(template))}); using the default.`);
      else formats[name as CitationFormatName] = template as string;
    }
  }

  const settings: Settings = {
    sources: get('sources', isStringArray),
    includeBundledCorpus: get('includeBundledCorpus', (v) => typeof v === 'boolean'),
    notesFolder: get('notesFolder', (v) => typeof v === 'string' && v.trim() !== '' && !v.split(/[\\/]/).includes('..')),
    citationFormats: formats,
    languageFormats: get('languageFormats', (v) => !!v && typeof v === 'object' && Object.values(v).every((f) => typeof f === 'string' && f in formats)),
    noteTemplate: get('noteTemplate', isTemplate),
    topics: get('topics', Array.isArray),
    topicsMode: get('topicsMode', (v) => (TOPICS_MODES as readonly unknown[]).includes(v)),
    maxFileSizeMB: get('maxFileSizeMB', (v) => typeof v === 'number' && v > 0),
    maxFiles: get('maxFiles', (v) => typeof v === 'number' && v > 0),
    citationDiagnostics: get('citationDiagnostics', (v) => ['error', 'warning', 'information', 'hint', 'off'].includes(v as string)),
    documentBibliographies: get('documentBibliographies', (v) => typeof v === 'boolean'),
    citationStyle: get('citationStyle', (v) => typeof v === 'string' && v.trim() !== ''),
  };
  return { settings, issues };
}
