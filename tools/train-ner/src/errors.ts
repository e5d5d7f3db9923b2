import { TYPES } from '@galley/entities/tagger';
import { spans } from './score.js';

/** How a name is written: all lower case, all capitals, or otherwise (Title Case, mixed). */
export type Casing = 'lower' | 'capitals' | 'title';

/**
 * One error on entities of the type under study: a gold entity the tagger missed (`tagged` is the
 * type it gave the same span, `untagged` none, `boundary` an overlapping span of `other` type) or
 * one the tagger made up (`spurious`, or `spurious-boundary` overlapping a gold entity of `other`).
 */
export interface EntityError {
  kind: 'tagged' | 'untagged' | 'boundary' | 'spurious' | 'spurious-boundary';
  /** The other type involved (tagged as, overlapping), when there is one. */
  other?: string;
  casing: Casing;
  /** The gold span's words (for spurious errors, the predicted span's). */
  text: string;
  /** What the tagger marked over a boundary error. */
  predicted?: string;
  /** The span with up to four words either side. */
  context: string;
}

interface Span {
  start: number;
  end: number;
  type: number;
}

function decode(labels: ArrayLike<number>): Span[] {
  return spans(labels).map((code) => {
    const type = code % 8;
    const rest = (code - type) / 8;
    return { start: Math.floor(rest / 1024), end: (rest % 1024) + 1, type };
  });
}

function casing(text: string): Casing {
  if (text === text.toLowerCase()) return 'lower';
  return text === text.toUpperCase() ? 'capitals' : 'title';
}

/**
 * The errors of one sentence on entities of type `type` (an index of `TYPES`), given its words
 * and its gold and predicted BILOU labels. Predicted spans of other types still name what a
 * missed entity was taken for ("tagged MISC"), so a corpus without MISC shows where MISC eats ORG.
 */
export function entityErrors(
  words: readonly string[],
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  type: number,
): EntityError[] {
  const goldSpans = decode(gold);
  const predictedSpans = decode(predicted);
  const text = (s: Span) => words.slice(s.start, s.end).join(' ');
  const context = (s: Span) => words.slice(Math.max(0, s.start - 4), s.end + 4).join(' ');
  const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const errors: EntityError[] = [];
  for (const g of goldSpans) {
    if (g.type !== type) continue;
    const exact = predictedSpans.find((p) => same(p, g));
    if (exact?.type === type) continue;
    const base = { casing: casing(text(g)), text: text(g), context: context(g) };
    if (exact !== undefined) {
      errors.push({ kind: 'tagged', other: TYPES[exact.type], ...base });
      continue;
    }
    const overlap = predictedSpans.find((p) => overlaps(p, g));
    if (overlap === undefined) errors.push({ kind: 'untagged', ...base });
    else errors.push({ kind: 'boundary', other: TYPES[overlap.type], predicted: text(overlap), ...base });
  }
  for (const p of predictedSpans) {
    if (p.type !== type || goldSpans.some((g) => same(g, p))) continue;
    const overlap = goldSpans.find((g) => overlaps(g, p));
    const base = { casing: casing(text(p)), text: text(p), context: context(p) };
    if (overlap === undefined) errors.push({ kind: 'spurious', ...base });
    else errors.push({ kind: 'spurious-boundary', other: TYPES[overlap.type], ...base });
  }
  return errors;
}

/** Heading of an error's group: kind, other type and casing ("tagged MISC, capitals"). */
export function errorGroup(error: EntityError): string {
  return `${error.kind}${error.other ? ` ${error.other}` : ''}, ${error.casing}`;
}
