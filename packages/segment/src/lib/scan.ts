import { type Span, trimSpan } from '@galley/document';
import { AMBIGUOUS, NUMBERED, WORD, abbreviationKind, isAbbreviation } from './abbreviation.js';
import { isCloser, isDigit, isOpener, isQuote, isStrongTerminal, isTerminal, letterCase } from './chars.js';
import { sentenceStarters, topLevelDomains } from './lexicon.js';
import { CUT_AFTER, CUT_BEFORE, findLayoutBreaks, isEmoticon } from './layout.js';
import { LIST_MARKER, findListItems } from './lists.js';
import { type Tokens, tokenize } from './tokens.js';

// What follows a candidate boundary: the first character of the next token after its
// opening quotes and brackets.
const END = 0;
const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
const OTHER = 4;

/** Offset of token `t`'s first character after opening quotes and brackets. */
function afterOpeners(tokens: Tokens, t: number): number {
  const { text, starts, ends } = tokens;
  let at = starts[t];
  while (at < ends[t] && isOpener(text.charCodeAt(at))) at++;
  return at;
}

/** Class (`END`, `UPPER`, `LOWER`, `DIGIT`, `OTHER`) of what follows token `t`. */
function nextClass(tokens: Tokens, t: number): number {
  if (t + 1 >= tokens.starts.length) return END;
  const at = afterOpeners(tokens, t + 1);
  if (at >= tokens.ends[t + 1]) return OTHER;
  const letter = letterCase(tokens.text, at);
  if (letter === 1) return UPPER;
  if (letter === -1) return LOWER;
  return isDigit(tokens.text.charCodeAt(at)) ? DIGIT : OTHER;
}

/** Whether token `t + 1` reads as the start of a new sentence after an ambiguous abbreviation. */
function startsSentence(tokens: Tokens, t: number): boolean {
  const next = t + 1;
  const at = afterOpeners(tokens, next);
  if (at > tokens.starts[next]) return true; // a quotation or bracket opens
  let end = at;
  const { text } = tokens;
  while (end < tokens.ends[next] && (letterCase(text, end) !== 0 || text.charCodeAt(end) === 39)) end++;
  return sentenceStarters.has(text.slice(at, end).toLowerCase());
}

/**
 * Whether token `t` belongs to the end of the sentence before it: an emoticon or stray stops
 * ("Great! :)", "parrots? ?"), so the boundary moves after it.
 */
function closesSentence(tokens: Tokens, t: number): boolean {
  const { text, starts, ends } = tokens;
  if (isEmoticon(tokens, t)) return true;
  for (let at = starts[t]; at < ends[t]; at++) if (!isStrongTerminal(text.charCodeAt(at))) return false;
  return true;
}

/** Whether token `t` is a lone period, perhaps with closers (one dot of ". . ."). */
function isDotToken(tokens: Tokens, t: number): boolean {
  const { text, starts, ends } = tokens;
  if (t >= starts.length || text.charCodeAt(starts[t]) !== 46) return false;
  for (let at = starts[t] + 1; at < ends[t]; at++) if (!isCloser(text.charCodeAt(at))) return false;
  return true;
}

/** Whether the token holds an address whose inner periods never end a sentence. */
function isProtected(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 64 || code === 47 || code === 58) return true; // @ / :
  }
  return false;
}

/**
 * Sentence ends inside a token with no space after the stop, "world.Today" or "1,000.That":
 * a stop between a lower-case letter or digit and a capitalised word. Abbreviations
 * ("Mr.Smith"), domains ("Newsfeeds.Com") and addresses are left alone. Pushes the cuts and
 * returns where the token's last sentence starts.
 */
function cutInsideToken(text: string, start: number, end: number, cuts: number[]): number {
  let from = start;
  let checked = false;
  for (let at = start + 1; at < end - 2; at++) {
    const code = text.charCodeAt(at);
    if (code !== 46 && code !== 63 && code !== 33) continue;
    const before = text.charCodeAt(at - 1);
    if (!(isDigit(before) || letterCase(text, at - 1) === -1)) continue;
    if (letterCase(text, at + 1) !== 1 || letterCase(text, at + 2) !== -1) continue;
    if (!checked && isProtected(text, start, end)) return from;
    checked = true; // the whole token is checked once, at its first candidate
    if (code === 46) {
      let wordStart = at;
      while (wordStart > from && letterCase(text, wordStart - 1) !== 0) wordStart--;
      if (isAbbreviation(text.slice(wordStart, at))) continue;
      let wordEnd = at + 1;
      while (wordEnd < end && letterCase(text, wordEnd) !== 0) wordEnd++;
      if (topLevelDomains.has(text.slice(at + 1, wordEnd).toLowerCase())) continue;
    }
    cuts.push(at + 1);
    from = at + 1;
  }
  return from;
}

/**
 * Decide whether a sentence ends after token `t`, whose last characters are a stop run
 * `[stop, closeAt)` followed by closers up to the token end. Returns the index of the last
 * token consumed (ellipses written ". . ." span several tokens) and pushes the cut, if any.
 */
function decide(tokens: Tokens, t: number, wordStart: number, cuts: number[]): number {
  const { text, starts, ends } = tokens;
  const end = ends[t];
  let closeAt = end;
  while (closeAt > wordStart && isCloser(text.charCodeAt(closeAt - 1))) closeAt--;
  let stop = closeAt;
  while (stop > wordStart && isTerminal(text.charCodeAt(stop - 1))) stop--;
  if (stop === closeAt) return t;
  let word = wordStart;
  while (word < stop && isOpener(text.charCodeAt(word))) word++;

  let dots = 0;
  let strong = false;
  for (let at = stop; at < closeAt; at++) {
    const code = text.charCodeAt(at);
    if (code === 46) dots++;
    else if (isStrongTerminal(code)) strong = true;
    else dots += 3; // "…"
  }

  // Ellipses written with spaces: ". . ." inside a sentence, ". . . ." or a period then
  // ". . ." before a capital at its end (Golden Rules 45-51).
  if (!strong && text.charCodeAt(closeAt - 1) === 46 && isDotToken(tokens, t + 1)) {
    let last = t + 1;
    while (isDotToken(tokens, last + 1)) last++;
    const spaced = last - t;
    if (spaced >= 2) {
      const capital = nextClass(tokens, last) === UPPER;
      if (word === stop) {
        if (spaced + dots >= 4 && (capital || nextClass(tokens, last) === DIGIT)) cuts.push(ends[last]);
      } else if (capital) cuts.push(dots === 1 && spaced === 3 ? end : ends[last]);
      return last;
    }
  }

  const next = nextClass(tokens, t);
  if (next === END || closesSentence(tokens, t + 1)) return t;
  let quoted = false;
  for (let at = closeAt; at < end; at++) if (isQuote(text.charCodeAt(at))) quoted = true;
  if (strong) {
    // "'Great!' she said" and "Yahoo! in" continue; "what? i mean" does not.
    const continues =
      next === LOWER &&
      (quoted ||
        (closeAt === end && closeAt - stop === 1 && text.charCodeAt(stop) === 33 && letterCase(text, word) === 1));
    if (!continues) cuts.push(end);
    return t;
  }
  if (dots >= 2) {
    // A free-standing "..." or "[...]" is an omission inside a sentence, or opens the next one
    // after a stop; it ends a sentence only before a capitalised word, not a quotation.
    const opensNext = word === stop && t > 0 && isTerminal(text.charCodeAt(ends[t - 1] - 1));
    if (next === UPPER && !opensNext && (word < stop || afterOpeners(tokens, t + 1) === starts[t + 1])) cuts.push(end);
    return t;
  }
  if (closeAt < end && next === LOWER) return t; // '"This is great." she said', "engineer.) at"
  switch (abbreviationKind(text, word, stop)) {
    case WORD:
      if (next !== LOWER || isLowerCaseBoundary(text, word, stop)) cuts.push(end);
      break;
    case NUMBERED:
      // Before a digit it is the abbreviation ("No. 5"); before lower case, a word ("no. i got
      // it") unless a single letter ("p. xii"); before a capital, as AMBIGUOUS.
      if (
        next === LOWER
          ? stop - word > 1 && isLowerCaseBoundary(text, word, stop)
          : next === UPPER && startsSentence(tokens, t)
      ) {
        cuts.push(end);
      }
      break;
    case AMBIGUOUS:
      if (next === UPPER && startsSentence(tokens, t)) cuts.push(end);
      break;
    default: // TITLE and NEVER_FINAL
      break;
  }
  return t;
}

/**
 * A period between an ordinary word and a lower-case word: informal writing starts sentences in
 * lower case ("great food. we will be back", "friendly . and"), but a digit or single letter
 * before the period is more often a list, a version or an unknown abbreviation.
 */
function isLowerCaseBoundary(text: string, word: number, stop: number): boolean {
  return stop === word || (stop - word > 1 && !isDigit(text.charCodeAt(stop - 1)));
}

/**
 * Push the sentence spans of one unit `[start, end)` of `text` (a block, or the part of a
 * block between two line breaks that are boundaries) to `out`.
 */
export function segmentUnit(text: string, start: number, end: number, out: Span[]): void {
  const tokens = tokenize(text, start, end);
  const { starts, ends } = tokens;
  const flags = findListItems(text, starts, ends);
  findLayoutBreaks(tokens, flags);
  const cuts: number[] = [start];
  let glued = 0;
  for (let t = 0; t < starts.length; t++) {
    if (flags[t] & CUT_BEFORE && cuts[cuts.length - 1] < starts[t]) cuts.push(starts[t]);
    while (glued < tokens.glued.length && tokens.glued[glued] < starts[t]) glued++;
    const inside = glued < tokens.glued.length && tokens.glued[glued] < ends[t] - 2;
    const wordStart = inside ? cutInsideToken(text, starts[t], ends[t], cuts) : starts[t];
    if (!(flags[t] & LIST_MARKER)) t = decide(tokens, t, wordStart, cuts);
    if (flags[t] & CUT_AFTER && cuts[cuts.length - 1] < ends[t]) cuts.push(ends[t]);
  }
  cuts.push(end);
  for (let c = 1; c < cuts.length; c++) {
    const span = trimSpan(text, cuts[c - 1], cuts[c]);
    if (span.end > span.start) out.push(span);
  }
}
