import type * as vscode from 'vscode';

const KEY = 'litnotes.topicNames';

/**
 * The user's own names for topics, by topic id, kept in the workspace state
 * so they survive reloads. Discovered topics keep their ids while the
 * library keeps its subject (ids come from the topics' defining words), so
 * a name stays with its topic.
 */
export class TopicNames {
  constructor(private readonly state: vscode.Memento) {}

  all(): ReadonlyMap<string, string> {
    const saved = this.state.get<Record<string, string>>(KEY, {});
    return new Map(Object.entries(saved).filter(([, name]) => typeof name === 'string' && name.trim() !== ''));
  }

  /** Sets (or, with an empty name, removes) the user's name for a topic. */
  async set(id: string, name: string): Promise<void> {
    const saved = { ...this.state.get<Record<string, string>>(KEY, {}) };
    if (name.trim() === '') delete saved[id];
    else saved[id] = name.trim();
    await this.state.update(KEY, saved);
  }
}
