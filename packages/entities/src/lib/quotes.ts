import type { Span } from '@galley/document';

const LEFT_DOUBLE = 0x201c; // “
const RIGHT_DOUBLE = 0x201d; // ”
const STRAIGHT_DOUBLE = 0x22; // "
const LOW_DOUBLE = 0x201e; // „ (German-style opener, closed by “ or ”)

/** Characters after which a quotation mark closes: end punctuation of the quoted words. */
const CLOSES_BEFORE = ".,!?;:…)]’'\u2014\u2013-";
/** Characters that follow a closing mark rather than an opening one. */
const FOLLOWS_CLOSER = '.,;:!?)]';

/** Whether the character at `i` could not continue a word: white space, punctuation or the end. */
function isBoundary(text: string, i: number, limit: number): boolean {
  if (i < 0 || i >= limit) return true;
  const c = text.charCodeAt(i);
  return (
    (!(c >= 48 && c <= 57) && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && c < 0xc0) ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x206f)
  );
}

function isBlank(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || c === 0xa0 || (c >= 9 && c <= 13) || c === 0x202f || c === 0x2009;
}

function isDoubleMark(code: number): boolean {
  return code === LEFT_DOUBLE || code === RIGHT_DOUBLE || code === STRAIGHT_DOUBLE || code === LOW_DOUBLE;
}

const RIGHT_SINGLE = 0x2019; // ’
const STRAIGHT_SINGLE = 0x27; // '

/** Whether `i` starts a closing mark typed as two single ones (’’ or ''), followed by a space, a mark or the end. */
function isDoubledSingle(text: string, i: number, limit: number): boolean {
  const code = text.charCodeAt(i);
  if ((code !== RIGHT_SINGLE && code !== STRAIGHT_SINGLE) || text.charCodeAt(i + 1) !== code) return false;
  return i + 2 >= limit || isBlank(text, i + 2) || FOLLOWS_CLOSER.includes(text[i + 2]);
}

/** Whether a paragraph opens with a quotation mark (after leading blanks), i.e. continues a quote. */
function opensWithQuote(text: string, block: Span): number {
  let i = block.start;
  while (i < block.end && isBlank(text, i)) i++;
  const code = text.charCodeAt(i);
  return i < block.end && (code === LEFT_DOUBLE || code === STRAIGHT_DOUBLE || code === LOW_DOUBLE) ? i : -1;
}

/**
 * Spans of quoted material in `text`, marks included, sorted: double quotes and typographic
 * single quotes (see `findSingleQuotes`). Double quotes are read scanning each block (paragraph) on
 * its own. Tolerant of the marks real articles use: straight quotes, an opening “ typed where
 * the closer belongs (“gay propaganda law“), a closing ” used as an opener. A quote left open
 * at the end of a paragraph runs on when the next paragraph opens with a quotation mark (the
 * news convention for a quotation over several paragraphs); otherwise it ends with its
 * paragraph. `blocks` must be sorted and non-overlapping.
 */
export function findQuoteSpans(text: string, blocks: readonly Span[]): Span[] {
  const doubles = findDoubleQuotes(text, blocks);
  const singles = findSingleQuotes(text, blocks, doubles);
  if (!singles.length) return doubles;
  return [...doubles, ...singles].sort((a, b) => a.start - b.start);
}

const LEFT_SINGLE = 0x2018; // ‘
const SINGLE_MARKS = /[‘’]/g;

function isLetterOrDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122) || (code >= 0xc0 && code < 0x2000);
}

/**
 * Typographic single quotes, as British headlines and some house styles use them: an opening ‘
 * after a space or bracket and a closing ’ that is not an apostrophe (no letter after it), in the
 * same paragraph and outside any double-quoted span (a quotation within a quotation is part of
 * it). An unclosed ‘ ("the ‘90s") makes no quotation.
 */
function findSingleQuotes(text: string, blocks: readonly Span[], doubles: readonly Span[]): Span[] {
  const quotes: Span[] = [];
  let d = 0;
  let b = 0;
  let openAt = -1;
  SINGLE_MARKS.lastIndex = 0;
  for (let match = SINGLE_MARKS.exec(text); match; match = SINGLE_MARKS.exec(text)) {
    const i = match.index;
    while (b < blocks.length && blocks[b].end <= i) {
      b++;
      openAt = -1;
    }
    if (b >= blocks.length) break;
    const block = blocks[b];
    if (i < block.start) continue;
    while (d < doubles.length && doubles[d].end <= i) d++;
    if (d < doubles.length && doubles[d].start <= i) {
      openAt = -1;
      continue;
    }
    if (text.charCodeAt(i) === LEFT_SINGLE) {
      if (
        (i === block.start || isBlank(text, i - 1) || '([—–-'.includes(text[i - 1])) &&
        isLetterOrDigit(text.charCodeAt(i + 1))
      )
        openAt = i;
    } else if (openAt >= 0 && !isLetterOrDigit(text.charCodeAt(i + 1)) && !isBlank(text, i - 1) && i > openAt + 1) {
      quotes.push({ start: openAt, end: i + 1 });
      openAt = -1;
    }
  }
  return quotes;
}

/** Double-quoted spans: see {@link findQuoteSpans}. */
function findDoubleQuotes(text: string, blocks: readonly Span[]): Span[] {
  const quotes: Span[] = [];
  let openAt = -1;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    let i = block.start;
    // A run-on quote: the next paragraph's opening mark is a continuation, not a new quote.
    if (openAt >= 0) {
      const continuation = opensWithQuote(text, block);
      i = continuation + 1;
    }
    for (; i < block.end; i++) {
      const code = text.charCodeAt(i);
      // Two single closing marks for one double (“…voters,’’ Will Moy said), as some wires type it.
      if (openAt >= 0 && isDoubledSingle(text, i, block.end)) {
        quotes.push({ start: openAt, end: i + 2 });
        openAt = -1;
        i++;
        continue;
      }
      if (!isDoubleMark(code)) continue;
      const afterWord = i > block.start && (!isBoundary(text, i - 1, block.end) || CLOSES_BEFORE.includes(text[i - 1]));
      const beforeBlank = i + 1 >= block.end || isBlank(text, i + 1) || FOLLOWS_CLOSER.includes(text[i + 1]);
      if (openAt < 0) {
        // A closer with nothing open is stray unless it sits where an opener would.
        if (code === RIGHT_DOUBLE && (afterWord || beforeBlank)) continue;
        if (i + 1 < block.end && !isBlank(text, i + 1)) openAt = i;
        continue;
      }
      if (code === RIGHT_DOUBLE || afterWord || beforeBlank) {
        if (i > openAt + 1) quotes.push({ start: openAt, end: i + 1 });
        openAt = -1;
      } else {
        // An opener while one is open: the earlier mark was never closed; start again here.
        openAt = i;
      }
    }
    if (openAt >= 0) {
      const next = blocks[b + 1];
      if (!next || opensWithQuote(text, next) < 0) {
        let end = block.end;
        while (end > openAt + 1 && isBlank(text, end - 1)) end--;
        if (end > openAt + 1) quotes.push({ start: openAt, end });
        openAt = -1;
      }
    }
  }
  return quotes;
}
