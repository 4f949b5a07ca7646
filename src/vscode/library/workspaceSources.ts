import * as vscode from 'vscode';
import { log } from '../log';
import type { Settings } from '../settings';

/** A file the library is read from, with its stat taken once per load. */
export interface SourceFile {
  uri: vscode.Uri;
  role: 'library' | 'note';
  /** Undefined when the file vanished after it was found. */
  stat?: vscode.FileStat;
}

/** Finds the workspace's library files and notes, and watches them for changes. */
export class WorkspaceSources implements vscode.Disposable {
  private watchers: vscode.Disposable[] = [];

  /** Library files in settings order (each glob over each workspace folder), then notes; each stat taken once. */
  async find(settings: Settings): Promise<SourceFile[]> {
    const seen = new Set<string>();
    const out: SourceFile[] = [];
    const add = (uris: vscode.Uri[], role: SourceFile['role']) => {
      for (const uri of uris.sort((a, b) => a.toString().localeCompare(b.toString()))) {
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        out.push({ uri, role });
      }
    };
    // Every search is asked for at once (each is a trip to VS Code's search, a few hundred milliseconds while a
    // window starts), and the answers are taken in settings order.
    const search = async (folder: vscode.WorkspaceFolder, glob: string) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', settings.maxFiles);
    const searches = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      library: settings.sources.map((glob) => ({ glob, found: search(folder, glob) })),
      notes: search(folder, notesGlob(settings)),
    }));
    // A search that fails before its turn is no unhandled rejection: its failure is reported in its turn.
    for (const { library, notes } of searches) {
      for (const { found } of library) found.catch(() => undefined);
      notes.catch(() => undefined);
    }
    for (const { library, notes } of searches) {
      for (const { glob, found } of library) {
        try {
          add(await found, 'library');
        } catch (error) {
          log().warn(`Bad glob "${glob}" in litnotes.sources: ${String(error)}`);
        }
      }
      add(await notes, 'note');
    }
    if (out.length >= settings.maxFiles) {
      log().warn(`Found ${out.length} files or more; only the first ${settings.maxFiles} per pattern are read (setting litnotes.maxFiles).`);
    }
    await Promise.all(out.map(async (file) => {
      try {
        file.stat = await vscode.workspace.fs.stat(file.uri);
      } catch {
        file.stat = undefined;
      }
    }));
    return out;
  }

  /** Calls `onChange` whenever a file matching the settings' patterns is created, changed or deleted. */
  watch(settings: Settings, onChange: () => void): void {
    this.disposeWatchers();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of [...settings.sources, notesGlob(settings)]) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        this.watchers.push(watcher, watcher.onDidChange(onChange), watcher.onDidCreate(onChange), watcher.onDidDelete(onChange));
      }
    }
  }

  private disposeWatchers(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }

  dispose(): void {
    this.disposeWatchers();
  }
}

function notesGlob(settings: Settings): string {
  return `${settings.notesFolder.replace(/^\/+|\/+$/g, '')}/**/*.md`;
}
