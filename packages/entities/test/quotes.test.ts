import { describe, expect, it } from 'vitest';
import { paragraphBlocks } from '@galley/document';
import { findQuoteSpans } from '../src/lib/quotes.js';

const quotes = (text: string) => findQuoteSpans(text, paragraphBlocks(text)).map((q) => text.slice(q.start, q.end));

describe('quotation spans', () => {
  it('finds typographic and straight double quotes, marks included', () => {
    expect(quotes('He said “we knew it” and then "it happened" again.')).toEqual(['“we knew it”', '"it happened"']);
  });

  it('keeps a multi-sentence quotation whole', () => {
    expect(quotes('“We demand equality. We want change.” She left.')).toEqual([
      '“We demand equality. We want change.”',
    ]);
  });

  it('accepts an opening mark typed where the closing one belongs', () => {
    expect(quotes('squashed by the so-called “gay propaganda law“. Later “more”.')).toEqual([
      '“gay propaganda law“',
      '“more”',
    ]);
  });

  it('accepts a closing mark used as an opener', () => {
    expect(quotes('They called it ”a farce” on Monday.')).toEqual(['”a farce”']);
  });

  it('runs a quotation on into the next paragraph that opens with a quotation mark', () => {
    const text = '“The first part of what I said.\n\n“And the second part,” she said.\n\nNo quote here.';
    expect(quotes(text)).toEqual(['“The first part of what I said.\n\n“And the second part,”']);
  });

  it('ends an unclosed quotation with its paragraph when the next one does not continue it', () => {
    expect(quotes('He said “this never ends.\n\nA new paragraph.')).toEqual(['“this never ends.']);
  });

  it('ignores a stray closing mark and apostrophes', () => {
    expect(quotes('Russia’s ruling” was odd; the group’s page said “no”.')).toEqual(['“no”']);
  });

  it('reads typographic single quotes, but not apostrophes, decades or quotes within quotes', () => {
    expect(quotes('Alliance vows to ‘change this shameful reality’ in the members’ name; back in the ‘90s.')).toEqual([
      '‘change this shameful reality’',
    ]);
    expect(quotes('He said “they called it ‘absurd’ twice” and left.')).toEqual(['“they called it ‘absurd’ twice”']);
  });
});
