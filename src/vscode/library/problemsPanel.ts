import * as vscode from 'vscode';
import type { Problem } from '../../core/model';
import { log } from '../log';
import type { LibraryService } from './libraryService';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Shows the library's problems in the Problems panel (file and line) and in
 * the log. Problems without a file (settings, the embedded corpus) go to the
 * log only.
 */
export function registerProblemsPanel(library: LibraryService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('litnotes');
  let logged = new Set<string>();
  const subscription = library.onDidChange((snapshot) => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const nowLogged = new Set<string>();
    for (const problem of snapshot.problems) {
      const where = `${problem.source}${problem.line ? `:${problem.line}` : ''}`;
      const text = `${where}: ${problem.message}`;
      nowLogged.add(text);
      if (!logged.has(text)) (problem.severity === 'error' ? log().error(text) : log().warn(text));
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(problem.source) && !problem.source.startsWith('file:')) continue;
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), problem.message, SEVERITY[problem.severity]);
      diagnostic.source = 'LitNotes';
      const list = byFile.get(problem.source) ?? [];
      list.push(diagnostic);
      byFile.set(problem.source, list);
    }
    logged = nowLogged;
    collection.clear();
    for (const [source, diagnostics] of byFile) collection.set(vscode.Uri.parse(source), diagnostics);
  });
  return vscode.Disposable.from(collection, subscription);
}
