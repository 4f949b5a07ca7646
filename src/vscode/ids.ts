/** Every id the manifest and the code share, in one place. The compiler checks every command has a handler; an in-host test checks the manifest declares exactly the registered ones. */
export const Commands = {
  search: 'litnotes.search',
  insertCitation: 'litnotes.insertCitation',
  insertNoteStub: 'litnotes.insertNoteStub',
  createNote: 'litnotes.createNote',
  openAbstract: 'litnotes.openAbstract',
  refresh: 'litnotes.refresh',
  copyKey: 'litnotes.copyKey',
  copyBibtex: 'litnotes.copyBibtex',
  groupByTopic: 'litnotes.groupByTopic',
  groupByYear: 'litnotes.groupByYear',
  groupBySource: 'litnotes.groupBySource',
  groupByKeyword: 'litnotes.groupByKeyword',
  renameTopic: 'litnotes.renameTopic',
  rediscoverTopics: 'litnotes.rediscoverTopics',
  showLog: 'litnotes.showLog',
  showMore: 'litnotes.showMore',
  openSourceEntry: 'litnotes.openSourceEntry',
  showRelated: 'litnotes.showRelated',
  replaceCitationKey: 'litnotes.replaceCitationKey',
  exportCited: 'litnotes.exportCited',
  insertFormattedReference: 'litnotes.insertFormattedReference',
  copyFormattedReference: 'litnotes.copyFormattedReference',
  insertBibliography: 'litnotes.insertBibliography',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  container: 'litnotes',
  papers: 'litnotes.papers',
} as const;

export const ContextKeys = {
  groupBy: 'litnotes.groupBy',
  loaded: 'litnotes.loaded',
  empty: 'litnotes.empty',
  failed: 'litnotes.failed',
} as const;

export const CONFIG_SECTION = 'litnotes';

/** URI scheme of the read-only abstract documents. */
export const ABSTRACT_SCHEME = 'litnotes-abstract';

/** Context value of paper rows; menus match `viewItem =~ /^paper/`. */
export const TreeItemKinds = { paper: 'paper', paperWithNote: 'paper.withNote', group: 'group', topicGroup: 'group.topic', more: 'more' } as const;
