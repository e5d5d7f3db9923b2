import { isSpace } from '@galley/document';
import { isBullet, isDigit, isOpener, isTerminal, isWordChar, letterCase } from './chars.js';
import { continuationWords } from './lexicon.js';

/** A line without a stop at most this many words long may be a heading or a label line. */
const HEADING_WORDS = 10;

/** Whether the line starting at `at` opens with a list bullet or number ("- ", "• ", "3. ", "2) "). */
function startsListItem(text: string, at: number, end: number): boolean {
  const code = text.charCodeAt(at);
  if (isBullet(code)) return at + 1 < end && isSpace(text.charCodeAt(at + 1));
  let digits = at;
  while (digits < end && isDigit(text.charCodeAt(digits)) && digits - at < 3) digits++;
  if (digits === at || digits + 1 >= end) return false;
  const mark = text.charCodeAt(digits);
  return (mark === 46 || mark === 41) && isSpace(text.charCodeAt(digits + 1));
}

/** Whether the line `[start, end)` is short and ends in a letter or digit, like a heading. */
function isHeadingLike(text: string, start: number, end: number): boolean {
  if (!isWordChar(text, end - 1)) return false;
  let words = 1;
  let lastWord = start;
  for (let at = start; at < end; at++) {
    if (isSpace(text.charCodeAt(at))) {
      if (++words > HEADING_WORDS) return false;
      lastWord = at + 1;
    }
  }
  // A line ending in "with", "and", "the" runs on into the next one.
  return !continuationWords.has(text.slice(lastWord, end));
}

/** Offset of the first line feed at or after `from`, or -1; `from` never decreases between calls. */
export type NewlineFinder = (from: number) => number;

/**
 * A `NewlineFinder` over `text` that remembers its last answer, so finding the line breaks of
 * many blocks (sorted) reads the text once instead of searching past each block to the next
 * line feed.
 */
export function newlineFinder(text: string): NewlineFinder {
  let found = -2;
  return (from) => {
    if (found === -2 || (found >= 0 && found < from)) found = text.indexOf('\n', from);
    return found;
  };
}

/**
 * Split block `[start, end)` at the line breaks that are sentence boundaries and call `unit`
 * for each part. A single line break is only white space, except before a list item and after
 * a heading-like line (short, no stop, opening the block or following another break) that a
 * capital, digit or quotation follows; a line that ends with a stop needs no help, the
 * sentence rules see it.
 */
export function splitLines(
  text: string,
  start: number,
  end: number,
  nextNewline: NewlineFinder,
  unit: (start: number, end: number) => void,
): void {
  let from = start;
  let lineStart = start;
  for (let at = nextNewline(start); at >= 0 && at < end; at = nextNewline(at + 1)) {
    let lineEnd = at;
    while (lineEnd > lineStart && isSpace(text.charCodeAt(lineEnd - 1))) lineEnd--;
    let next = at + 1;
    while (next < end && isSpace(text.charCodeAt(next))) next++;
    if (next >= end) break;
    if (lineEnd > lineStart && !isTerminal(text.charCodeAt(lineEnd - 1))) {
      let first = next;
      while (first < end && isOpener(text.charCodeAt(first))) first++;
      const opensSentence = first > next || letterCase(text, first) === 1 || isDigit(text.charCodeAt(first));
      // Only a line that starts a unit can be a heading: the first line of the block, or one
      // after another break ("Jane Doe\n06/02/2001\nHello"). Later short lines are usually
      // hard-wrapped prose ("met with\nJohn Smith").
      const heading = from === lineStart && opensSentence && isHeadingLike(text, lineStart, lineEnd);
      if (heading || startsListItem(text, next, end)) {
        unit(from, at);
        from = next;
      }
    }
    lineStart = next;
  }
  unit(from, end);
}
