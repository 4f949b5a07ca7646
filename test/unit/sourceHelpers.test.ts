// The helpers every source shares: names, years, lines and error messages.
import { strict as assert } from 'node:assert';
import { countNewlines, firstLineOf, lineAt } from '../../src/core/lines';
import { parseName, splitNameList, toAuthor } from '../../src/core/sources/authors';
import { yearFromText, yearOf } from '../../src/core/sources/years';

describe('sources: toAuthor', () => {
  const cases: Array<[string, unknown, ReturnType<typeof toAuthor>]> = [
    ['a CSL name', { family: 'Vaswani', given: 'Ashish' }, { family: 'Vaswani', given: 'Ashish' }],
    ['CSL particles and suffix', { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van', suffix: 'Jr.' }, { family: 'van Beethoven Jr.', given: 'Ludwig' }],
    ['a dropping particle stays with the given name', { family: 'Gaulle', given: 'Charles', 'dropping-particle': 'de' }, { family: 'Gaulle', given: 'Charles de' }],
    ['a literal is kept whole', { literal: 'World Health Organization' }, { family: 'World Health Organization' }],
    ['a name written as text in an object', { name: 'Ada Lovelace' }, { family: 'Lovelace', given: 'Ada' }],
    ['only a given name', { given: 'Plato' }, { family: 'Plato' }],
    ['rich-text markup is removed', { family: '<i>Smith</i>', given: ' Ann ' }, { family: 'Smith', given: 'Ann' }],
    ['text, "Given Family"', 'Alan Turing', { family: 'Turing', given: 'Alan' }],
    ['text, "Family, Given"', 'Turing, Alan', { family: 'Turing', given: 'Alan' }],
    ['an empty object', {}, undefined],
    ['blank text', '   ', undefined],
    ['a number', 42, undefined],
    ['a list', ['Ada'], undefined],
    ['null', null, undefined],
  ];
  for (const [what, input, expected] of cases) {
    it(`reads ${what}`, () => assert.deepEqual(toAuthor(input), expected));
  }
});

describe('sources: parseName and splitNameList', () => {
  it('keeps lower-case particles with the family name', () => {
    assert.deepEqual(parseName('Ludwig van Beethoven'), { family: 'van Beethoven', given: 'Ludwig' });
    assert.deepEqual(parseName('Plato'), { family: 'Plato' });
    assert.deepEqual(parseName(', Plato'), { family: 'Plato' });
  });

  it('splits on "and" and ";", and on commas only between full names', () => {
    assert.deepEqual(splitNameList('Ada Lovelace and Alan Turing'), ['Ada Lovelace', 'Alan Turing']);
    assert.deepEqual(splitNameList('Lovelace, Ada; Turing, Alan'), ['Lovelace, Ada', 'Turing, Alan']);
    assert.deepEqual(splitNameList('Ada Lovelace, Alan Turing'), ['Ada Lovelace', 'Alan Turing']);
    assert.deepEqual(splitNameList('Lovelace, Ada'), ['Lovelace, Ada']);
  });
});

describe('sources: yearOf', () => {
  const cases: Array<[string, unknown, number | undefined]> = [
    ['a whole number', 2021, 2021],
    ['a fraction', 2021.5, undefined],
    ['text with the year alone', ' 2019 ', 2019],
    ['text with the year inside', 'circa 1850, London', 1850],
    ['text without four digits', 'soon', undefined],
    ['five digits', '12345', undefined],
    ['a Date', new Date('2020-06-01T00:00:00Z'), 2020],
    ['an invalid Date', new Date('nope'), undefined],
    ['CSL date-parts', { 'date-parts': [[2017, 6]] }, 2017],
    ['CSL raw', { raw: '2016-05' }, 2016],
    ['CSL literal', { literal: 'Spring 1999' }, 1999],
    ['CSL date-parts out of range, then raw', { 'date-parts': [[0]], raw: '2001' }, 2001],
    ['a list', [2020], undefined],
    ['true', true, undefined],
    ['null', null, undefined],
  ];
  for (const [what, input, expected] of cases) {
    it(`reads ${what}`, () => assert.equal(yearOf(input), expected));
  }

  it('yearFromText takes the first four-digit run that stands alone', () => {
    assert.equal(yearFromText('vol. 12, 2003, pp. 1998-2004'), 2003);
    assert.equal(yearFromText('2021a'), 2021);
    assert.equal(yearFromText('120215'), undefined);
  });
});

describe('lines: countNewlines, lineAt, firstLineOf', () => {
  it('counts lines up to an offset', () => {
    const text = 'a\nbc\n\nd';
    assert.equal(countNewlines(text), 3);
    assert.deepEqual([0, 1, 2, 4, 5, 6, 99].map((offset) => lineAt(text, offset)), [1, 1, 2, 2, 3, 4, 4]);
    assert.equal(lineAt('', 0), 1);
  });

  it('cuts an error to its first line without a trailing colon', () => {
    assert.equal(firstLineOf(new Error('expected "comma":\n  at line 3\n')), 'expected "comma"');
    assert.equal(firstLineOf(new SyntaxError('  Unexpected end of JSON input  ')), 'Unexpected end of JSON input');
    assert.equal(firstLineOf('plain text thrown\nsecond line'), 'plain text thrown');
    assert.equal(firstLineOf(undefined), 'undefined');
  });
});
