import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeCache } from '../src/lib/tagger/decode-cache.js';
import { DocumentFeatures, FeatureBuffer, MAX_CLUSTER_DEPTH, packWordClass } from '../src/lib/tagger/features.js';
import { hashLower } from '../src/lib/tagger/hash.js';
import { IntMap } from '../src/lib/tagger/key-index.js';
import { fromIob, LABEL_COUNT, toIob2 } from '../src/lib/tagger/labels.js';
import { decodeModel, encodeModel } from '../src/lib/tagger/model.js';
import { propagateLabels } from '../src/lib/tagger/propagate.js';
import { WeightTable } from '../src/lib/tagger/weight-table.js';
import { normaliseToken } from '../src/lib/mentions.js';

const documentOf = (sentences: string[][]) =>
  new DocumentFeatures(sentences, { gazetteer: new IntMap(), maxPhrase: 1, wordClass: new IntMap() });

describe('WeightTable', () => {
  it('sums scaled rows like a plain look-up, with colliding keys and key 0', () => {
    // Keys equal in their low bits land in one probe run.
    const keys = Int32Array.from([0, 1 << 20, 2 << 20, 5, -7]);
    const scales = Float32Array.from([0.5, 1, 2, 0.25, 4]);
    const weights = new Int8Array(keys.length * LABEL_COUNT).map((_, i) => ((i * 37) % 255) - 127);
    const table = new WeightTable(keys, scales, weights);
    const query = Int32Array.from([2 << 20, 0, 99, -7, 1 << 20]);
    const out = new Float64Array(LABEL_COUNT);
    table.addRows(query, 0, query.length, out, 0);
    const expected = new Float64Array(LABEL_COUNT);
    for (const key of query) {
      const row = keys.indexOf(key);
      if (row < 0) continue;
      for (let y = 0; y < LABEL_COUNT; y++) expected[y] += scales[row] * weights[row * LABEL_COUNT + y];
    }
    expect([...out]).toEqual([...expected]);
  });

  it('sums the rows of more keys than its slot buffer first holds, from an offset', () => {
    const keys = Int32Array.from({ length: 900 }, (_, i) => (i + 1) * 7919);
    const scales = new Float32Array(keys.length).fill(0.5);
    const weights = new Int8Array(keys.length * LABEL_COUNT).map((_, i) => (i % 7) - 3);
    const table = new WeightTable(keys, scales, weights);
    // Every other key has a row: 700 look-ups, 350 rows, after 100 keys not asked for.
    const query = Int32Array.from({ length: 800 }, (_, i) => (i % 2 ? keys[i] : -1 - i));
    const out = new Float64Array(2 * LABEL_COUNT);
    table.addRows(query, 100, query.length, out, LABEL_COUNT);
    const expected = new Float64Array(2 * LABEL_COUNT);
    for (let f = 100; f < query.length; f++) {
      const row = keys.indexOf(query[f]);
      if (row < 0) continue;
      for (let y = 0; y < LABEL_COUNT; y++) expected[LABEL_COUNT + y] += scales[row] * weights[row * LABEL_COUNT + y];
    }
    expect([...out]).toEqual([...expected]);
  });
});

describe('DecodeCache', () => {
  /** Features of `tokens` tokens, one key each, `change` altering the key of token `at`. */
  const featuresOf = (tokens: number, at = -1, change = 0): FeatureBuffer => {
    const features = new FeatureBuffer();
    features.reset(tokens);
    for (let t = 0; t < tokens; t++) {
      features.offsets[t] = features.localEnds[t] = features.length;
      features.words[t] = features.wordChecks[t] = t % 3;
      features.push((t % 5 === 0 ? 11 : 12) + (t === at ? change : 0));
    }
    features.offsets[tokens] = features.length;
    return features;
  };
  const labelsOf = (tokens: number, label: number) => new Int32Array(tokens).fill(label);

  it('remembers a short sentence at once', () => {
    const cache = new DecodeCache();
    const out = new Int32Array(4);
    expect(cache.lookup(featuresOf(4), 4, out)).toBe(false);
    cache.remember(4, labelsOf(4, 3));
    expect(cache.lookup(featuresOf(4), 4, out)).toBe(true);
    expect([...out]).toEqual([3, 3, 3, 3]);
  });

  it('gives a run of equal sentences the labels of the first, and a sentence differing in its last key none', () => {
    const cache = new DecodeCache();
    const out = new Int32Array(4);
    cache.lookup(featuresOf(4), 4, out);
    cache.remember(4, labelsOf(4, 3));
    for (let run = 0; run < 3; run++) {
      out.fill(0);
      expect(cache.lookup(featuresOf(4), 4, out)).toBe(true);
      expect([...out]).toEqual([3, 3, 3, 3]);
    }
    out.fill(0);
    expect(cache.lookup(featuresOf(4, 3, 1), 4, out)).toBe(false);
    expect([...out]).toEqual([0, 0, 0, 0]);
    expect(cache.lookup(featuresOf(3), 3, out)).toBe(false);
  });

  it('remembers a long piece the second time it comes, so pieces that never repeat are not copied', () => {
    const cache = new DecodeCache();
    const out = new Int32Array(1000);
    for (let sighting = 0; sighting < 2; sighting++) {
      expect(cache.lookup(featuresOf(1000), 1000, out)).toBe(false);
      cache.remember(1000, labelsOf(1000, 5));
    }
    expect(cache.lookup(featuresOf(1000), 1000, out)).toBe(true);
    expect(out.every((label) => label === 5)).toBe(true);
  });

  it('tells apart long pieces that differ in one key only, wherever it is', () => {
    const cache = new DecodeCache();
    const out = new Int32Array(1000);
    for (let sighting = 0; sighting < 2; sighting++) {
      cache.lookup(featuresOf(1000), 1000, out);
      cache.remember(1000, labelsOf(1000, 5));
    }
    // The hash reads some keys only: most of these differences are in keys it does not read.
    for (let at = 1; at < 1000; at += 37) {
      out.fill(0);
      expect(cache.lookup(featuresOf(1000, at, 1), 1000, out), `key ${at}`).toBe(false);
      expect(out.every((label) => label === 0)).toBe(true);
    }
    expect(cache.lookup(featuresOf(1000), 1000, out)).toBe(true);
  });
});

describe('two-stage tagging', () => {
  const keysOf = (doc: DocumentFeatures, s: number) => {
    const out = new FeatureBuffer();
    doc.extract(s, out);
    return Array.from({ length: out.offsets[1] }, (_, f) => out.keys[f]);
  };

  it('gives the second stage the first-stage labels of later sentences', () => {
    const sentences = [
      ['Rosneft', 'said', '.'],
      ['Shares', 'of', 'Rosneft', 'rose', '.'],
    ];
    const withLater = documentOf(sentences);
    withLater.useFirstStage([fromIob(['O', 'O', 'O']), fromIob(['O', 'O', 'B-ORG', 'O', 'O'])]);
    const without = documentOf(sentences);
    without.useFirstStage([fromIob(['O', 'O', 'O']), fromIob(['O', 'O', 'O', 'O', 'O'])]);
    expect(keysOf(withLater, 0)).not.toEqual(keysOf(without, 0));
    // The token's own first-stage label is not counted as evidence from elsewhere.
    const alone = documentOf([['Rosneft', 'said', '.']]);
    alone.useFirstStage([fromIob(['B-ORG', 'O', 'O'])]);
    const aloneO = documentOf([['Rosneft', 'said', '.']]);
    aloneO.useFirstStage([fromIob(['O', 'O', 'O'])]);
    expect(keysOf(alone, 0).length).toBe(keysOf(aloneO, 0).length);
  });

  it('stores both stages in one model file and rejects files of another feature version', () => {
    const lexicon = { gazetteer: new IntMap(), maxPhrase: 1, wordClass: new IntMap() };
    const stage = (rows: number) => ({
      keys: Int32Array.from({ length: rows }, (_, r) => r * 7919 + 1),
      weights: new Float64Array(rows * LABEL_COUNT).map((_, i) => ((i * 13) % 9) - 4),
      transitions: new Float64Array((LABEL_COUNT + 1) ** 2),
    });
    const model = decodeModel(encodeModel(stage(3), lexicon, stage(5)));
    expect(model.size).toBe(3);
    expect(model.secondStage?.size).toBe(5);
    expect(decodeModel(encodeModel(stage(3), lexicon)).secondStage).toBeUndefined();
    const header = Buffer.from(JSON.stringify({ featureVersion: 5, labels: LABEL_COUNT }));
    const length = Buffer.from(Int32Array.from([header.length]).buffer);
    expect(() => decodeModel(gzipSync(Buffer.concat([Buffer.from('GNER1\n'), length, header])))).toThrow(
      /feature version 5.*retrain/,
    );
  });
});

describe('propagateLabels', () => {
  it('gives a missed one-word name the type it has elsewhere in the document', () => {
    const sentences = [
      ['Rosneft', 'said', 'on', 'Monday', '.'],
      ['Shares', 'of', 'Rosneft', 'rose', '.'],
      ['Rosneft', 'Oil', 'fell', '.'],
    ];
    const labels = fromIob([
      ...['O', 'O', 'O', 'O', 'O'],
      ...['O', 'O', 'B-ORG', 'O', 'O'],
      ...['B-ORG', 'I-ORG', 'O', 'O'],
    ]);
    propagateLabels(documentOf(sentences), labels);
    expect(toIob2(labels.subarray(0, 5))).toEqual(['B-ORG', 'O', 'O', 'O', 'O']);
    // Next to another entity the word is left alone, so spans are never merged or cut.
    expect(toIob2(labels.subarray(10))).toEqual(['B-ORG', 'I-ORG', 'O', 'O']);
  });

  it('leaves words the document also writes in lower case', () => {
    const sentences = [
      ['Apple', 'rose', '.'],
      ['An', 'apple', 'a', 'day', '.'],
      ['Apple', 'pie', '.'],
    ];
    const labels = fromIob([...['B-ORG', 'O', 'O'], ...['O', 'O', 'O', 'O', 'O'], ...['O', 'O', 'O']]);
    propagateLabels(documentOf(sentences), labels);
    expect(toIob2(labels.subarray(8))).toEqual(['O', 'O', 'O']);
  });
});

describe('word cluster features', () => {
  /** Feature keys of the middle word of "at WORD today", with the given cluster paths. */
  const keysOf = (word: string, paths: Record<string, number>) => {
    const wordClass = new IntMap(8);
    for (const [w, path] of Object.entries(paths)) wordClass.set(hashLower(w), packWordClass(0, path));
    const doc = new DocumentFeatures([['at', word, 'today']], { gazetteer: new IntMap(), maxPhrase: 1, wordClass });
    const out = new FeatureBuffer();
    doc.extract(0, out);
    return new Set(out.keys.subarray(out.offsets[1], out.offsets[2]));
  };
  const common = (a: Set<number>, b: Set<number>) => [...a].filter((k) => b.has(k)).length;

  it('lets words of one cluster share features, more of them the longer the common path prefix', () => {
    // Paths of 12 bits (leading 1 + bits): the same first 10 bits, or only the first 4.
    const acme = 0b1_1010_1100_1101;
    const sameTen = 0b1_1010_1100_1110;
    const sameFour = 0b1_1010_0011_0010;
    const none = common(keysOf('acme', {}), keysOf('globex', {}));
    const near = common(keysOf('acme', { acme }), keysOf('globex', { globex: sameTen })) - none;
    const far = common(keysOf('acme', { acme }), keysOf('globex', { globex: sameFour })) - none;
    expect(far).toBeGreaterThan(0);
    expect(near).toBeGreaterThan(far);
    expect(common(keysOf('acme', { acme }), keysOf('globex', { globex: acme })) - none).toBeGreaterThan(near);
  });

  it("reads the neighbours' clusters too", () => {
    const without = keysOf('acme', {});
    const withNeighbour = keysOf('acme', { at: 0b1_0110_0101 });
    expect(withNeighbour.size).toBeGreaterThan(without.size);
  });

  it('refuses a path longer than a word class holds', () => {
    expect(() => packWordClass(0, 1 << (MAX_CLUSTER_DEPTH + 1))).toThrow(RangeError);
    expect(packWordClass(3, 1 << MAX_CLUSTER_DEPTH, true) & 7).toBe(3);
  });
});

describe('normaliseToken', () => {
  it('folds typographic quotes and dashes, and returns other tokens unchanged', () => {
    expect(normaliseToken('Macron’s')).toBe("Macron's");
    expect(normaliseToken('“')).toBe('"');
    expect(normaliseToken('–')).toBe('-');
    expect(normaliseToken('Zürich')).toBe('Zürich');
  });
});
