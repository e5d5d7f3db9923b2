import { describe, expect, it } from 'vitest';
import { hashLower } from '@galley/entities/tagger';
import { wordPaths, type WordPathOptions } from '../src/clusters.js';

/** A corpus where weekdays, cities and verbs each fill their own slots. */
function corpus(): string[][] {
  const days = ['monday', 'tuesday', 'friday', 'sunday'];
  const cities = ['paris', 'london', 'berlin', 'madrid'];
  const verbs = ['visited', 'left', 'reached', 'toured'];
  const names = ['Ann', 'Bob', 'Carl', 'Dina'];
  const sentences: string[][] = [];
  for (const [a, name] of names.entries())
    for (const [b, verb] of verbs.entries())
      for (const [c, city] of cities.entries()) {
        const day = days[(a + b + c) % days.length];
        sentences.push(
          [name, verb, city, 'on', day, '.'],
          ['On', day, ',', name, 'said', 'the', 'trip', 'to', city, 'was', 'long', '.'],
        );
      }
  return sentences;
}

const options: WordPathOptions = { clusters: 8, depth: 20, minCount: 3, contexts: 20, iterations: 10 };
const length = (path: number) => 31 - Math.clz32(path);
/** Bits two packed paths share from the root. */
function shared(a: number, b: number): number {
  const la = length(a);
  const lb = length(b);
  let n = 0;
  while (n < Math.min(la, lb) && ((a >>> (la - n - 1)) & 1) === ((b >>> (lb - n - 1)) & 1)) n++;
  return n;
}

describe('wordPaths', () => {
  it('gives words used alike longer common path prefixes than words used differently', () => {
    const paths = wordPaths(corpus(), options);
    const path = (w: string) => paths.get(hashLower(w))!;
    expect(shared(path('paris'), path('london'))).toBeGreaterThan(shared(path('paris'), path('monday')));
    expect(shared(path('monday'), path('friday'))).toBeGreaterThan(shared(path('monday'), path('visited')));
    for (const p of paths.values()) expect(length(p)).toBeLessThanOrEqual(options.depth);
  });

  it('is deterministic, folds case and leaves out rare words and numbers', () => {
    const sentences = [...corpus(), ['A', 'rare', 'word', 'in', '2024', '.']];
    const paths = wordPaths(sentences, options);
    expect([...wordPaths(sentences, options)]).toEqual([...paths]);
    expect(paths.get(hashLower('on'))).toBeDefined();
    expect(paths.has(hashLower('rare'))).toBe(false);
    expect(paths.has(hashLower('2024'))).toBe(false);
  });

  it('cuts paths to the depth asked for', () => {
    const paths = wordPaths(corpus(), { ...options, depth: 2 });
    for (const p of paths.values()) expect(length(p)).toBeLessThanOrEqual(2);
  });
});
