import { describe, expect, it } from 'vitest';
import { viterbi, type Scorer } from '../src/lib/tagger/decode.js';
import { allowed, fromIob, LABEL_COUNT, toIob2 } from '../src/lib/tagger/labels.js';
import { defaultModel } from '../src/lib/tagger/model.js';
import { tagDocument } from '../src/lib/tagger/tagger.js';

/** Deterministic pseudo-random numbers for the decode property test. */
function random(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return ((seed >>> 8) & 0xffff) / 0x10000 - 0.5;
  };
}

describe('BILOU labels', () => {
  it('converts IOB1 and IOB2 to BILOU and back to IOB2', () => {
    const iob2 = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'I-LOC', 'O', 'B-MISC'];
    expect(toIob2(fromIob(iob2))).toEqual(iob2);
    expect(toIob2(fromIob(['I-ORG', 'I-ORG', 'O', 'I-PER', 'B-PER']))).toEqual([
      'B-ORG',
      'I-ORG',
      'O',
      'B-PER',
      'B-PER',
    ]);
  });

  it('allows entities to close only with L of the same type', () => {
    const [bPer, iPer, lPer, uPer, bOrg] = [1, 2, 3, 4, 5];
    expect(allowed(-1, bPer)).toBe(true);
    expect(allowed(-1, iPer)).toBe(false);
    expect(allowed(bPer, iPer) && allowed(iPer, lPer) && allowed(lPer, uPer)).toBe(true);
    expect(allowed(bPer, bOrg)).toBe(false);
    expect(allowed(bPer, 0)).toBe(false);
    expect(allowed(bPer, -1)).toBe(false);
    expect(allowed(uPer, -1)).toBe(true);
  });
});

describe('Viterbi decoding', () => {
  it('returns only valid label sequences, whatever the scores', () => {
    const next = random(7);
    const tokens = 12;
    const transitions = new Float64Array((LABEL_COUNT + 1) ** 2).map(() => next() * 4);
    const emission = new Float64Array(tokens * LABEL_COUNT);
    const best = new Float64Array(tokens * LABEL_COUNT);
    const back = new Int32Array(tokens * LABEL_COUNT);
    const out = new Int32Array(tokens);
    for (let trial = 0; trial < 200; trial++) {
      for (let i = 0; i < emission.length; i++) emission[i] = next() * 10;
      viterbi(emission, transitions, tokens, best, back, out);
      for (let t = 0; t <= tokens; t++)
        expect(allowed(t === 0 ? -1 : out[t - 1], t === tokens ? -1 : out[t])).toBe(true);
    }
  });

  it('finds the best path over forbidden high-scoring labels', () => {
    // Token scores favour I-PER everywhere, which may never start a sentence: the best valid
    // path is B-PER I-PER L-PER.
    const emission = new Float64Array(3 * LABEL_COUNT);
    for (let t = 0; t < 3; t++) emission[t * LABEL_COUNT + 2] = 5;
    emission[0 * LABEL_COUNT + 1] = 1;
    emission[2 * LABEL_COUNT + 3] = 1;
    const out = new Int32Array(3);
    viterbi(emission, new Float64Array((LABEL_COUNT + 1) ** 2), 3, new Float64Array(51), new Int32Array(51), out);
    expect([...out]).toEqual([1, 2, 3]);
  });
});

describe('committed model', () => {
  it('has a second stage', () => {
    expect(defaultModel().secondStage?.size).toBeGreaterThan(0);
  });

  it('tags a news sentence', () => {
    const model = defaultModel();
    const [labels] = tagDocument(model, model.lexicon, [
      [
        'German',
        'Chancellor',
        'Helmut',
        'Kohl',
        'met',
        'officials',
        'of',
        'the',
        'European',
        'Commission',
        'in',
        'Brussels',
        '.',
      ],
    ]);
    expect(toIob2(labels)).toEqual([
      'B-MISC',
      'O',
      'B-PER',
      'I-PER',
      'O',
      'O',
      'O',
      'O',
      'B-ORG',
      'I-ORG',
      'O',
      'B-LOC',
      'O',
    ]);
  });
});

describe('tagging pathological documents (issue 23)', () => {
  let scored = 0;
  const counting = (scorer: Scorer): Scorer => ({
    ...scorer,
    emissions: (features, tokens, out) => {
      scored++;
      scorer.emissions(features, tokens, out);
    },
    secondStage: scorer.secondStage && counting(scorer.secondStage),
  });

  it('decodes a short sentence repeated many times once per pass, with the same labels', () => {
    const model = defaultModel();
    scored = 0;
    const sentence = ['Mr', 'Smith', 'left', '.'];
    const repeats = 500;
    const labels = tagDocument(
      counting(model),
      model.lexicon,
      Array.from({ length: repeats }, () => sentence),
    );
    // The first sentences differ from the rest by their document history; after that they repeat.
    expect(scored).toBeLessThan(repeats / 10);
    expect(labels.at(-1)).toEqual(labels[repeats / 2]);
    expect(labels.at(-1)!.some((label) => label !== 0)).toBe(true);
  });

  it('decodes equal pieces of a long run (a megabyte of one word, tagged 1,000 tokens at a time) once per pass', () => {
    const model = defaultModel();
    scored = 0;
    const piece = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'a' : '"'));
    const pieces = 40;
    const labels = tagDocument(
      counting(model),
      model.lexicon,
      Array.from({ length: pieces }, () => piece),
    );
    expect(scored).toBeLessThan(pieces / 4);
    expect(labels.at(-1)).toEqual(labels[1]);
  });
});
