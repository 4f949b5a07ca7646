import { strict as assert } from 'node:assert';
import { americanSpelling } from '../../src/core/search/spelling';
import { forEachTerm } from '../../src/core/search/tokenize';
import { corpusPapers } from './helpers/corpus';

/** British → American, one rule family per row. */
const FOLDED: [string, string[]][] = [
  ['-ise, -isation', ['optimisation:optimization', 'optimise:optimize', 'optimised:optimized', 'optimising:optimizing', 'organisations:organizations', 'regularisation:regularization', 'tokeniser:tokenizer', 'quantisation:quantization', 'recognisable:recognizable']],
  ['-yse', ['analyse:analyze', 'analysed:analyzed', 'analysing:analyzing', 'paralysed:paralyzed', 'catalyse:catalyze']],
  ['-our', ['colour:color', 'colours:colors', 'coloured:colored', 'behaviour:behavior', 'behavioural:behavioral', 'tumour:tumor', 'tumours:tumors', 'favourite:favorite', 'honourable:honorable', 'labourers:laborers', 'neighbourhood:neighborhood', 'odour:odor']],
  ['-elled, -elling', ['modelling:modeling', 'modelled:modeled', 'modeller:modeler', 'labelled:labeled', 'travelling:traveling', 'traveller:traveler', 'cancelled:canceled', 'signalling:signaling', 'counselling:counseling', 'fuelled:fueled', 'tunnelling:tunneling']],
  ['ae, oe', ['oesophagus:esophagus', 'oesophageal:esophageal', 'oedema:edema', 'oestrogen:estrogen', 'foetal:fetal', 'haemoglobin:hemoglobin', 'anaemia:anemia', 'anaesthetise:anesthetize', 'paediatric:pediatric', 'leukaemia:leukemia', 'gynaecology:gynecology', 'ischaemic:ischemic', 'coeliac:celiac', 'aetiology:etiology', 'palaeontology:paleontology']],
  ['-tre', ['centre:center', 'centres:centers', 'metre:meter', 'kilometres:kilometers', 'fibre:fiber', 'theatre:theater']],
  ['irregular', ['grey:gray', 'programme:program', 'catalogue:catalog', 'defence:defense', 'licence:license', 'ageing:aging', 'judgement:judgment', 'aluminium:aluminum', 'sulphur:sulfur', 'manoeuvre:maneuver', 'enrolment:enrollment', 'fulfil:fulfill', 'skilful:skillful', 'practise:practice']],
];

/** Words the rules must leave alone: American -ise words, -our words of both spellings, doubled l in both, ae/oe that are not British. */
const UNCHANGED = [
  'advise', 'advertise', 'comprise', 'compromise', 'concise', 'exercise', 'expertise', 'franchise', 'improvise', 'improvisation', 'merchandise',
  'premise', 'precise', 'promise', 'revise', 'supervise', 'surprise', 'televise', 'otherwise', 'likewise', 'praise', 'cruise', 'noise', 'raise',
  'arise', 'rise', 'wise', 'paradise', 'sunrise', 'enterprises',
  'four', 'hour', 'your', 'pour', 'tour', 'flour', 'contour', 'detour', 'devour', 'downpour', 'sources', 'resources', 'journal', 'course',
  'compelled', 'propelled', 'excelled', 'rebelled', 'telling', 'selling', 'bestselling', 'storytelling', 'dwelling', 'spelling', 'swelling', 'installed', 'controlled',
  'analysis', 'basis', 'crisis', 'this', 'visible', 'aerial', 'aerospace', 'toe', 'shoe', 'goes', 'does', 'poem', 'coexist', 'phoenix',
  'model', 'optimization', 'color', 'tumor', 'esophagus',
];

describe('search: British to American spelling', () => {
  for (const [rule, pairs] of FOLDED) {
    it(`folds ${rule}`, () => {
      for (const pair of pairs) {
        const [british, american] = pair.split(':');
        assert.equal(americanSpelling(british), american, british);
        assert.equal(americanSpelling(american), american, `${american} is already American`);
      }
    });
  }

  it('leaves words alone that are spelled so in American English too', () => {
    const changed = UNCHANGED.filter((w) => americanSpelling(w) !== w).map((w) => `${w} → ${americanSpelling(w)}`);
    assert.deepEqual(changed, []);
  });

  it('is idempotent over every word of the embedded corpus, and changes only a few of them', () => {
    const words = new Set<string>();
    for (const p of corpusPapers()) forEachTerm(`${p.title} ${p.abstract ?? ''}`, (t) => words.add(t));
    const changed: string[] = [];
    for (const word of words) {
      const american = americanSpelling(word);
      assert.equal(americanSpelling(american), american, `${word} → ${american} → ${americanSpelling(american)}`);
      if (american !== word) changed.push(`${word}→${american}`);
    }
    // The corpus is written in American English: the only changes are plural nouns that fold like verbs (analyses → analyzes).
    assert.ok(changed.length <= 5, changed.join(', '));
    for (const c of changed) assert.match(c, /lys/, c);
  });
});
