import { describe, expect, it } from 'vitest';
import { classifyBlock, cleanByline, isCreditLine, splitCaptionCredit } from '../src/index.js';

const text = { structured: false };
const html = { structured: true };

describe('block rules', () => {
  it('takes a short unpunctuated line in plain text for a subheading, but not in Markdown or HTML', () => {
    expect(classifyBlock('The cost of waiting', text)).toEqual({ kind: 'heading' });
    expect(classifyBlock('The cost of waiting', html)).toEqual({ kind: 'body' });
  });

  it('takes an unpunctuated line before the first paragraph for the lead photo caption', () => {
    expect(classifyBlock('Crowds on the bridge', { structured: false, beforeBody: true })).toMatchObject({
      kind: 'figure',
      caption: 'Crowds on the bridge',
    });
  });

  it('keeps ordinary sentences as body', () => {
    expect(classifyBlock('The minister said on Monday that the plan would go ahead.', text)).toEqual({ kind: 'body' });
    expect(classifyBlock('“We will not stop,” she said', text)).toEqual({ kind: 'body' });
  });

  it('finds bylines and datelines and keeps their values', () => {
    expect(classifyBlock('By Amal Haddad, Science Correspondent', html)).toMatchObject({
      kind: 'removed',
      removed: 'byline',
      value: 'Amal Haddad, Science Correspondent',
    });
    expect(classifyBlock('Updated: March 3, 2024 at 10:15 a.m.', html)).toMatchObject({
      kind: 'removed',
      removed: 'dateline',
    });
  });

  it('keeps only the name of a byline that runs on into its date', () => {
    expect(classifyBlock('By Jonas Lindqvist · 21 September 2026', html)).toMatchObject({
      kind: 'removed',
      removed: 'byline',
      value: 'Jonas Lindqvist',
    });
    expect(classifyBlock('By Ana Ruiz | Metro desk', html)).toMatchObject({
      kind: 'removed',
      removed: 'byline',
      value: 'Ana Ruiz',
    });
  });

  it('does not take a sentence opening with "By" for a byline', () => {
    expect(classifyBlock('By the end of the year, prices had doubled.', html)).toEqual({ kind: 'body' });
  });

  it('runs in linear time on adversarial input', () => {
    for (const long of [
      'By ' + 'Aa '.repeat(40_000),
      'a/'.repeat(50_000),
      '('.repeat(50_000) + 'x',
      'March 1 '.repeat(12_000),
      'Photo: ' + 'x'.repeat(100_000),
      'x Photo: '.repeat(12_000),
      '©'.repeat(100_000),
      '- '.repeat(50_000) + 'Anzeige',
      'Lesezeit: ' + '1'.repeat(100_000),
      '7. '.repeat(30_000) + 'Oktober 2020',
    ]) {
      classifyBlock(long, text);
      isCreditLine(long);
      splitCaptionCredit(long);
      cleanByline(long);
    }
  });
});
