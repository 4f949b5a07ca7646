import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleLibrarySteps } from '../../src/core/library/library';
import { parseBibtexSteps } from '../../src/core/sources/bibtex';
import { groupsOfEntry, parseJabrefGroupTree } from '../../src/core/sources/jabrefGroups';
import type { DraftPaper } from '../../src/core/model';
import { runToEnd } from '../../src/core/slices';
import { DEFAULT_TAXONOMY } from '../../src/core/topics/taxonomy';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'bib');

/** A library as JabRef 5 writes it: static groups by the entries' `groups` field, keyword groups by a field's value. */
const JABREF5 = [
  '@article{reef2020, title = {Bleaching of reef corals}, abstract = {Corals bleach in heatwaves.}, keywords = {coral; heat stress}, groups = {Reading list}, year = 2020}',
  '@article{halo2019, title = {Dark matter halos of dwarf galaxies}, keywords = {dark matter, galaxies}, year = 2019}',
  '@article{plain2018, title = {Query optimization in column stores}, year = 2018}',
  '@Comment{jabref-meta: databaseType:bibtex;}',
  '@Comment{jabref-meta: grouping:',
  '0 AllEntriesGroup:;',
  '1 StaticGroup:Reading list\\;0\\;1\\;0x8a8a8aff\\;\\;\\;;',
  '2 KeywordGroup:Heat\\;1\\;keywords\\;heat stress\\;0\\;0\\;1\\;\\;\\;\\;;',
  '2 KeywordGroup:Galaxies in the list\\;1\\;keywords\\;galaxies\\;0\\;0\\;1\\;\\;\\;\\;;',
  '1 KeywordGroup:Astro\\;0\\;title\\;Dark Matter\\;0\\;0\\;1\\;\\;\\;\\;;',
  '1 KeywordGroup:Years ending in 8\\;0\\;year\\;8$\\;0\\;1\\;1\\;\\;\\;\\;;',
  '1 SearchGroup:Saved search\\;0\\;author=smith\\;0\\;0\\;1\\;\\;\\;\\;;',
  '}',
].join('\n');

describe('JabRef group trees', () => {
  it('reads static, keyword and regular-expression groups, with refining subgroups, and reports the rest', () => {
    const { papers, problems } = runToEnd(parseBibtexSteps(JABREF5, 'jabref5.bib'));
    const topics = new Map(papers.map((p) => [p.key, p.statedTopics ?? []]));
    // "Heat" refines "Reading list": reef2020 is in both; halo2019 matches "galaxies" but is not in the list.
    assert.deepEqual(topics.get('reef2020'), ['Reading list', 'Heat']);
    assert.deepEqual(topics.get('halo2019'), ['Astro']);
    assert.deepEqual(topics.get('plain2018'), ['Years ending in 8']);
    const info = problems.filter((p) => p.severity === 'info');
    assert.equal(info.length, 1);
    assert.match(info[0].message, /Saved search \(SearchGroup\)/);
    assert.equal(info[0].line, 5);
  });

  it('files papers handed over batch by batch too (as a parse worker sends them)', () => {
    const batches: DraftPaper[] = [];
    const { papers } = runToEnd(parseBibtexSteps(JABREF5, 'jabref5.bib', { onPapers: (batch) => batches.push(...batch) }));
    assert.equal(papers.length, 0);
    assert.deepEqual(batches.map((p) => [p.key, p.statedTopics]), [['reef2020', ['Reading list', 'Heat']], ['halo2019', ['Astro']], ['plain2018', ['Years ending in 8']]]);
  });

  it('reads a JabRef 2.x tree whose static groups list their keys, and files the papers under those topics', () => {
    const bib = [
      '@article{k1, title = {Coral larvae settle on reefs}, abstract = {Settlement of coral larvae.}}',
      '@article{k2, title = {Cosmic rays}, abstract = {Cosmic rays and their sources.}}',
      '@comment{jabref-meta: groupstree:',
      '0 AllEntriesGroup:;',
      '1 ExplicitGroup:Reefs\\;0\\;k1\\;;',
      '1 ExplicitGroup:Escaped\\\\\\;name\\;0\\;k2\\;;',
      '}',
    ].join('\n');
    const parsed = runToEnd(parseBibtexSteps(bib, 'old.bib'));
    assert.deepEqual(parsed.papers.map((p) => p.statedTopics), [['Reefs'], ['Escaped;name']]);
    const library = runToEnd(assembleLibrarySteps([parsed], DEFAULT_TAXONOMY));
    assert.deepEqual(library.papers.find((p) => p.key === 'k1')?.topics, ['s.reefs']);
    assert.ok(library.topics.topics.some((t) => t.id === 's.reefs' && t.label === 'Reefs' && t.origin === 'stated'));
  });

  it('makes one group per value for an automatic keyword group, and skips a broken regular expression with a reason', () => {
    const tree = parseJabrefGroupTree('jabref-meta: grouping:\n0 AllEntriesGroup:;\n1 AutomaticKeywordGroup:By keyword\\;0\\;keywords\\;,\\;>\\;1\\;\\;\\;\\;;\n1 KeywordGroup:Bad\\;0\\;title\\;(\\;0\\;1\\;;\n');
    assert.deepEqual(tree.skipped, ['Bad (its regular expression /(/ is not valid)']);
    const fields: Record<string, string> = { keywords: '{Coral}, reefs' };
    assert.deepEqual(groupsOfEntry(tree, 'x', (name) => fields[name]), ['Coral', 'reefs']);
  });

  it('reads the keyword groups of a real JabRef 2.x file (test/fixtures/bib/biber/tool.bib)', () => {
    const text = readFileSync(join(FIXTURES, 'biber', 'tool.bib'), 'utf8');
    const tree = parseJabrefGroupTree(text.slice(text.indexOf('@COMMENT{jabref-meta: groupstree:')));
    assert.deepEqual(tree.groups.map((g) => `${g.depth} ${g.kind} ${g.name}`), [
      '1 static Doktorandkurser',
      '2 keyword Från könsroll till genus',
      '2 keyword Historiska och filosofiska perspektiv på psykologi',
      '2 keyword Kurs i introduktion',
      '2 keyword Fenomenologi, kön och genus',
      '2 keyword Quantitative Research Methods',
      '2 keyword Multivariate Analysis',
    ]);
    // "Doktorandkurser" has context 2 (union): it holds its subgroups' entries.
    const fields: Record<string, string> = { course: '{QMR} spring term' };
    assert.deepEqual(groupsOfEntry(tree, 'x', (name) => fields[name]), ['Doktorandkurser', 'Quantitative Research Methods']);
    assert.deepEqual(groupsOfEntry(tree, 'y', () => undefined), []);
    // The file parses as before: the comment block is no entry.
    const { papers } = runToEnd(parseBibtexSteps(text, 'tool.bib'));
    assert.ok(papers.length > 0 && papers.every((p) => p.key));
  });
});
