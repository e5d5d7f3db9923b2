import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/index.js';
import { tokenizeInto } from '../src/lib/tokenize.js';

function words(text: string, start?: number, end?: number): string[] {
  return tokenize(text, start, end).map((t) => text.slice(t.start, t.end));
}

describe('tokenize', () => {
  it('splits punctuation and keeps abbreviations, acronyms and initials whole', () => {
    expect(words('Mr. J. Smith of the U.S. said, "no."')).toEqual([
      'Mr.',
      'J.',
      'Smith',
      'of',
      'the',
      'U.S.',
      'said',
      ',',
      '"',
      'no',
      '.',
      '"',
    ]);
  });

  it('keeps numbers, hyphenated words and inner ampersands and apostrophes', () => {
    expect(words("AT&T's Anglo-Dutch unit paid 1,000.50 at 10:30 to O'Neill")).toEqual([
      'AT&T',
      "'s",
      'Anglo-Dutch',
      'unit',
      'paid',
      '1,000.50',
      'at',
      '10:30',
      'to',
      "O'Neill",
    ]);
  });

  it('splits possessives with straight and typographic apostrophes, also after a full stop', () => {
    expect(words("Russia’s and Putin's and Acme Corp.’s")).toEqual([
      'Russia',
      '’s',
      'and',
      'Putin',
      "'s",
      'and',
      'Acme',
      'Corp.',
      '’s',
    ]);
  });

  it('separates typographic quotes and dashes, and reads no-break spaces as spaces', () => {
    expect(words('“Change this” – said\u00a0Anna—twice ‘no’')).toEqual([
      '“',
      'Change',
      'this',
      '”',
      '–',
      'said',
      'Anna',
      '—',
      'twice',
      '‘',
      'no',
      '’',
    ]);
  });

  it('splits slashes between words but not between digits', () => {
    expect(words('Igor Russak/SOPA Images 1/2')).toEqual(['Igor', 'Russak', '/', 'SOPA', 'Images', '1/2']);
  });

  it('tokenises a range with offsets into the whole text', () => {
    const text = 'One. Two words.';
    expect(tokenize(text, 5, 15)).toEqual([
      { start: 5, end: 8 },
      { start: 9, end: 14 },
      { start: 14, end: 15 },
    ]);
  });

  it('rejects a range outside the text', () => {
    expect(() => tokenize('abc', 2, 9)).toThrow(RangeError);
  });

  it('stays linear on adversarial input', () => {
    const text = 'a.'.repeat(50_000) + '1,'.repeat(50_000);
    expect(tokenize(text).length).toBeGreaterThan(0);
  });

  it('appends the same offsets to flat lists, sentence after sentence, as tokenize gives', () => {
    const text = `Mr. J. Smith's firm, AT&T, paid "1,000" dollars. O'Neill’s U.S.-based unit — 🙂 — won.`;
    const cut = text.indexOf('O');
    const starts: number[] = [];
    const ends: number[] = [];
    tokenizeInto(text, 0, cut, starts, ends);
    tokenizeInto(text, cut, text.length, starts, ends);
    const expected = [...tokenize(text, 0, cut), ...tokenize(text, cut)];
    expect(starts.map((start, t) => ({ start, end: ends[t] }))).toEqual(expected);
    expect(() => tokenizeInto(text, 5, text.length + 1, starts, ends)).toThrow(RangeError);
  });
});
