import { isSpace } from '@galley/document';

/** A token as standoff offsets `[start, end)` into the text it was cut from. */
export interface Token {
  start: number;
  end: number;
}

/**
 * Abbreviations that keep their full stop as part of the token, as in the Reuters/CoNLL-2003
 * tokenisation the tagger was trained on ("Mr.", "Corp.", "Jan."). Single letters ("J.") and
 * dotted acronyms ("U.S.") are recognised by shape, so they are not listed.
 */
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'cpl',
  'pvt',
  'rev',
  'fr',
  'st',
  'sr',
  'jr',
  'messrs',
  'mt',
  'ft',
  'pres',
  'supt',
  'insp',
  'co',
  'corp',
  'inc',
  'ltd',
  'plc',
  'bros',
  'dept',
  'univ',
  'assn',
  'vs',
  'etc',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'ave',
  'blvd',
  'rd',
  'hwy',
  'cf',
  'vol',
  'pp',
]);

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

function isAlnum(code: number): boolean {
  if (code < 0x80) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  // Letters and digits beyond ASCII: everything that is not space, punctuation, a symbol or a mark.
  return !isSpace(code) && !isPunctuation(code);
}

/** Non-ASCII punctuation and symbols that always stand alone (quotes, dashes, bullets, currency). */
function isPunctuation(code: number): boolean {
  return (
    (code >= 0x2010 && code <= 0x205e) ||
    (code >= 0xa1 && code <= 0xbf && code !== 0xaa && code !== 0xb5 && code !== 0xba) ||
    code === 0xd7 ||
    code === 0xf7 ||
    (code >= 0x20a0 && code <= 0x20cf) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xfe30 && code <= 0xfe6f) ||
    (code >= 0xff01 && code <= 0xff0f)
  );
}

/** Characters that may join two alphanumeric runs inside one token: "U.S.", "Anglo-Dutch", "1,000", "AT&T", "O'Neill", "1/2". */
function isJoiner(code: number): boolean {
  return (
    code === 46 ||
    code === 45 ||
    code === 44 ||
    code === 38 ||
    code === 47 ||
    code === 58 ||
    code === APOSTROPHE ||
    code === RIGHT_SINGLE_QUOTE
  );
}

/** Joiners that only join digits: "1,000", "10:30", "1/2" — but "Smith/AP", "Paris,France" split. */
function joinsDigitsOnly(code: number): boolean {
  return code === 44 || code === 58 || code === 47;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpper(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code > 0x7f && String.fromCharCode(code) !== String.fromCharCode(code).toLowerCase())
  );
}

/**
 * Whether the full stop right after `text[start, end)` belongs to the word: dotted acronyms
 * ("U.S."), single capital initials ("J."), and known abbreviations ("Corp.").
 */
function keepsFullStop(text: string, start: number, end: number): boolean {
  if (end - start === 1) return isUpper(text.charCodeAt(start));
  if (text.lastIndexOf('.', end - 1) > start) return true;
  return abbreviations.has(text.slice(start, end).toLowerCase());
}

/**
 * Cut `text[start, end)` into CoNLL-like tokens: words and numbers (with inner joiners such as
 * "U.S.-based", "1,000.5", "AT&T", "O'Neill"), every other punctuation mark alone, possessive
 * "'s" / "’s" split off, typographic quotes and dashes alone. All Unicode white space (including
 * no-break spaces) separates tokens.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const starts: number[] = [];
  const ends: number[] = [];
  tokenizeInto(text, start, end, starts, ends);
  return starts.map((tokenStart, t) => ({ start: tokenStart, end: ends[t] }));
}

/**
 * The tokens of {@link tokenize} appended to `starts` and `ends` as offsets: a whole document
 * tokenised sentence by sentence (300,000 of them) builds no object and no array per token.
 */
export function tokenizeInto(text: string, start: number, end: number, starts: number[], ends: number[]): void {
  if (start < 0 || end > text.length || start > end) {
    throw new RangeError(`tokenize: range [${start}, ${end}) is outside the text (length ${text.length})`);
  }
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    if (!isAlnum(code)) {
      // A possessive after a kept full stop ("Corp.’s") is still one "’s" token.
      if (
        (code === APOSTROPHE || code === RIGHT_SINGLE_QUOTE) &&
        i + 1 < end &&
        (text.charCodeAt(i + 1) | 0x20) === 115 &&
        (i + 2 >= end || !isAlnum(text.charCodeAt(i + 2)))
      ) {
        starts.push(i);
        ends.push(i + 2);
        i += 2;
        continue;
      }
      // A surrogate pair (emoji) stays one token.
      const width = code >= 0xd800 && code <= 0xdbff && i + 1 < end ? 2 : 1;
      starts.push(i);
      ends.push(i + width);
      i += width;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < end && isAlnum(text.charCodeAt(j))) j++;
      // A joiner continues the word only between two alphanumerics; commas and colons only between digits.
      if (j + 1 < end && isJoiner(text.charCodeAt(j)) && isAlnum(text.charCodeAt(j + 1))) {
        const joiner = text.charCodeAt(j);
        if (joinsDigitsOnly(joiner) && !(isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1)))) break;
        j += 2;
        continue;
      }
      break;
    }
    // Possessive or contraction: "Smith's" → "Smith" "'s"; "Reuters’" stays a word plus "’".
    const apostrophe = j - 2 > i ? text.charCodeAt(j - 2) : 0;
    if ((apostrophe === APOSTROPHE || apostrophe === RIGHT_SINGLE_QUOTE) && (text.charCodeAt(j - 1) | 0x20) === 115) {
      starts.push(i, j - 2);
      ends.push(j - 2, j);
      i = j;
      continue;
    }
    if (j < end && text.charCodeAt(j) === 46 && keepsFullStop(text, i, j)) j++;
    starts.push(i);
    ends.push(j);
    i = j;
  }
}

/** A capital followed by lower-case letters only ("Major", not "major" or "MAJOR"). */
export function isTitleCaseWord(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && word.length > 1 && word.slice(1) === word.slice(1).toLowerCase();
}
