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
}

/** Quantise averaged float weights (`rows × LABEL_COUNT`) and serialise a model file (gzip). */
export function encodeModel(keys: Int32Array, weights: Float64Array, transitions: Float64Array, lexicon: Lexicon): Buffer {
  const rows = keys.length;
  const scales = new Float32Array(rows);
  const quantised = new Int8Array(rows * LABEL_COUNT);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let y = 0; y < LABEL_COUNT; y++) max = Math.max(max, Math.abs(weights[r * LABEL_COUNT + y]));
    scales[r] = max / 127;
    for (let y = 0; y < LABEL_COUNT; y++) quantised[r * LABEL_COUNT + y] = max === 0 ? 0 : Math.round((weights[r * LABEL_COUNT + y] / max) * 127);
  }
  const gazetteer = lexicon.gazetteer.entries();
  const wordClasses = lexicon.wordClass.entries();
  const header: Header = {
    featureVersion: FEATURE_VERSION, labels: LABEL_COUNT, features: rows,
    gazetteer: gazetteer.length, maxPhrase: lexicon.maxPhrase, wordClasses: wordClasses.length,
  };
  const json = Buffer.from(JSON.stringify(header).padEnd(252, ' ') + '\n');
  const int32 = (values: ArrayLike<number>) => Buffer.from(Int32Array.from(values).buffer);
  return gzipSync(Buffer.concat([
    Buffer.from(MAGIC), int32([json.length]), json,
    Buffer.from(Float64Array.from(transitions).buffer),
    int32(keys), Buffer.from(scales.buffer),
    int32(gazetteer.map((e) => e[0])), int32(gazetteer.map((e) => e[1])),
    int32(wordClasses.map((e) => e[0])), int32(wordClasses.map((e) => e[1])),
    Buffer.from(quantised.buffer),
  ]), { level: 9 });
}

/** Parse a model file written by {@link encodeModel}. */
export function decodeModel(file: Uint8Array): TaggerModel {
  const bytes = gunzipSync(file);
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('tagger model: not a Galley NER model file');
  // Copy into an aligned buffer so typed-array views need no per-section copies.
  const buffer = new ArrayBuffer(bytes.length + 8);
  new Uint8Array(buffer).set(bytes);
  let at = MAGIC.length;
  const jsonLength = new DataView(buffer).getInt32(at, true);
  at += 4;
  const header = JSON.parse(bytes.subarray(at, at + jsonLength).toString()) as Header;
  at += jsonLength;
  if (header.featureVersion !== FEATURE_VERSION || header.labels !== LABEL_COUNT) {
    throw new Error(`tagger model: feature version ${header.featureVersion} / ${header.labels} labels, this code needs ${FEATURE_VERSION} / ${LABEL_COUNT}; retrain with npm run train:ner`);
  }
  const take = <T>(make: (b: ArrayBuffer, offset: number, length: number) => T, width: number, length: number): T => {
    const view = make(buffer, at, length);
    at += width * length;
    return view;
  };
  const transitions = take((b, o, n) => new Float64Array(b.slice(o, o + 8 * n)), 8, (LABEL_COUNT + 1) ** 2);
  const keys = take((b, o, n) => new Int32Array(b.slice(o, o + 4 * n)), 4, header.features);
  const scales = take((b, o, n) => new Float32Array(b.slice(o, o + 4 * n)), 4, header.features);
  const gazKeys = take((b, o, n) => new Int32Array(b.slice(o, o + 4 * n)), 4, header.gazetteer);
  const gazValues = take((b, o, n) => new Int32Array(b.slice(o, o + 4 * n)), 4, header.gazetteer);
  const classKeys = take((b, o, n) => new Int32Array(b.slice(o, o + 4 * n)), 4, header.wordClasses);
  const classValues = take((b, o, n) => new Int32Array(b.slice(o, o + 4 * n)), 4, header.wordClasses);
  const weights = take((b, o, n) => new Int8Array(b.slice(o, o + n)), 1, header.features * LABEL_COUNT);
  const gazetteer = new IntMap(gazKeys.length);
  for (let i = 0; i < gazKeys.length; i++) gazetteer.set(gazKeys[i], gazValues[i]);
  const wordClass = new IntMap(classKeys.length);
  for (let i = 0; i < classKeys.length; i++) wordClass.set(classKeys[i], classValues[i]);
  return new TaggerModel(keys, scales, weights, transitions, { gazetteer, maxPhrase: header.maxPhrase, wordClass });
}

/** Location of the committed model inside this package (`model/ner.bin.gz`, next to `dist/`). */
export const DEFAULT_MODEL_URL = new URL('../../../model/ner.bin.gz', import.meta.url);

let shared: TaggerModel | undefined;

/** The committed model, loaded once per process on first use (read-only, so sharing is safe). */
export function defaultModel(): TaggerModel {
  shared ??= decodeModel(readFileSync(DEFAULT_MODEL_URL));
  return shared;
}
