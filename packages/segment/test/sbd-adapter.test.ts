import { describe, expect, it } from 'vitest';
import { continuesLine, segment } from '../src/sbd-adapter.js';

const sentencesOf = (text: string): string[] => segment(text).map((s) => text.slice(s.start, s.end));

describe('sbd adapter: lines', () => {
  it('treats each line as a paragraph', () => {
    expect(sentencesOf('Rain fell all day\nThe match went ahead.')).toEqual([
      'Rain fell all day',
      'The match went ahead.',
    ]);
  });

  it('keeps a hard-wrapped sentence whole', () => {
    expect(sentencesOf('The council voted on\nthe budget late on Monday. It passed.')).toEqual([
      'The council voted on\nthe budget late on Monday.',
      'It passed.',
    ]);
    expect(continuesLine('Ferries were cancelled because of the ', 'storm over the weekend.')).toBe(true);
  });

  it('keeps apart lines that only look wrapped', () => {
    expect(continuesLine('menu', 'opening hours')).toBe(false); // lower-case fragments: a list
    expect(continuesLine('Tickets are on sale.', 'doors open at six')).toBe(false); // a finished sentence
    expect(continuesLine('Call us on 0123 456', 'weekdays only')).toBe(false); // ends in a number
    expect(continuesLine('See you soon. Anna Berg', 'ok thanks')).toBe(false); // sentence end inside
    expect(continuesLine('Read the full story here', 'http://example.org/story')).toBe(false); // a URL follows
  });
});
