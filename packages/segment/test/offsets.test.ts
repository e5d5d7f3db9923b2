import { describe, expect, it } from 'vitest';
import { type Block, isSpace, paragraphBlocks } from '@galley/document';
import { segmentText } from '../src/index.js';

// Pieces that exercise every rule, glued at random with random white space.
const pieces = [
  'Dr.',
  'Smith',
  'U.S.',
  'Inc.',
  'said',
  'it',
  'was',
  '3.5%',
  '$100.00.',
  'The',
  'end.',
  '“Yes.”',
  '(no.)',
  '...',
  '. . .',
  'J.',
  'K.',
  'a.m.',
  'e.g.',
  'Why?',
  'Wow!',
  '1.',
  '2)',
  'b.',
  'www.example.com.',
  'ann@example.org',
  'world.Today',
  ':)',
  '—',
  '-',
  '*',
  '•',
  'Ünïcödé.',
  'Hi!?',
  '[...]',
  'Image:',
  'Thanks,',
  '06/02/2001',
  '10:53',
  'AM',
  'Jan.',
  '5,',
  '2020',
  '\u00a0',
  '"',
  "'",
  '”',
  '’',
  '?',
  '!',
  '.',
  'x',
];
const gaps = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t', '\u00a0 ', ''];

/** A small deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(next: () => number): string {
  const count = 1 + Math.floor(next() * 60);
  let text = next() < 0.3 ? ' ' : '';
  for (let i = 0; i < count; i++)
    text += pieces[Math.floor(next() * pieces.length)] + gaps[Math.floor(next() * gaps.length)];
  return text;
}

/** Problems with the spans of `text` (empty when all is well); one `expect` per text keeps the test fast. */
function spanProblems(text: string, blocks: readonly Block[] | undefined): string[] {
  const problems: string[] = [];
  const spans = segmentText(text, blocks);
  const within = blocks ?? [{ type: 'paragraph' as const, start: 0, end: text.length }];
  let previous = 0;
  for (const span of spans) {
    const at = `${span.start}-${span.end} in ${JSON.stringify(text)}`;
    if (span.end <= span.start) problems.push(`empty span ${at}`);
    if (span.start < previous) problems.push(`unsorted or overlapping span ${at}`);
    if (isSpace(text.charCodeAt(span.start)) || isSpace(text.charCodeAt(span.end - 1)))
      problems.push(`untrimmed span ${at}`);
    if (!within.some((b) => span.start >= b.start && span.end <= b.end)) problems.push(`span crosses a block ${at}`);
    previous = span.end;
  }
  // Nothing lost: every non-space character of every block lies in exactly one sentence.
  const covered = spans.reduce((n, s) => n + text.slice(s.start, s.end).replace(/\s/g, '').length, 0);
  const total = within.reduce((n, b) => n + text.slice(b.start, b.end).replace(/\s/g, '').length, 0);
  if (covered !== total) problems.push(`${covered} of ${total} characters covered in ${JSON.stringify(text)}`);
  return problems;
}

describe('offsets', () => {
  it('gives sorted, non-overlapping, trimmed spans that cover every character, over 2,000 random texts', () => {
    const next = random(20260101);
    const problems: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next);
      problems.push(...spanProblems(text, undefined), ...spanProblems(text, paragraphBlocks(text)));
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('keeps sentences inside heading and paragraph blocks', () => {
    const text = 'A Heading Without Stop\n\nFirst sentence here. Second one\ncontinues here.\n\nLast words';
    const blocks = paragraphBlocks(text);
    const spans = segmentText(text, blocks);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'A Heading Without Stop',
      'First sentence here.',
      'Second one\ncontinues here.',
      'Last words',
    ]);
  });

  it('uses UTF-16 offsets, so astral characters keep their places', () => {
    const text = 'Launch day 🚀. Crowds came 😀! Done.';
    const spans = segmentText(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Launch day 🚀.', 'Crowds came 😀!', 'Done.']);
  });
});
