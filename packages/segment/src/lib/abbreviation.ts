import { letterCase } from './chars.js';
import {
  neverFinalAbbreviations,
  numberAbbreviations,
  otherAbbreviations,
  properAbbreviations,
  titleAbbreviations,
} from './lexicon.js';

/** How a word before a period behaves. */
export const WORD = 0;
/** Title before a name ("Dr.", "Mt."): never a boundary. */
export const TITLE = 1;
/** Before a number ("No.", "p."): no boundary before a digit, else like `AMBIGUOUS`. */
export const NUMBERED = 2;
/** Boundary only when a typical sentence opener follows ("U.S.", "Co.", "E."). */
export const AMBIGUOUS = 3;
/** Never a boundary ("i.e.", "e.g.", "vs."). */
export const NEVER_FINAL = 4;

export type AbbreviationKind = typeof WORD | typeof TITLE | typeof NUMBERED | typeof AMBIGUOUS | typeof NEVER_FINAL;

/** Longest word looked up; longer ones (URLs, long words) are ordinary words. */
const MAX_ABBREVIATION = 12;

/**
 * Whether `word` is letters joined by periods with short parts: "U.S", "a.m", "Ph.D", "D.C".
 * Parts of at most three letters keep "example.com" and "1026.253.553" out.
 */
function isDottedAbbreviation(word: string): boolean {
  let part = 0;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) === 46) {
      if (part === 0) return false;
      part = 0;
    } else if (letterCase(word, i) !== 0 && part < 3) part++;
    else return false;
  }
  return part > 0;
}

/** Classify the word `text[start, end)` that stands before a period. */
export function abbreviationKind(text: string, start: number, end: number): AbbreviationKind {
  const length = end - start;
  if (length === 0 || length > MAX_ABBREVIATION) return WORD;
  const firstCase = letterCase(text, start);
  if (length === 1) {
    if (firstCase === 1) return AMBIGUOUS; // an initial: "Jonas E. Smith", but "you and I. Did"
    return firstCase === -1 ? NUMBERED : WORD; // "p. 55"
  }
  const word = text.slice(start, end);
  const lower = word.toLowerCase();
  if (word.includes('.')) {
    if (!isDottedAbbreviation(word)) return WORD;
    return neverFinalAbbreviations.has(lower) ? NEVER_FINAL : AMBIGUOUS;
  }
  if (titleAbbreviations.has(lower)) return firstCase === 1 ? TITLE : AMBIGUOUS;
  if (neverFinalAbbreviations.has(lower)) return NEVER_FINAL;
  if (numberAbbreviations.has(lower)) return NUMBERED;
  if (otherAbbreviations.has(lower)) return AMBIGUOUS;
  if (firstCase === 1 && properAbbreviations.has(lower)) return AMBIGUOUS;
  return WORD;
}

/** Whether `word` (any case) is an abbreviation of any kind; used where no period follows yet. */
export function isAbbreviation(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    titleAbbreviations.has(lower) ||
    properAbbreviations.has(lower) ||
    otherAbbreviations.has(lower) ||
    numberAbbreviations.has(lower) ||
    neverFinalAbbreviations.has(lower)
  );
}
