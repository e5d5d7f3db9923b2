import {
  DocumentFeatures,
  fromIob,
  LABEL_COUNT,
  labelType,
  tagDocument,
  tagSecondStage,
  TaggerState,
  TYPES,
  viterbi,
  type Lexicon,
  type Scorer,
  type StageWeights,
} from '@galley/entities/tagger';
import type { ConllDocument } from './conll.js';
import { FixedWeights, PerceptronWeights } from './perceptron.js';
import { EntityScore } from './score.js';

const MISC = TYPES.indexOf('MISC');

/** A training document: its tokens, gold BILOU labels, update weight and whether its O tags may hide MISC names. */
export interface TrainingDocument {
  sentences: string[][];
  gold: Int32Array[];
  weight: number;
  /** The corpus does not mark every MISC name: an O token is trained as "O or MISC" (partial labels). */
  partialMisc: boolean;
}

/** Documents of a corpus as training documents. */
export function trainingDocuments(documents: readonly ConllDocument[], weight: number, partialMisc: boolean) {
  return documents.map((doc): TrainingDocument => ({
    sentences: doc.sentences,
    gold: doc.tags.map(fromIob),
    weight,
    partialMisc,
  }));
}

/** A development set and the type indices it is scored on (those its corpus annotates exhaustively). */
export interface DevSet {
  name: string;
  documents: readonly ConllDocument[];
  types: readonly number[];
}

/** mulberry32: small seeded PRNG so document order (and so the model) is reproducible. */
export function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entity scores of `scorer` on `documents`; given `first` (first-stage labels per document), `scorer` is scored as the second stage. */
export function evaluate(
  scorer: Scorer,
  lexicon: Lexicon,
  documents: readonly ConllDocument[],
  first?: readonly Int32Array[][],
): EntityScore {
  const score = new EntityScore();
  const state = new TaggerState();
  documents.forEach((doc, d) => {
    const predicted =
      first === undefined
        ? tagDocument(scorer, lexicon, doc.sentences, state)
        : tagSecondStage(scorer, new DocumentFeatures(doc.sentences, lexicon), first[d], state);
    doc.tags.forEach((tags, s) => score.add(fromIob(tags), predicted[s]));
  });
  return score;
}

/** Scores on several dev sets, each on its own types, and their mean (the figure epochs are chosen by). */
export class DevScores {
  constructor(
    readonly sets: readonly DevSet[],
    readonly scores: readonly EntityScore[],
  ) {}

  /** Mean F1 over the sets. */
  mean(): number {
    return this.scores.reduce((sum, score, i) => sum + score.f1(this.sets[i].types), 0) / Math.max(1, this.sets.length);
  }

  summary(): string {
    return `mean ${this.mean().toFixed(2)}; ${this.sets.map((set, i) => `${set.name} ${this.scores[i].f1(set.types).toFixed(2)}`).join(', ')}`;
  }
}

/**
 * What one perceptron run learns from: the documents (indices into the trainer's documents), for a
 * second stage their first-stage labels, and how to score it after each epoch (none: keep the last epoch).
 */
export interface RunData {
  documents: readonly number[];
  first?: readonly Int32Array[][];
  dev?: (scorer: Scorer) => DevScores;
  name: string;
}

/** Result of one run: the epoch kept, its dev score and its averaged weights. */
export interface RunResult {
  epoch: number;
  f1: number;
  averaged: StageWeights;
}

/** Trains averaged perceptrons on one set of documents with one lexicon. */
export class Trainer {
  private readonly state = new TaggerState();
  private emission = new Float64Array(256 * LABEL_COUNT);
  private best = new Float64Array(256 * LABEL_COUNT);
  private back = new Int32Array(256 * LABEL_COUNT);
  private predicted = new Int32Array(256);
  private target = new Int32Array(256);

  constructor(
    readonly documents: readonly TrainingDocument[],
    readonly lexicon: Lexicon,
    readonly epochs: number,
    /** Keep the last epoch even when dev scores are given (dev is part of the training data). */
    readonly keepLast: boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** One averaged perceptron trained on documents shuffled by `seed`; its best epoch on dev (or its last). */
  run(seed: number, data: RunData): RunResult {
    const perceptron = new PerceptronWeights();
    const next = random(seed);
    const order = [...data.documents];
    const started = Date.now();
    let best: RunResult = { epoch: 0, f1: -1, averaged: perceptron.averaged() };
    for (let epoch = 1; epoch <= this.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let errors = 0;
      for (const d of order) errors += this.learnDocument(perceptron, this.documents[d], data.first?.[d]);
      // Keeping the last epoch anyway, only it needs scoring.
      if ((data.dev === undefined || this.keepLast) && epoch < this.epochs) continue;
      const averaged = perceptron.averaged();
      const score = data.dev?.(new FixedWeights(averaged));
      this.log(
        `${data.name} seed ${seed} epoch ${epoch}: ${errors} token errors on train, ${averaged.keys.length} features${score === undefined ? '' : `, dev ${score.summary()}`}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      const f1 = score?.mean() ?? -1;
      if (this.keepLast || score === undefined ? epoch === this.epochs : f1 > best.f1) best = { epoch, f1, averaged };
    }
    return best;
  }

  /** Tag one document with the current weights and update towards its gold labels; returns the token errors. */
  private learnDocument(perceptron: PerceptronWeights, document: TrainingDocument, first?: Int32Array[]): number {
    const doc = new DocumentFeatures(document.sentences, this.lexicon);
    if (first !== undefined) doc.useFirstStage(first);
    const { features } = this.state;
    let errors = 0;
    for (let s = 0; s < doc.sentenceCount; s++) {
      const gold = document.gold[s];
      const n = gold.length;
      this.grow(n);
      const predicted = this.predicted.subarray(0, n);
      doc.extract(s, features);
      perceptron.emissions(features, n, this.emission);
      viterbi(this.emission, perceptron.transitions, n, this.best, this.back, predicted);
      const target = document.partialMisc ? this.latentGold(gold, perceptron) : gold;
      for (let t = 0; t < n; t++) if (predicted[t] !== target[t]) errors++;
      perceptron.update(features, target, predicted, document.weight);
      // Later sentences see this model's own decisions, as they will at run time (R&R 2009).
      doc.record(s, predicted);
    }
    return errors;
  }

  /**
   * Partial-label target for a corpus whose O tags may hide MISC names: the best path under the
   * current weights that keeps every marked entity and lets each O token be O or any MISC label.
   * Uses the emissions already computed for the prediction.
   */
  private latentGold(gold: Int32Array, perceptron: PerceptronWeights): Int32Array {
    const n = gold.length;
    const { emission } = this;
    for (let t = 0; t < n; t++) {
      const g = gold[t];
      for (let y = 0; y < LABEL_COUNT; y++) {
        const ok = g === 0 ? y === 0 || labelType(y) === MISC : y === g;
        if (!ok) emission[t * LABEL_COUNT + y] = -Infinity;
      }
    }
    const target = this.target.subarray(0, n);
    viterbi(emission, perceptron.transitions, n, this.best, this.back, target);
    return target;
  }

  private grow(tokens: number): void {
    if (this.predicted.length >= tokens) return;
    const size = 2 * tokens;
    this.emission = new Float64Array(size * LABEL_COUNT);
    this.best = new Float64Array(size * LABEL_COUNT);
    this.back = new Int32Array(size * LABEL_COUNT);
    this.predicted = new Int32Array(size);
    this.target = new Int32Array(size);
  }
}
