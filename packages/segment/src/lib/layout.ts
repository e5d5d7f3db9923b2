import { isCloser, isDigit, isOpener, isTerminal, letterCase } from './chars.js';
import { type Tokens, tokenText } from './tokens.js';
import { clauseOpeners, creditLabels, greetings, sentenceStarters, valedictions } from './lexicon.js';

/** Flag: a sentence ends after this token. */
export const CUT_AFTER = 4;
/** Flag: a sentence starts at this token. */
export const CUT_BEFORE = 2;

// Shapes of whole tokens; each is anchored and has no nested quantifier, so it is linear.
const DATE = /^\d{1,2}\/\d{1,2}\/\d{2,4}$/;
const TIME = /^\d{1,2}:\d\d(?::\d\d)?$/;
const MERIDIEM = /^[AaPp]\.?[Mm]\.?$/;
const ADDRESS = /:\/\/|^<?www\.|@[^@.\s]+\./;
const EMOTICON = /^(?:[:;=8][-'^]?[()DPpOo3\][/\\|*]+|[xX]D+|\^\^|<3+|\(:|\):)$/;
// A rule line: "-----", "_____", "=====" (shorter runs of hyphens are dashes in prose).
const RULE = /^(?:-{4,}|_{3,}|={3,}|~{3,})$/;
const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
const DAY = /^\d{1,2},$/;
const YEAR = /^(?:1[89]|20)\d\d$/;

/** Whether token `t` is an emoticon (":)", ":-D", "^^"): it closes the sentence before it. */
export function isEmoticon(tokens: Tokens, t: number): boolean {
  const length = tokens.ends[t] - tokens.starts[t];
  if (length < 2 || length > 5) return false;
  const first = tokens.text.charCodeAt(tokens.starts[t]);
  // : ; = 8 x X ^ < ( )
  const possible =
    first === 58 ||
    first === 59 ||
    first === 61 ||
    first === 56 ||
    first === 120 ||
    first === 88 ||
    first === 94 ||
    first === 60 ||
    first === 40 ||
    first === 41;
  return possible && EMOTICON.test(tokenText(tokens, t));
}

/** An address token not in brackets: "<mailto:…>" after an address repeats it. */
function isBareAddress(tokens: Tokens, t: number): boolean {
  const first = tokens.text.charCodeAt(tokens.starts[t]);
  return !isOpener(first) && first !== 60 && isAddress(tokens, t);
}

function startsUpper(tokens: Tokens, t: number): boolean {
  return t < tokens.starts.length && letterCase(tokens.text, tokens.starts[t]) === 1;
}

/** Whether a sentence could have ended just before token `t`: unit start, or a stop or colon before it. */
function afterStop(tokens: Tokens, t: number): boolean {
  if (t === 0) return true;
  const { text } = tokens;
  let at = tokens.ends[t - 1] - 1;
  while (at > tokens.starts[t - 1] && isCloser(text.charCodeAt(at))) at--;
  const code = text.charCodeAt(at);
  return isTerminal(code) || code === 58;
}

/**
 * Whether tokens `t..t+2` are a full date ("May 7, 2015"). A capitalised word right after the
 * year, with no comma, starts something new: a date line ("Thursday, May 7, 2015 On Tuesday").
 */
function isDate(tokens: Tokens, t: number): boolean {
  return (
    t + 2 < tokens.starts.length &&
    MONTH.test(tokenText(tokens, t)) &&
    DAY.test(tokenText(tokens, t + 1)) &&
    YEAR.test(tokenText(tokens, t + 2))
  );
}

/**
 * A message time stamp at token `t` ("06/02/2001 10:53 AM"): a sentence of its own after a
 * name or an address, ended before a capital. Returns the last token of the stamp.
 */
function markTimeStamp(tokens: Tokens, t: number, flags: Uint8Array): number {
  const count = tokens.starts.length;
  if (t + 1 >= count || !DATE.test(tokenText(tokens, t)) || !TIME.test(tokenText(tokens, t + 1))) return t;
  if (t > 0) {
    const before = tokenText(tokens, t - 1);
    if ((startsUpper(tokens, t - 1) || before.includes('@')) && !isTerminal(before.charCodeAt(before.length - 1))) {
      flags[t] |= CUT_BEFORE;
    }
  }
  const end = t + 2 < count && MERIDIEM.test(tokenText(tokens, t + 2)) ? t + 2 : t + 1;
  if (startsUpper(tokens, end + 1)) flags[end] |= CUT_AFTER;
  return end;
}

/** Whether token `t` (ending in a comma) closes a closing formula that opens a sentence ("… today. Best regards,"). */
function endsValediction(tokens: Tokens, t: number): boolean {
  const word = tokenText(tokens, t).toLowerCase();
  if (t > 0 && valedictions.has(`${tokenText(tokens, t - 1).toLowerCase()} ${word}`)) return afterStop(tokens, t - 1);
  return valedictions.has(word) && afterStop(tokens, t);
}

/** Whether token `t` holds a URL or an e-mail address (cheap character checks before the pattern). */
function isAddress(tokens: Tokens, t: number): boolean {
  const { starts, ends } = tokens;
  if (ends[t] - starts[t] < 6) return false;
  const word = tokenText(tokens, t);
  return (word.includes('@') || word.includes('://') || word.includes('www.')) && ADDRESS.test(word);
}

/** See `findLayoutBreaks`: token `t` is an opener word between two lower-case words. */
function midSentenceStarter(tokens: Tokens, t: number): boolean {
  const { text, starts, ends } = tokens;
  if (letterCase(text, ends[t - 1] - 1) !== -1 || letterCase(text, starts[t + 1]) !== -1) return false;
  const word = tokenText(tokens, t);
  return word.length > 1 && letterCase(text, starts[t] + 1) === -1 && clauseOpeners.has(word.toLowerCase());
}

/**
 * Index of the last token of a salutation opening the unit ("Vince,", "Hi David,", "Dear Ms
 * Lee:") when a sentence opener follows it ("Vince, We are still …"), or -1. "I" does not count
 * as an opener: "Yesterday, I went" is one sentence.
 */
function salutationEnd(tokens: Tokens): number {
  const { text, starts, ends } = tokens;
  const greeting = greetings.has(tokenText(tokens, 0).toLowerCase()) ? 1 : 0;
  for (let t = greeting; t < Math.min(greeting + 2, starts.length - 1); t++) {
    if (!startsUpper(tokens, t)) return -1;
    const mark = text.charCodeAt(ends[t] - 1);
    if (mark !== 44 && mark !== 58) continue;
    if (t === 0 && ends[0] - starts[0] < 3) return -1;
    const next = tokenText(tokens, t + 1);
    if (!startsUpper(tokens, t + 1) || next === 'I' || !sentenceStarters.has(next.toLowerCase())) return -1;
    return t;
  }
  return -1;
}

/**
 * Boundaries that web and e-mail text mark by layout rather than punctuation, found on whole
 * tokens and OR-ed into `flags`:
 * - a message time stamp ("06/02/2001 10:53 AM") is a sentence of its own when a name or an
 *   address precedes it and a capital follows;
 * - an address (URL, e-mail) or an emoticon before a capitalised word ends a sentence;
 * - a rule line ("-----", "_____") stands alone, as does "--" opening a signature;
 * - a closing formula with its comma ("Thanks,", "Best regards,") before a name;
 * - a credit label ("Image:", "Photo:") starts a new sentence;
 * - a date line ends before the text it introduces, a salutation ("Vince,") before the letter;
 * - a word that only opens sentences ("In", "They") between a lower-case word and a lower-case
 *   word starts one even without a stop before it ("a mold from that They sell these kits").
 */
export function findLayoutBreaks(tokens: Tokens, flags: Uint8Array): void {
  const { text, starts, ends } = tokens;
  const count = starts.length;
  const hasAddress = tokens.addressy;
  if (count > 2) {
    const salutation = salutationEnd(tokens);
    if (salutation >= 0) flags[salutation] |= CUT_AFTER;
  }
  for (let t = 0; t < count; t++) {
    const first = text.charCodeAt(starts[t]);
    if (isDigit(first)) {
      if (text.charCodeAt(starts[t] + 1) === 47 || text.charCodeAt(starts[t] + 2) === 47)
        t = markTimeStamp(tokens, t, flags);
      continue;
    }
    if (t + 1 === count) break;
    const lastChar = text.charCodeAt(ends[t] - 1);
    const capital = letterCase(text, starts[t]) === 1;
    if (capital) {
      if (isDigit(text.charCodeAt(starts[t + 1])) && isDate(tokens, t) && startsUpper(tokens, t + 3))
        flags[t + 2] |= CUT_AFTER;
      if (t > 0 && midSentenceStarter(tokens, t)) flags[t] |= CUT_BEFORE;
    }
    if (lastChar === 44) {
      if (startsUpper(tokens, t + 1) && endsValediction(tokens, t)) flags[t] |= CUT_AFTER;
    } else if (lastChar === 58) {
      if (capital && t > 0 && creditLabels.has(tokenText(tokens, t))) flags[t] |= CUT_BEFORE;
    } else if (first === 45 || first === 95 || first === 61 || first === 126) {
      const word = tokenText(tokens, t);
      if (RULE.test(word) || (word === '--' && t === 0)) flags[t] |= CUT_BEFORE | CUT_AFTER;
    }
    if (
      (isEmoticon(tokens, t) || (hasAddress && isAddress(tokens, t))) &&
      (startsUpper(tokens, t + 1) || isBareAddress(tokens, t + 1))
    ) {
      flags[t] |= CUT_AFTER;
    }
  }
}
