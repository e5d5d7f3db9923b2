import type { Span } from '@galley/document';
import { labelNouns, labelVerbs, speechVerbs, titleSmallWords } from '../lang/en/index.js';

const WORD = /[\p{L}\p{N}]+/gu;
/** Sentence punctuation inside a quotation, which a title does not have. */
const TITLE_BREAK = /[.!?;:]/;
/** A label verb some words before "as". */
const LABEL_VERB_BEFORE = /\b(dubbed|termed|labell?ed|branded|nicknamed)\b[^.;:]*$/i;
/** Articles a label's verb may have before the quotation: "dubbed the “…”". */
const ARTICLES = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their']);
/** Forms of "be" that make "called" a passive naming: "it is called “…”". */
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** Nouns that, after "the", announce a label: "the term “…”". */
const TERM_NOUNS = new Set(['word', 'words', 'term', 'phrase', 'expression']);
/** How many words before a quotation the label rules read. */
const LOOK_BACK = 3;

/**
 * The last words before `at` (no further back than `from`), nearest first, as written: a
 * backward scan, not an end-anchored regular expression, which would be tried at every offset.
 */
function wordsBefore(text: string, from: number, at: number, count: number): string[] {
  const words: string[] = [];
  let i = at - 1;
  while (words.length < count && i >= from) {
    while (i >= from && !isWordChar(text.charCodeAt(i))) i--;
    const end = i + 1;
    while (i >= from && isWordChar(text.charCodeAt(i))) i--;
    if (end > i + 1) words.push(text.slice(i + 1, end));
  }
  return words;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 45 || code >= 0xc0;
}

/** A quotation that is a sentence of its own: capital first, sentence mark last. */
const SENTENCE_QUOTE = /^.[\p{Lu}\d][^]*[.!?…]\W{0,2}$/u;
/** Words from which a quotation with sentence marks inside is speech, never a label: a slogan is shorter. */
const SPEECH_LENGTH = 8;
/** The most words a short phrase has: longer quoted words are someone's clause. */
export const SHORT = 3;
/** A single capitalised word (or acronym) in the marks, full stop or comma allowed: “DWTS.”, “VIP”. */
const ONE_NAME = /^.\p{Lu}[\p{L}\p{N}&-]*[.,]?.$/u;
/** Words before a name used as one: prepositions and articles. */
const NAME_LEADS = new Set(['of', 'on', 'in', 'at', 'from', 'with', 'by', 'for', 'the', 'a', 'an']);

/** Whether `text` has at most `limit` words (runs between spaces), stopping early. */
export function hasAtMostWords(text: string, limit: number): boolean {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const blank = text.charCodeAt(i) <= 32 || text.charCodeAt(i) === 0xa0;
    if (!blank && !inWord && ++words > limit) return false;
    inWord = !blank;
  }
  return true;
}

/**
 * Whether a quotation is a title in title case (“Takin’ It to the Streets”, “The One I Love”):
 * two to eight words, each capitalised but for short function words, no sentence punctuation.
 */
export function isTitle(quoted: string): boolean {
  if (!hasAtMostWords(quoted, 8) || hasAtMostWords(quoted, 1) || TITLE_BREAK.test(quoted.slice(1, -2))) return false;
  let first = true;
  for (const word of quoted.slice(1, -1).matchAll(WORD)) {
    const w = word[0];
    // A number is neither case: “The Internet Explorer 6 Countdown”. A title opens with a capital:
    // “for Jerusalem” is words of a call.
    if (w[0] === w[0].toLowerCase() && (first || !titleSmallWords.has(w)) && !isDigit(w.charCodeAt(0))) return false;
    first = false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** What the text around a quotation says about it: speech or a label. */
export interface ScareEvidence {
  /** A speech verb or attribution ("according to") in the quotation's sentence. */
  speechVerb: boolean;
  /** Whether the quotation opens its sentence (nothing but marks before it there). */
  opensSentence: boolean;
  /** The quotation's sentence, and the paragraph it is in. */
  sentence: Span;
  paragraph: Span;
  /** Whether the quotation repeats words of an earlier one (asked only of a short phrase nothing else decides). */
  repeatsSpeech?: () => boolean;
  /** Whether another quotation of the same sentence is longer than a short phrase (asked only when nothing else decides). */
  longerInSentence?: () => boolean;
}

/**
 * Why a quotation is a label and not speech, or undefined when it is speech. Evidence, not
 * length alone: a title in title case; a label's lead before it ("so-called", "dubbed", "the
 * slogan", "the song"); or a short phrase (three words at most) with nothing that makes it
 * speech: no speech verb in its sentence, no "that" after a reporting verb before it, no colon
 * before it, not a sentence of its own, no words of an earlier quotation.
 */
export function scareReason(text: string, span: Span, evidence: ScareEvidence): string | undefined {
  const quoted = text.slice(span.start, span.end);
  // Only the quotation's own sentence leads to it: "the plot of the film. “So I called her up…”"
  // does not make a label of what follows "film".
  const [w1, w2, w3] = wordsBefore(text, Math.max(evidence.sentence.start, span.start - 60), span.start, LOOK_BACK);
  // A lower-case word: "Show" in "The Morning Show: “…”" is a name, not the noun "show".
  const previous = w1 === w1?.toLowerCase() ? w1 : undefined;
  const second = w2?.toLowerCase();
  // Speech right after its verb is speech, title case or not: chanted, “Red for Ed”.
  if (isTitle(quoted) && !(previous && speechVerbs.has(previous))) return 'a title in title case';
  // A clause's worth of words with its own sentence marks is speech whatever leads to it: "Dole's
  // plans were called “deja-voodoo economics …. It's a warmed-over plan that failed …”".
  if (!hasAtMostWords(quoted, SPEECH_LENGTH) && TITLE_BREAK.test(quoted.slice(1, -2))) return undefined;
  // One capitalised word after a preposition or an article is a name: on “DWTS.”, a “VIP” guest.
  if (previous && NAME_LEADS.has(previous) && ONE_NAME.test(quoted)) return `a name after “${previous}”`;
  const leadVerb = previous && ARTICLES.has(previous) ? second : w1?.toLowerCase();
  if (leadVerb && labelVerbs.has(leadVerb)) return `a name or label after “${leadVerb}”`;
  // "It is called “pigeon breeder’s lung”", "is also called": a name given, not words said.
  if (leadVerb === 'called' && [w2, w3].some((w) => w && BE.has(w.toLowerCase())))
    return 'a name or label after “is called”';
  if (previous && labelNouns.has(previous)) return `a name after “${previous}”`;
  if (previous && TERM_NOUNS.has(previous) && second === 'the') return `a name or label after “the ${previous}”`;
  const afterAs = previous === 'as' ? 0 : previous === 'the' && second === 'as' ? 1 : -1;
  const beforeAs = afterAs === 0 ? second : afterAs === 1 ? w3?.toLowerCase() : undefined;
  if (beforeAs === 'known' || beforeAs === 'to') return 'a name or label after “known as”';
  // "dubbed Sondland's role … as “the Gordon problem”".
  const labelVerb =
    afterAs >= 0 && LABEL_VERB_BEFORE.exec(text.slice(Math.max(evidence.sentence.start, span.start - 80), span.start));
  if (labelVerb && labelVerbs.has(labelVerb[1].toLowerCase())) return `a name or label after “${labelVerb[1]} … as”`;
  if (!hasAtMostWords(quoted, SHORT) || evidence.speechVerb) return undefined;
  if (colonBefore(text, evidence.paragraph.start, span.start)) return undefined;
  if (reportedSpeech(text, Math.max(evidence.sentence.start, span.start - REPORT_REACH), span.start)) return undefined;
  if (evidence.repeatsSpeech?.()) return undefined;
  // “a “stronger” and “more viable” enterprise “with deep local roots and national scale””: a
  // sentence that quotes a clause's worth of someone's words quotes its short phrases from them too.
  if (evidence.longerInSentence?.()) return undefined;
  const alone = evidence.opensSentence && SENTENCE_QUOTE.test(quoted.trim());
  if (alone) return undefined;
  return 'short phrase, no speech verb near';
}

/** The word "that" in any case, as a whole word in the sense of {@link WORD}. */
const THAT = /(?<![\p{L}\p{N}])that(?![\p{L}\p{N}])/iu;
/** How far before a quotation its reporting verb and "that" are looked for. */
const REPORT_REACH = 200;

/**
 * Whether `[from, at)` reports what someone said: a speech verb, weak ones included, and a "that"
 * after it ("assured the public that the risks were “extremely low”", "ruled that he stay in
 * jail for his “history of absconding”", "his claim that they were “not close”").
 */
function reportedSpeech(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  // Most quotations have no "that" before them: one native search instead of a string per word
  // (a megabyte of short quotations read 200 characters word by word for each).
  if (!THAT.test(before)) return false;
  let verb = false;
  for (const word of before.matchAll(WORD)) {
    const w = word[0].toLowerCase();
    if (verb && w === 'that') return true;
    if (speechVerbs.has(w)) verb = true;
  }
  return false;
}

/** Whether a colon stands right before a quotation (spaces between): "she said: “…”". */
export function colonBefore(text: string, from: number, at: number): boolean {
  let i = at - 1;
  while (i >= from && text.charCodeAt(i) <= 32) i--;
  return i >= from && text.charCodeAt(i) === 58;
}
