import { describe, expect, it } from 'vitest';
import { segmentText } from '../src/index.js';

const N = 100_000;
const repeat = (unit: string): string => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);

// Inputs shaped to trip backtracking patterns or quadratic scans. The limit is a sanity bound
// against runaway behaviour, not a speed target (bench/segment-bench.mjs measures speed).
const inputs: Record<string, string> = {
  'one long word': repeat('a'),
  'only periods': repeat('.'),
  'spaced periods': repeat('. '),
  'only spaces': repeat(' '),
  'only line feeds': repeat('\n'),
  'short lines': repeat('ab\n'),
  'list markers': repeat('1. '),
  'glued stops': repeat('a.Bc'),
  'glued abbreviations': repeat('Mr.Smith'),
  'dotted abbreviations': repeat('U.S. '),
  'question marks': repeat('?!'),
  closers: repeat('.)"'),
  addresses: repeat('http://a.b/c x@y.z '),
  'at signs': repeat('@'),
  emoticons: repeat(':) A '),
  'time stamps': repeat('01/02/2000 10:00 AM X '),
  ellipses: repeat('... A '),
  dashes: repeat('-- '),
  initials: repeat('É. '),
  prose: repeat('Dr. E. Smith went to Washington D.C. The end. '),
};

describe('adversarial 100k-character inputs', () => {
  for (const [name, text] of Object.entries(inputs)) {
    it(`finishes on ${name}`, () => {
      const t0 = performance.now();
      const spans = segmentText(text);
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(spans.every((s, i) => s.end <= text.length && (i === 0 || s.start >= spans[i - 1].end))).toBe(true);
    });
  }

  it('finishes on 20,000 small blocks of a text without line feeds', () => {
    const text = 'abcd '.repeat(20_000);
    const blocks = Array.from({ length: 20_000 }, (_, i) => ({
      type: 'paragraph' as const,
      start: i * 5,
      end: i * 5 + 4,
    }));
    const t0 = performance.now();
    expect(segmentText(text, blocks)).toHaveLength(20_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
