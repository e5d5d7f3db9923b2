/** Entity types in CoNLL-2003 order. */
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof TYPES)[number];

/**
 * BILOU labels: 0 is O; type t has B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t. BILOU beats
 * BIO for perceptron NER (Ratinov & Roth 2009) because span ends get their own weights.
 */
export const LABEL_COUNT = 1 + 4 * TYPES.length;
const B = 0;
const I = 1;
const L = 2;
const U = 3;

/** Part (B/I/L/U) of a non-O label. */
export function labelPart(label: number): number {
  return (label - 1) & 3;
}

/** Entity type index of a non-O label. */
export function labelType(label: number): number {
  return (label - 1) >> 2;
}

/** Label number of entity type `type` and BILOU part `part` (0 = B … 3 = U). */
export function makeLabel(type: number, part: number): number {
  return 1 + 4 * type + part;
}

/** Whether `next` may follow `prev` (−1 = sentence start); `next` −1 asks whether `prev` may end the sentence. */
export function allowed(prev: number, next: number): boolean {
  const open = prev > 0 && (labelPart(prev) === B || labelPart(prev) === I);
  if (next < 0) return !open;
  if (next === 0) return !open;
  const part = labelPart(next);
  if (part === B || part === U) return !open;
  return open && labelType(prev) === labelType(next);
}

/** Transition mask `[prev * LABEL_COUNT + next]`, row LABEL_COUNT = sentence start, column LABEL_COUNT = end. */
export const TRANSITIONS: Uint8Array = (() => {
  const n = LABEL_COUNT + 1;
  const mask = new Uint8Array(n * n);
  for (let p = -1; p < LABEL_COUNT; p++) {
    for (let q = -1; q < LABEL_COUNT; q++) {
      mask[(p < 0 ? LABEL_COUNT : p) * n + (q < 0 ? LABEL_COUNT : q)] = allowed(p, q) ? 1 : 0;
    }
  }
  return mask;
})();

/** BILOU labels → IOB2 strings ("B-PER", "I-PER", "O"). */
export function toIob2(labels: ArrayLike<number>, out: string[] = []): string[] {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 0) out.push('O');
    else out.push((labelPart(label) === B || labelPart(label) === U ? 'B-' : 'I-') + TYPES[labelType(label)]);
  }
  return out;
}

/** IOB1/IOB2 tags → BILOU labels (an I-X after O or another type opens an entity, as conlleval reads it). */
export function fromIob(tags: readonly string[]): Int32Array {
  const labels = new Int32Array(tags.length);
  const types = tags.map((tag) => (tag === 'O' ? -1 : TYPES.indexOf(tag.slice(2) as EntityType)));
  for (let i = 0; i < tags.length; i++) {
    const type = types[i];
    if (type < 0) continue;
    if (tags[i][1] !== '-') throw new Error(`unknown tag "${tags[i]}"`);
    const begins = tags[i][0] === 'B' || i === 0 || types[i - 1] !== type;
    const continues = i + 1 < tags.length && types[i + 1] === type && tags[i + 1][0] !== 'B';
    labels[i] = makeLabel(type, begins ? (continues ? B : U) : continues ? I : L);
  }
  return labels;
}
