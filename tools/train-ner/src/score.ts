import { labelPart, labelType, TYPES } from '@galley/entities/tagger';

/** Entity-level counts for precision/recall/F1 (exact span and type, as conlleval). */
export class EntityScore {
  readonly correct = new Int32Array(TYPES.length);
  readonly predicted = new Int32Array(TYPES.length);
  readonly gold = new Int32Array(TYPES.length);

  /** Count one sentence's gold and predicted BILOU labels. */
  add(gold: ArrayLike<number>, predicted: ArrayLike<number>): void {
    const goldSpans = spans(gold);
    const predictedSpans = new Set(spans(predicted));
    for (const span of goldSpans) {
      this.gold[span % 8]++;
      if (predictedSpans.has(span)) this.correct[span % 8]++;
    }
    for (const span of predictedSpans) this.predicted[span % 8]++;
  }

  /** F1 in percent, overall, for one type index or over a list of type indices. */
  f1(type: number | readonly number[] = -1): number {
    const sum = (a: Int32Array) =>
      typeof type !== 'number' ? type.reduce((x, t) => x + a[t], 0) : type < 0 ? a.reduce((x, y) => x + y, 0) : a[type];
    const p = sum(this.correct) / Math.max(1, sum(this.predicted));
    const r = sum(this.correct) / Math.max(1, sum(this.gold));
    return p + r === 0 ? 0 : (200 * p * r) / (p + r);
  }

  /** "F1 91.20 (PER 95.1 ORG 85.0 …)" */
  summary(): string {
    return `F1 ${this.f1().toFixed(2)} (${TYPES.map((t, i) => `${t} ${this.f1(i).toFixed(1)}`).join(' ')})`;
  }
}

/** Entities of a BILOU sequence encoded as numbers: (start * 1024 + last token) * 8 + type. */
export function spans(labels: ArrayLike<number>): number[] {
  const out: number[] = [];
  let start = -1;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 0) {
      start = -1;
      continue;
    }
    const part = labelPart(label);
    if (part === 0 || part === 3) start = i;
    if ((part === 2 || part === 3) && start >= 0) out.push((start * 1024 + i) * 8 + labelType(label));
  }
  return out;
}
