import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { authorName } from '../../core/render/views';
import { escapeMarkdown } from '../../core/render/markdown';
import { Commands } from '../ids';
import type { LibrarySnapshot } from '../library/snapshot';

/** How much of the abstract a hover or a completion item shows. */
const ABSTRACT_START = 320;

export function abstractStart(paper: Paper): string {
  const abstract = paper.abstract ?? '';
  return abstract.length > ABSTRACT_START ? `${abstract.slice(0, ABSTRACT_START).replace(/\s+\S*$/, '').replace(/[\s.,;:]+$/, '')}…` : abstract;
}

/** `command:` link with JSON arguments, as Markdown. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

/** Commands a paper card may run from its links. */
export const CARD_COMMANDS = [Commands.createNote, Commands.openAbstract, Commands.openSourceEntry, Commands.showRelated];

/** The hover card: title, authors, year, venue, topics, the start of the abstract, and links to act on the paper. */
export function paperCard(paper: Paper, snapshot: LibrarySnapshot): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(paper.title)}**`, ''];
  const facts = [paper.authors.map(authorName).join(', '), paper.year, paper.venue].filter(Boolean).map((f) => escapeMarkdown(String(f)));
  if (facts.length) lines.push(facts.join(' · '), '');
  if (paper.topics.length) lines.push(`*${escapeMarkdown(paper.topics.map((t) => snapshot.topicLabels.get(t) ?? t).join(', '))}*`, '');
  const start = abstractStart(paper);
  if (start) lines.push(escapeMarkdown(start), '');
  const links = [
    commandLink(snapshot.notes.has(paper.key) ? vscode.l10n.t('Open note') : vscode.l10n.t('Create note'), Commands.createNote, [paper.key]),
    commandLink(vscode.l10n.t('Show abstract'), Commands.openAbstract, [paper.key]),
  ];
  if (paper.origin.kind !== 'corpus') links.push(commandLink(vscode.l10n.t('Open source entry'), Commands.openSourceEntry, [paper.key]));
  links.push(commandLink(vscode.l10n.t('Related papers'), Commands.showRelated, [paper.key]));
  if (paper.doi) links.push(`[DOI](${encodeURI(`https://doi.org/${paper.doi}`).replace(/[()]/g, encodeURIComponent)})`);
  if (paper.arxiv) links.push(`[arXiv](${encodeURI(`https://arxiv.org/abs/${paper.arxiv}`).replace(/[()]/g, encodeURIComponent)})`);
  lines.push(links.join(' · '));
  const card = new vscode.MarkdownString(lines.join('\n'));
  card.isTrusted = { enabledCommands: CARD_COMMANDS };
  return card;
}
