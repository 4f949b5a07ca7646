/**
 * British to American spelling, one word at a time, so "optimisation" and
 * "optimization" are one word in the index and in queries. A small rule set
 * (-ise/-isation, -yse, -our, -elled/-elling, -tre, ae/oe in medical stems)
 * with exception lists for the words the rules would break, and a table of
 * irregular words. Applied to every indexed word, so the common case (no
 * rule applies) costs a few character tests.
 */

/** Irregular words, whole. */
const WORDS = new Map<string, string>(Object.entries({
  grey: 'gray', greys: 'grays', programme: 'program', programmes: 'programs', catalogue: 'catalog', catalogues: 'catalogs',
  analogue: 'analog', analogues: 'analogs', dialogue: 'dialog', dialogues: 'dialogs', defence: 'defense', defences: 'defenses',
  licence: 'license', licences: 'licenses', offence: 'offense', offences: 'offenses', pretence: 'pretense',
  ageing: 'aging', judgement: 'judgment', judgements: 'judgments', acknowledgement: 'acknowledgment', acknowledgements: 'acknowledgments',
  aluminium: 'aluminum', sulphur: 'sulfur', sulphate: 'sulfate', mould: 'mold', moulds: 'molds', tyre: 'tire', tyres: 'tires',
  manoeuvre: 'maneuver', manoeuvres: 'maneuvers', sceptical: 'skeptical', sceptic: 'skeptic', plough: 'plow',
  enrol: 'enroll', enrols: 'enrolls', enrolment: 'enrollment', fulfil: 'fulfill', fulfils: 'fulfills', fulfilment: 'fulfillment',
  skilful: 'skillful', wilful: 'willful', odour: 'odor', odours: 'odors', fuelled: 'fueled', fuelling: 'fueling',
  signalling: 'signaling', signalled: 'signaled', totalling: 'totaling', totalled: 'totaled', dialling: 'dialing', dialled: 'dialed',
  equalling: 'equaling', equalled: 'equaled', modeller: 'modeler', modellers: 'modelers', counselling: 'counseling', counselled: 'counseled', counsellor: 'counselor', counsellors: 'counselors', practise: 'practice', practised: 'practiced',
  metre: 'meter', metres: 'meters', litre: 'liter', litres: 'liters', fibre: 'fiber', fibres: 'fibers', centre: 'center', centres: 'centers',
  centred: 'centered', theatre: 'theater', calibre: 'caliber', spectre: 'specter', lustre: 'luster', sombre: 'somber',
}));

/** Stems before -ise that are spelled -ise in American English too (advise, exercise, promise, ...); -wise (pairwise, otherwise) is never changed. */
const KEEP_ISE = new Set('adv advert compr comprom conc dem desp dev disgu enterpr exc exerc expert franch improv inc merchand prem prec prom rev superv surm surpr telev pra cru bru parad chem treat mort repr val circumc sunr upr porpo torto turquo appra cer'.split(' '));
const ISE_ENDINGS = ['ise', 'ises', 'ised', 'ising', 'iser', 'isers', 'isation', 'isations', 'isable'];

/** Stems before -our that keep it (contour, detour, devour, ...); shorter stems (four, hour, your) are never changed. */
const KEEP_OUR = new Set('cont det dev troubad param vel downp'.split(' '));
const OUR_ENDINGS = ['our', 'ours', 'oured', 'ouring', 'ourite', 'ourites', 'ourable', 'ourably', 'ourful', 'ourless', 'ourer', 'ourers', 'ourism', 'ourist', 'ourists', 'ourhood', 'ourhoods', 'oural', 'ourally'];

/** -elled/-elling words that double the l in American English too (compelled, excelled, telling, ...). */
const KEEP_ELL = /(?:^|p|exc|reb|qu|t|s|dw|sw|sm|sh|sp|y|w)ell(?:ed|ing|er|ers)$/;
const ELL_ENDINGS = ['elled', 'elling', 'eller', 'ellers'];

/** British ae/oe at the start of medical and scientific stems. */
const DIGRAPH_STEMS: [string, string][] = [
  ['oesophag', 'esophag'], ['oedem', 'edem'], ['oestr', 'estr'], ['foet', 'fet'], ['diarrhoe', 'diarrhe'], ['haem', 'hem'],
  ['anaem', 'anem'], ['anaesth', 'anesth'], ['paediatr', 'pediatr'], ['paedo', 'pedo'], ['orthopaed', 'orthoped'], ['encyclopaed', 'encycloped'],
  ['leukaem', 'leukem'], ['septicaem', 'septicem'], ['ischaem', 'ischem'], ['gynaec', 'gynec'], ['coeliac', 'celiac'],
  ['aetiolog', 'etiolog'], ['palaeo', 'paleo'], ['caesium', 'cesium'], ['hypoxaem', 'hypoxem'], ['glycaem', 'glycem'],
  ['hyperglycaem', 'hyperglycem'], ['hypoglycaem', 'hypoglycem'],
];

function endingOf(word: string, endings: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const ending of endings) if (word.endsWith(ending) && (!best || ending.length > best.length)) best = ending;
  return best;
}

/** The American spelling of a lower-case word (the word itself when no rule applies). */
export function americanSpelling(word: string): string {
  const n = word.length;
  if (n < 4) return word;
  const irregular = WORDS.get(word);
  if (irregular) return irregular;
  if (word.includes('ae') || word.includes('oe')) {
    for (const [british, american] of DIGRAPH_STEMS) if (word.startsWith(british)) return americanSpelling(american + word.slice(british.length));
  }
  const last = word.charCodeAt(n - 1);
  // Every ending below ends in one of: e, s, d, g, r, n, l, y.
  if (last !== 0x65 && last !== 0x73 && last !== 0x64 && last !== 0x67 && last !== 0x72 && last !== 0x6e && last !== 0x6c && last !== 0x79) return word;
  if (word.includes('is')) {
    const ending = endingOf(word, ISE_ENDINGS);
    if (ending) {
      const stem = word.slice(0, n - ending.length);
      if (stem.length >= 3 && !KEEP_ISE.has(stem) && !stem.endsWith('w')) return stem + ending.replace('is', 'iz');
    }
  }
  if (word.includes('lys')) {
    // analyse, paralyse, catalyse; never analysis.
    const ending = endingOf(word, ['lyse', 'lyses', 'lysed', 'lysing', 'lyser', 'lysers']);
    if (ending && n - ending.length >= 2) return word.slice(0, n - ending.length) + ending.replace('lys', 'lyz');
  }
  if (word.includes('our')) {
    const ending = endingOf(word, OUR_ENDINGS);
    if (ending) {
      const stem = word.slice(0, n - ending.length);
      if (stem.length >= 3 && !KEEP_OUR.has(stem)) return `${stem}o${ending.slice(2)}`;
    }
  }
  if (word.includes('ell')) {
    const ending = endingOf(word, ELL_ENDINGS);
    if (ending && n - ending.length >= 3 && !KEEP_ELL.test(word)) return word.slice(0, n - ending.length) + ending.replace('ell', 'el');
  }
  if (word.endsWith('metre') || word.endsWith('metres')) return `${word.slice(0, word.lastIndexOf('metre'))}meter${word.endsWith('s') ? 's' : ''}`;
  return word;
}
