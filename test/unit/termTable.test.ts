import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { americanSpelling } from '../../src/core/search/spelling';
import { TermList, TermTable } from '../../src/core/search/termTable';
import { forEachTerm } from '../../src/core/search/tokenize';

/** The words `read` numbers, spelled back; and what forEachTerm reads, spelled as the index keeps it. */
function both(texts: string[]): { read: string[][]; expected: string[][] } {
  const table = new TermTable();
  const read = texts.map((text) => {
    const list = new TermList();
    const count = table.read(text, list);
    assert.equal(count, list.count);
    return Array.from(list.ids.subarray(0, list.count), (id) => table.terms[id]);
  });
  const expected = texts.map((text) => {
    const words: string[] = [];
    forEachTerm(text, (term) => words.push(americanSpelling(term)));
    return words;
  });
  return { read, expected };
}

describe('index term table', () => {
  it('reads the words forEachTerm reads, ASCII or not, in order, a word seen before under the same number', () => {
    const texts = [
      'Sparse Attention for SPARSE attention: the KV-cache (KV cache) in 4-bit GPT4 and llama2-7b.',
      'The tumour and the Tumor; colour, COLOR, Colours.',
      'a I x 7 of the and 42 — an en–dash, “quotes” and × ≈ symbols ≤ 3',
      'Müller-Lyon naïve Straße Łódź Ørsted',
      'İstanbul KELVIN \u212a and Ωmega 注意力 机制',
      'emoji \ud83d\ude00 between words, and O(n²) as well',
      'frantar2023sparsegpt ashkboos2024slicegpt',
      '',
      ' -- ',
      'Sparse attention again, after the others.',
    ];
    const { read, expected } = both(texts);
    assert.deepEqual(read, expected);
    const table = new TermTable();
    const ids = (text: string) => {
      const list = new TermList();
      table.read(text, list);
      return Array.from(list.ids.subarray(0, list.count));
    };
    assert.deepEqual(ids('Sparse sparse SPARSE'), [0, 0, 0]);
    assert.deepEqual(ids('tumour Tumor'), [1, 1]);
  });

  it('agrees with forEachTerm on any text', () => {
    const pieces = fc.constantFrom('a', 'B', 'sparse', 'Colour', 'the', '4', '2023', 'é', 'İ', '—', '-', ' ', ',', 'ß', '\u0301', 'x7', '\ud83d\ude00', 'K', '\u212a', 'σ', 'Σ', '²', 'ö', 'e\u0301', '½', '×');
    fc.assert(fc.property(fc.array(fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')), { maxLength: 8 }), (texts) => {
      const { read, expected } = both(texts);
      assert.deepEqual(read, expected);
    }));
  });

  it('finds every word again after its table and letter pool have grown many times', () => {
    // 100,000 distinct words of 3 to 12 letters: far past the table's first 65,536 slots and the pool's first 512 KB.
    const word = (i: number) => {
      let w = 'q';
      for (let n = i; n > 0 || w.length < 3; n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
      return w + 'z'.repeat(i % 8);
    };
    const words = Array.from({ length: 100_000 }, (_, i) => word(i));
    assert.equal(new Set(words).size, words.length);
    const table = new TermTable();
    const first = new TermList();
    table.read(words.join(' '), first);
    const again = new TermList();
    table.read(words.map((w) => w.toUpperCase()).reverse().join(', '), again);
    assert.equal(first.count, words.length);
    assert.deepEqual(Array.from(again.ids.subarray(0, again.count)).reverse(), Array.from(first.ids.subarray(0, first.count)));
    assert.deepEqual(Array.from(first.ids.subarray(0, first.count), (id) => table.terms[id]), words.map(americanSpelling));
  });
});

describe('index term list', () => {
  it('keeps every number in order: 16 bits each until one needs more, then 32, growing either way', () => {
    const list = new TermList(4);
    const width = () => list.ids.BYTES_PER_ELEMENT * 8;
    const pushed: number[] = [];
    const push = (id: number) => {
      list.push(id);
      pushed.push(id);
    };
    for (let i = 0; i < 3000; i++) push((i * 7919) % 0x10000);
    assert.equal(width(), 16, 'small numbers stay in 16 bits');
    assert.equal(list.ids.length, 3125, 'grown from 1,024 by a quarter five times');
    push(0x10000);
    assert.equal(width(), 32, 'a number over 65,535 widens the list');
    assert.equal(list.ids.length, 3125, 'widened without growing');
    for (let i = 0; i < 2000; i++) push(i % 3 ? i : 0xfffff + i);
    assert.equal(width(), 32, 'a small number after the widening keeps 32 bits');
    assert.equal(list.count, pushed.length);
    assert.deepEqual(Array.from(list.ids.subarray(0, list.count)), pushed);
    // Widened exactly when full.
    const full = new TermList();
    for (let i = 0; i < 1024; i++) full.push(i);
    full.push(70000);
    assert.deepEqual([full.ids.constructor, full.ids.length, full.count, full.ids[1023], full.ids[1024]], [Uint32Array, 1280, 1025, 1023, 70000]);
  });
});
