import { LABEL_COUNT, TRANSITIONS } from './labels.js';
import type { FeatureBuffer } from './features.js';

/** Anything that scores feature keys per label: the committed quantised model or the trainer's live weights. */
export interface Scorer {
  /** Each token's label scores into `out[token * LABEL_COUNT + label]` (its previous content is overwritten). */
  emissions(features: FeatureBuffer, tokens: number, out: Float64Array): void;
  /** Whether a word's word-only scores are memoised, so extraction may skip them (see `DocumentFeatures.extract`). */
  known?: (word: number, check: number) => boolean;
  /** Transition scores `[prev * (LABEL_COUNT + 1) + next]`; row/column LABEL_COUNT are sentence start/end. */
  transitions: Float64Array;
  /** Scorer of a second pass over features that include this one's labels for the whole document (see `tagDocument`). */
  secondStage?: Scorer;
}

const STRIDE = LABEL_COUNT + 1;

/** Reusable Viterbi buffers, grown on demand so tagging allocates nothing per sentence. */
export class Decoder {
  private emission = new Float64Array(64 * LABEL_COUNT);
  private best = new Float64Array(64 * LABEL_COUNT);
  private back = new Int32Array(64 * LABEL_COUNT);

  /**
   * Best label sequence under `scorer` for the features of `tokens` tokens, allowing only valid
   * BILOU transitions (an entity opened with B continues with I or ends with L of the same type).
   */
  decode(scorer: Scorer, features: FeatureBuffer, tokens: number, out: Int32Array): void {
    if (tokens === 0) return;
    const size = tokens * LABEL_COUNT;
    if (this.emission.length < size) {
      this.emission = new Float64Array(2 * size);
      this.best = new Float64Array(2 * size);
      this.back = new Int32Array(2 * size);
    }
    const { emission, best, back } = this;
    scorer.emissions(features, tokens, emission);
    viterbi(emission, scorer.transitions, tokens, best, back, out);
  }
}

/**
 * For each label, the labels allowed before it (CSR layout): a valid BILOU path leaves about a
 * third of the label pairs, so Viterbi loops over those only.
 */
const PREDECESSORS = (() => {
  const L = LABEL_COUNT;
  const starts = new Int32Array(L + 1);
  const labels: number[] = [];
  for (let y = 0; y < L; y++) {
    starts[y] = labels.length;
    for (let p = 0; p < L; p++) if (TRANSITIONS[p * STRIDE + y]) labels.push(p);
  }
  starts[L] = labels.length;
  return { starts, labels: Int32Array.from(labels) };
})();

/** Viterbi over precomputed emission scores; exported for tests of the transition constraints. */
export function viterbi(
  emission: Float64Array,
  transitions: Float64Array,
  tokens: number,
  best: Float64Array,
  back: Int32Array,
  out: Int32Array,
): void {
  const L = LABEL_COUNT;
  const { starts, labels } = PREDECESSORS;
  for (let y = 0; y < L; y++) {
    best[y] = TRANSITIONS[L * STRIDE + y] ? emission[y] + transitions[L * STRIDE + y] : -Infinity;
    back[y] = -1;
  }
  for (let t = 1; t < tokens; t++) {
    const previous = (t - 1) * L;
    for (let y = 0; y < L; y++) {
      let top = -Infinity;
      let arg = 0;
      for (let k = starts[y]; k < starts[y + 1]; k++) {
        const p = labels[k];
        const score = best[previous + p] + transitions[p * STRIDE + y];
        if (score > top) {
          top = score;
          arg = p;
        }
      }
      best[t * L + y] = top + emission[t * L + y];
      back[t * L + y] = arg;
    }
  }
  let top = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (!TRANSITIONS[y * STRIDE + L]) continue;
    const score = best[(tokens - 1) * L + y] + transitions[y * STRIDE + L];
    if (score > top) {
      top = score;
      arg = y;
    }
  }
  for (let t = tokens - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * L + arg];
  }
}
