import type { Span } from '@galley/document';
import { labelNouns, labelVerbs, speechVerbs, titleSmallWords } from '../lang/en/index.js';

const WORD = /[\p{L}\p{N}]+/gu;
/** Sentence punctuation inside a quotation, which a title does not have. */
const TITLE_BREAK = /[.!?;:]/;
/** The last words before a quotation, to look for a label's lead ("the so-called “…”", "known as the “…”"). */
const LEAD = /([\p{L}-]+)\W{0,3}(?:(?:the|a|an|its|his|her|their)\s+)?$/u;
/** A label verb some words before "as". */
const LABEL_VERB_BEFORE = /\b(dubbed|termed|labell?ed|branded|nicknamed)\b[^.;:]*$/i;
/** The word right before a quotation. */
const PREVIOUS_WORD = /([\p{L}-]+)\W{0,3}$/u;
const KNOWN_AS = /\b(?:known|referred to) as(?: the)?\s*$|\bthe (?:word|words|term|phrase|expression)\s*$/i;
/** A quotation that is a sentence of its own: capital first, sentence mark last. */
const SENTENCE_QUOTE = /^.[\p{Lu}\d][^]*[.!?…]\W{0,2}$/u;
const SHORT = 3;
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
  for (const word of quoted.slice(1, -1).matchAll(WORD)) {
    const w = word[0];
    if (w[0] === w[0].toLowerCase() && !titleSmallWords.has(w)) return false;
  }
  return true;
}

/** What the text around a quotation says about it: speech or a label. */
export interface ScareEvidence {
  /** A speech verb or attribution ("according to") in the quotation's sentence. */
  speechVerb: boolean;
  /** The quotation's sentence, and the paragraph it is in. */
  sentence: Span;
  paragraph: Span;
}

/**
 * Why a quotation is a label and not speech, or undefined when it is speech. Evidence, not
 * length alone: a title in title case; a label's lead before it ("so-called", "dubbed", "the
 * slogan", "the song"); or a short phrase (three words at most) with nothing that makes it
 * speech: no speech verb in its sentence, no colon before it, not a sentence of its own.
 */
export function scareReason(text: string, span: Span, evidence: ScareEvidence): string | undefined {
  const quoted = text.slice(span.start, span.end);
  const before = text.slice(Math.max(evidence.paragraph.start, span.start - 40), span.start);
  const lead = LEAD.exec(before);
  const leadWord = lead?.[1].toLowerCase();
  // A lower-case word: "Show" in "The Morning Show: “…”" is a name, not the noun "show".
  const previousWord = PREVIOUS_WORD.exec(before)?.[1];
  const previous = previousWord === previousWord?.toLowerCase() ? previousWord : undefined;
  // Speech right after its verb is speech, title case or not: chanted, “Red for Ed”.
  if (isTitle(quoted) && !(previous && speechVerbs.has(previous))) return 'a title in title case';
  // One capitalised word after a preposition or an article is a name: on “DWTS.”, a “VIP” guest.
  if (previous && NAME_LEADS.has(previous) && ONE_NAME.test(quoted)) return `a name after “${previous}”`;
  if (leadWord && labelVerbs.has(leadWord)) return `a name or label after “${lead![1]}”`;
  if (previous && labelNouns.has(previous)) return `a name after “${previous}”`;
  // "dubbed Sondland's role … as “the Gordon problem”".
  const labelVerb =
    previous === 'as' &&
    LABEL_VERB_BEFORE.exec(text.slice(Math.max(evidence.sentence.start, span.start - 80), span.start));
  if (labelVerb && labelVerbs.has(labelVerb[1].toLowerCase())) return `a name or label after “${labelVerb[1]} … as”`;
  if (KNOWN_AS.test(before)) return 'a name or label after “known as”';
  if (!hasAtMostWords(quoted, SHORT) || evidence.speechVerb) return undefined;
  if (before.trimEnd().endsWith(':')) return undefined;
  const alone = text.slice(evidence.sentence.start, span.start).trim() === '' && SENTENCE_QUOTE.test(quoted.trim());
  if (alone) return undefined;
  return 'short phrase, no speech verb near';
}
