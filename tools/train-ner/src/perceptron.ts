import { type Scorer, type FeatureBuffer, KeyIndex, LABEL_COUNT, type StageWeights } from '@galley/entities/tagger';

const L = LABEL_COUNT;
const STRIDE = L + 1;

/**
 * Structured averaged perceptron weights (Collins 2002). Rows exist only for features that were
 * ever updated. Averaging uses the w − u/c trick: `total` accumulates c·Δ, so the average is
 * available at any time without touching every weight per step.
 */
export class PerceptronWeights implements Scorer {
  readonly index = new KeyIndex(1 << 16);
  private weights = new Float64Array((1 << 16) * L);
  private totals = new Float64Array((1 << 16) * L);
  readonly transitions = new Float64Array(STRIDE * STRIDE);
  private readonly transitionTotals = new Float64Array(STRIDE * STRIDE);
  /** Number of updates steps taken (sentences seen). */
  step = 1;

  emissions(features: FeatureBuffer, tokens: number, out: Float64Array): void {
    sumRows(this.index, this.weights, features, tokens, out);
  }

  /**
   * Perceptron update towards `gold` and away from `predicted` for one sentence, by `weight`
   * (a corpus's weight in a mix of corpora: larger steps count its sentences more).
   */
  update(features: FeatureBuffer, gold: Int32Array, predicted: Int32Array, weight = 1): void {
    const c = this.step;
    const n = gold.length;
    for (let t = 0; t < n; t++) {
      const g = gold[t];
      const p = predicted[t];
      if (g !== p) {
        for (let f = features.offsets[t]; f < features.offsets[t + 1]; f++) {
          const row = this.row(features.keys[f]);
          this.bump(this.weights, this.totals, row * L + g, weight, c);
          this.bump(this.weights, this.totals, row * L + p, -weight, c);
        }
      }
      const gp = t === 0 ? L : gold[t - 1];
      const pp = t === 0 ? L : predicted[t - 1];
      if (gp !== pp || g !== p) {
        this.bump(this.transitions, this.transitionTotals, gp * STRIDE + g, weight, c);
        this.bump(this.transitions, this.transitionTotals, pp * STRIDE + p, -weight, c);
      }
    }
    if (n > 0 && gold[n - 1] !== predicted[n - 1]) {
      this.bump(this.transitions, this.transitionTotals, gold[n - 1] * STRIDE + L, weight, c);
      this.bump(this.transitions, this.transitionTotals, predicted[n - 1] * STRIDE + L, -weight, c);
    }
    this.step++;
  }

  private bump(values: Float64Array, totals: Float64Array, at: number, delta: number, c: number): void {
    values[at] += delta;
    totals[at] += c * delta;
  }

  private row(key: number): number {
    const row = this.index.add(key);
    if ((row + 1) * L > this.weights.length) {
      const weights = new Float64Array(this.weights.length * 2);
      weights.set(this.weights);
      this.weights = weights;
      const totals = new Float64Array(this.totals.length * 2);
      totals.set(this.totals);
      this.totals = totals;
    }
    return row;
  }

  /** Averaged weights: keys, rows × labels and transitions. */
  averaged(): StageWeights {
    const c = this.step;
    const rows = this.index.size;
    const weights = new Float64Array(rows * L);
    for (let i = 0; i < rows * L; i++) weights[i] = this.weights[i] - this.totals[i] / c;
    const transitions = new Float64Array(STRIDE * STRIDE);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.transitions[i] - this.transitionTotals[i] / c;
    return { keys: this.index.keysByRow(), weights, transitions };
  }
}

/** The mean of several models' weights, over the union of their features (absent rows count as 0). */
export function mixWeights(models: readonly StageWeights[]): StageWeights {
  const index = new KeyIndex();
  for (const model of models) for (const key of model.keys) index.add(key);
  const weights = new Float64Array(index.size * L);
  const transitions = new Float64Array(STRIDE * STRIDE);
  for (const model of models) {
    for (let r = 0; r < model.keys.length; r++) {
      const row = index.get(model.keys[r]);
      for (let y = 0; y < L; y++) weights[row * L + y] += model.weights[r * L + y] / models.length;
    }
    for (let i = 0; i < transitions.length; i++) transitions[i] += model.transitions[i] / models.length;
  }
  return { keys: index.keysByRow(), weights, transitions };
}

/** A scorer over fixed float weights (averaged weights evaluated on dev before quantising). */
export class FixedWeights implements Scorer {
  private readonly index = new KeyIndex();

  private readonly weights: Float64Array;
  readonly transitions: Float64Array;

  constructor({ keys, weights, transitions }: StageWeights) {
    for (const key of keys) this.index.add(key);
    this.weights = weights;
    this.transitions = transitions;
  }

  emissions(features: FeatureBuffer, tokens: number, out: Float64Array): void {
    sumRows(this.index, this.weights, features, tokens, out);
  }
}

/** Emission scores from float weight rows (every feature of a token, none memoised). */
function sumRows(
  index: KeyIndex,
  weights: Float64Array,
  features: FeatureBuffer,
  tokens: number,
  out: Float64Array,
): void {
  const { keys, offsets } = features;
  out.fill(0, 0, tokens * L);
  for (let t = 0; t < tokens; t++) {
    for (let f = offsets[t]; f < offsets[t + 1]; f++) {
      const row = index.get(keys[f]);
      if (row < 0) continue;
      for (let y = 0; y < L; y++) out[t * L + y] += weights[row * L + y];
    }
  }
}

/** Keep the `budget` rows with the largest weight magnitude (the rest barely move any score). */
export function prune({ keys, weights, transitions }: StageWeights, budget: number): StageWeights {
  const rows = keys.length;
  const magnitude = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let y = 0; y < L; y++) max = Math.max(max, Math.abs(weights[r * L + y]));
    magnitude[r] = max;
  }
  const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => magnitude[b] - magnitude[a] || a - b);
  const kept = order
    .slice(0, Math.min(budget, rows))
    .filter((r) => magnitude[r] > 0)
    .sort((a, b) => a - b);
  const outKeys = new Int32Array(kept.length);
  const outWeights = new Float64Array(kept.length * L);
  kept.forEach((r, i) => {
    outKeys[i] = keys[r];
    outWeights.set(weights.subarray(r * L, r * L + L), i * L);
  });
  return { keys: outKeys, weights: outWeights, transitions };
}
