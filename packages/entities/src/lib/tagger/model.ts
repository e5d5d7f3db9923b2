import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_VERSION, type FeatureBuffer, type Lexicon } from './features.js';
import { IntMap } from './key-index.js';
import { LABEL_COUNT } from './labels.js';
import type { Scorer } from './decode.js';
import { WeightTable } from './weight-table.js';

const MAGIC = 'GNER1\n';
/** Words whose word-only scores are memoised per model (≈ 9 MB at most). */
const WORD_CACHE_SIZE = 1 << 16;

/**
 * A trained tagger: per-feature label weights quantised to int8 with one scale per feature row
 * (a row's weights share a magnitude, so this keeps ≈2 significant digits where they matter),
 * float transition scores, and the lexicon.
 */
export class TaggerModel implements Scorer {
  private readonly table: WeightTable;
  /** Number of weighted features. */
  readonly size: number;
  /**
   * Memo of each word's summed word-only feature scores: about half of a token's features depend
   * on the word alone, and news text repeats its words. Bounded; entries never change, so tagging
   * results do not depend on what was tagged before.
   */
  private readonly wordSlots = new IntMap(WORD_CACHE_SIZE);
  private readonly wordChecks = new Int32Array(WORD_CACHE_SIZE);
  private readonly wordScores = new Float64Array(WORD_CACHE_SIZE * LABEL_COUNT);
  private readonly local = new Float64Array(LABEL_COUNT);

  constructor(
    keys: Int32Array,
    scales: Float32Array,
    weights: Int8Array,
    readonly transitions: Float64Array,
    readonly lexicon: Lexicon,
    readonly secondStage?: TaggerModel,
  ) {
    if (weights.length !== keys.length * LABEL_COUNT || scales.length !== keys.length) {
      throw new Error('tagger model: weight table sizes do not match');
    }
    this.table = new WeightTable(keys, scales, weights);
    this.size = keys.length;
  }

  /** Whether the word-only scores of a word are cached (so its word-only features need not be extracted). */
  readonly known = (word: number, check: number): boolean => {
    const slot = this.wordSlots.get(word, -1);
    return slot >= 0 && this.wordChecks[slot] === check;
  };

  emissions(features: FeatureBuffer, tokens: number, out: Float64Array): void {
    const { offsets, localEnds } = features;
    const { local, wordScores } = this;
    for (let t = 0; t < tokens; t++) {
      const base = t * LABEL_COUNT;
      if (localEnds[t] > offsets[t]) {
        local.fill(0);
        this.table.addRows(features.keys, offsets[t], localEnds[t], local, 0);
        this.remember(features.words[t], features.wordChecks[t]);
        for (let y = 0; y < LABEL_COUNT; y++) out[base + y] = local[y];
      } else {
        const slot = this.wordSlots.get(features.words[t]) * LABEL_COUNT;
        for (let y = 0; y < LABEL_COUNT; y++) out[base + y] = wordScores[slot + y];
      }
      this.table.addRows(features.keys, localEnds[t], offsets[t + 1], out, base);
    }
  }

  /** Cache `local` as the word-only scores of a word, while there is room. */
  private remember(word: number, check: number): void {
    const slot = this.wordSlots.size;
    if (slot >= WORD_CACHE_SIZE || this.wordSlots.get(word, -1) >= 0) return;
    this.wordSlots.set(word, slot);
    this.wordChecks[slot] = check;
    this.wordScores.set(this.local, slot * LABEL_COUNT);
  }
}

interface Header {
  featureVersion: number;
  labels: number;
  features: number;
  gazetteer: number;
  maxPhrase: number;
  wordClasses: number;
  /** Weighted features of the second stage (0: a one-stage model). */
  secondFeatures: number;
}

/** Float weights of one stage: feature keys, rows × labels, transitions. */
export interface StageWeights {
  keys: Int32Array;
  weights: Float64Array;
  transitions: Float64Array;
}

/** Quantise averaged float weights (`rows × LABEL_COUNT`) to int8 rows with one scale each. */
function quantise(weights: Float64Array, rows: number): { scales: Float32Array; quantised: Int8Array } {
  const scales = new Float32Array(rows);
  const quantised = new Int8Array(rows * LABEL_COUNT);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let y = 0; y < LABEL_COUNT; y++) max = Math.max(max, Math.abs(weights[r * LABEL_COUNT + y]));
    scales[r] = max / 127;
    for (let y = 0; y < LABEL_COUNT; y++)
      quantised[r * LABEL_COUNT + y] = max === 0 ? 0 : Math.round((weights[r * LABEL_COUNT + y] / max) * 127);
  }
  return { scales, quantised };
}

/** Serialise a model file (gzip): the first stage, the lexicon and, optionally, a second stage. */
export function encodeModel(first: StageWeights, lexicon: Lexicon, second?: StageWeights): Buffer {
  const gazetteer = lexicon.gazetteer.entries();
  const wordClasses = lexicon.wordClass.entries();
  const header: Header = {
    featureVersion: FEATURE_VERSION,
    labels: LABEL_COUNT,
    features: first.keys.length,
    gazetteer: gazetteer.length,
    maxPhrase: lexicon.maxPhrase,
    wordClasses: wordClasses.length,
    secondFeatures: second?.keys.length ?? 0,
  };
  const json = Buffer.from(JSON.stringify(header).padEnd(252, ' ') + '\n');
  const int32 = (values: ArrayLike<number>) => Buffer.from(Int32Array.from(values).buffer);
  const stage = ({ keys, weights, transitions }: StageWeights) => {
    const { scales, quantised } = quantise(weights, keys.length);
    return [
      Buffer.from(Float64Array.from(transitions).buffer),
      int32(keys),
      Buffer.from(scales.buffer),
      Buffer.from(quantised.buffer),
    ];
  };
  const [transitions, keys, scales, weights] = stage(first);
  return gzipSync(
    Buffer.concat([
      Buffer.from(MAGIC),
      int32([json.length]),
      json,
      transitions,
      keys,
      scales,
      int32(gazetteer.map((e) => e[0])),
      int32(gazetteer.map((e) => e[1])),
      int32(wordClasses.map((e) => e[0])),
      int32(wordClasses.map((e) => e[1])),
      weights,
      ...(second === undefined ? [] : stage(second)),
    ]),
    { level: 9 },
  );
}

/** Parse a model file written by {@link encodeModel}. */
export function decodeModel(file: Uint8Array): TaggerModel {
  const bytes = gunzipSync(file);
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC)
    throw new Error('tagger model: not a Galley NER model file');
  // Copy into an aligned buffer so typed-array views need no per-section copies.
  const buffer = new ArrayBuffer(bytes.length + 8);
  new Uint8Array(buffer).set(bytes);
  let at = MAGIC.length;
  const jsonLength = new DataView(buffer).getInt32(at, true);
  at += 4;
  const header = JSON.parse(bytes.subarray(at, at + jsonLength).toString()) as Header;
  at += jsonLength;
  if (header.featureVersion !== FEATURE_VERSION || header.labels !== LABEL_COUNT) {
    throw new Error(
      `tagger model: feature version ${header.featureVersion} / ${header.labels} labels, this code needs ${FEATURE_VERSION} / ${LABEL_COUNT}; retrain with npm run train:ner`,
    );
  }
  const take = <T>(make: (b: ArrayBuffer, offset: number, length: number) => T, width: number, length: number): T => {
    const view = make(buffer, at, length);
    at += width * length;
    return view;
  };
  const float64 = (n: number) => take((b, o, m) => new Float64Array(b.slice(o, o + 8 * m)), 8, n);
  const int32 = (n: number) => take((b, o, m) => new Int32Array(b.slice(o, o + 4 * m)), 4, n);
  const float32 = (n: number) => take((b, o, m) => new Float32Array(b.slice(o, o + 4 * m)), 4, n);
  const int8 = (n: number) => take((b, o, m) => new Int8Array(b.slice(o, o + m)), 1, n);
  const transitions = float64((LABEL_COUNT + 1) ** 2);
  const keys = int32(header.features);
  const scales = float32(header.features);
  const gazKeys = int32(header.gazetteer);
  const gazValues = int32(header.gazetteer);
  const classKeys = int32(header.wordClasses);
  const classValues = int32(header.wordClasses);
  const weights = int8(header.features * LABEL_COUNT);
  const gazetteer = new IntMap(gazKeys.length);
  for (let i = 0; i < gazKeys.length; i++) gazetteer.set(gazKeys[i], gazValues[i]);
  const wordClass = new IntMap(classKeys.length);
  for (let i = 0; i < classKeys.length; i++) wordClass.set(classKeys[i], classValues[i]);
  const lexicon: Lexicon = { gazetteer, maxPhrase: header.maxPhrase, wordClass };
  let second: TaggerModel | undefined;
  if (header.secondFeatures > 0) {
    const secondTransitions = float64((LABEL_COUNT + 1) ** 2);
    const secondKeys = int32(header.secondFeatures);
    const secondScales = float32(header.secondFeatures);
    second = new TaggerModel(
      secondKeys,
      secondScales,
      int8(header.secondFeatures * LABEL_COUNT),
      secondTransitions,
      lexicon,
    );
  }
  return new TaggerModel(keys, scales, weights, transitions, lexicon, second);
}

/** Location of the committed model inside this package (`model/ner.bin.gz`, next to `dist/`). */
export const DEFAULT_MODEL_URL = new URL('../../../model/ner.bin.gz', import.meta.url);

let shared: TaggerModel | undefined;

/** The committed model, loaded once per process on first use (read-only, so sharing is safe). */
export function defaultModel(): TaggerModel {
  shared ??= decodeModel(readFileSync(DEFAULT_MODEL_URL));
  return shared;
}
