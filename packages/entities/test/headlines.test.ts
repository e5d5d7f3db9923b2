import { describe, expect, it } from 'vitest';
import { headlineKind, readHeadlines } from '../src/lib/headlines.js';
import { normaliseToken } from '../src/lib/mentions.js';
import { tokenize } from '../src/lib/tokenize.js';
import { markedText } from './marked-text.js';

/** Sentences (one per line), their words and the mentions marked "[LABEL]name{}" in `source`. */
function article(source: string) {
  const { text, mentions } = markedText(source);
  const sentences: { start: number; end: number }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    sentences.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  const rows = sentences.map((s) =>
    tokenize(text, s.start, s.end).map((t) => normaliseToken(text.slice(t.start, t.end))),
  );
  const sentenceStarts = new Int32Array(rows.length + 1);
  rows.forEach((row, s) => (sentenceStarts[s + 1] = sentenceStarts[s] + row.length));
  return { text, sentences, words: { words: rows.flat(), sentenceStarts }, mentions };
}

function read(source: string): string[] {
  const { text, sentences, words, mentions } = article(source);
  return readHeadlines(text, sentences, words, mentions).map((m) => `${m.label}:${text.slice(m.start, m.end)}`);
}

describe('headlineKind', () => {
  it('tells capitals, Title Case and body lines apart', () => {
    expect(headlineKind(['MARKETS', 'SLIDE', 'AS', 'RATES', 'RISE'])).toBe('caps');
    expect(headlineKind(['Volunteers', 'Pull', 'Two', 'Tonnes', 'of', 'Rubbish', 'From', 'the', 'River'])).toBe(
      'title-case',
    );
    expect(headlineKind(['The', 'UN', 'and', 'NATO', 'met', 'in', 'Oslo', 'on', 'Monday', '.'])).toBe('body');
  });
});

describe('readHeadlines', () => {
  it('drops names in an all-caps subhead that the body does not name', () => {
    expect(read('[ORG]HARBOUR FALLS{}\nShares in Tallis Marine fell sharply on Friday after a weak quarter.')).toEqual(
      [],
    );
  });

  it("gives a headline's name the body's type", () => {
    expect(
      read('[ORG]KESTREL{} WINS AGAIN\n[PERSON]Kestrel{} rode the final lap alone, and [PERSON]Kestrel{} won.'),
    ).toEqual(['PERSON:KESTREL', 'PERSON:Kestrel', 'PERSON:Kestrel']);
  });

  it('drops Title Case guesses unless the body writes the same words', () => {
    expect(
      read(
        'Volunteers Pull Two Tonnes of [ORG]Rubbish From{} the [LOC]Ouse{}\nVolunteers worked along the [LOC]Ouse{} near the weir.',
      ),
    ).toEqual(['LOC:Ouse', 'LOC:Ouse']);
  });

  it('leaves a lone line as the tagger read it', () => {
    expect(read('[PERSON]BORIS JOHNSON{} RESIGNS')).toEqual(['PERSON:BORIS JOHNSON']);
  });
});
