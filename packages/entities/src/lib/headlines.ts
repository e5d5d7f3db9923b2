import { partitionPoint } from '@galley/document';
import type { NameMention } from './mentions.js';
import type { FlatSentences } from './tagger/features.js';

/** Fewest capitalisable words for a sentence to be read as a Title Case headline. */
const HEADLINE_MIN_WORDS = 4;

/**
 * Headlines, subheads and captions written in Title Case ("Volunteers Pull Two Tonnes of Rubbish
 * From the River") or in capitals ("US FALLS", "ARGENTINA CRUISES") say nothing about names through
 * their capitals, and the tagger, trained mostly on sentence case, takes runs of them for names. A
 * name found in such a line is kept only when the body (the sentences that are not such lines)
 * names the same words (compared without case), and then it takes the body's label; a Title Case
 * line may also keep a name the body writes exactly so without tagging it, and any line a name
 * the knowledge lists as a whole (`isListed`: a country, a city, a known company; a dateline's
 * "NEW YORK"). With no body to check against (a lone line), the tagger's reading stands.
 * `words`: the sentences' words, in one list (`sentenceStarts[s]` is sentence `s`'s first).
 */
export function readHeadlines(
  text: string,
  sentences: readonly { start: number; end: number }[],
  words: FlatSentences,
  mentions: readonly NameMention[],
  isWord: (word: string) => boolean = () => true,
  isListed: (name: string) => boolean = () => false,
): NameMention[] {
  const { sentenceStarts } = words;
  const kind = sentences.map((_, s) => headlineKind(words.words, isWord, sentenceStarts[s], sentenceStarts[s + 1]));
  if (!kind.some((k) => k !== 'body') || !kind.includes('body')) return [...mentions];
  const sentenceOf = (mention: NameMention) =>
    Math.max(0, partitionPoint(sentences.length, (s) => sentences[s].start <= mention.start) - 1);
  const where = mentions.map(sentenceOf);
  const bodyLabels = new Map<string, Map<NameMention['label'], number>>();
  mentions.forEach((mention, i) => {
    if (kind[where[i]] !== 'body') return;
    const key = text.slice(mention.start, mention.end).toLowerCase();
    const counts = bodyLabels.get(key) ?? new Map<NameMention['label'], number>();
    counts.set(mention.label, (counts.get(mention.label) ?? 0) + 1);
    bodyLabels.set(key, counts);
  });
  const body = sentences
    .filter((_, s) => kind[s] === 'body')
    .map((span) => text.slice(span.start, span.end))
    .join('\n');
  const out: NameMention[] = [];
  mentions.forEach((mention, i) => {
    const k = kind[where[i]];
    if (k === 'body') {
      out.push(mention);
      return;
    }
    const span = text.slice(mention.start, mention.end);
    const counts = bodyLabels.get(span.toLowerCase());
    if (counts !== undefined) out.push({ ...mention, label: mostFrequent(counts) });
    else if ((k === 'title-case' && body.includes(span)) || isListed(span)) out.push(mention);
  });
  return out;
}

function mostFrequent(counts: Map<NameMention['label'], number>): NameMention['label'] {
  let best: NameMention['label'] | undefined;
  for (const [label, n] of counts) if (best === undefined || n > counts.get(best)!) best = label;
  return best!;
}

/**
 * Whether a sentence is a headline-like line: `caps` when at least two words of two letters or
 * more are in capitals and they outnumber the other words with letters; `title-case` when every
 * word of four letters or more starts with a capital followed by lower case (at least
 * {@link HEADLINE_MIN_WORDS} of them, half of them ordinary words by `isWord`, so that a line
 * listing names is not taken for a headline) and the line does not end like a sentence; else `body`.
 * The sentence is `words[from..to - 1]`.
 */
export function headlineKind(
  words: readonly string[],
  isWord: (word: string) => boolean = () => true,
  from = 0,
  to = words.length,
): 'caps' | 'title-case' | 'body' {
  let upper = 0;
  let other = 0;
  for (let k = from; k < to; k++) {
    const word = words[k];
    let letters = 0;
    let lowers = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      // ASCII by its code, the rest by its case mappings: two strings per character made this
      // loop a tenth of tagging a megabyte of words.
      if (code < 128) {
        if (code >= 97 && code <= 122) {
          letters++;
          lowers++;
        } else if (code >= 65 && code <= 90) letters++;
        continue;
      }
      const c = word[i];
      if (c.toLowerCase() !== c.toUpperCase()) {
        letters++;
        if (c === c.toLowerCase()) lowers++;
      }
    }
    if (letters === 0) continue;
    if (lowers === 0 && letters >= 2) upper++;
    else other++;
  }
  if (upper >= 2 && upper > other) return 'caps';
  return isTitleCase(words, isWord, from, to) ? 'title-case' : 'body';
}

function isTitleCase(words: readonly string[], isWord: (word: string) => boolean, from: number, to: number): boolean {
  const last = to > from ? words[to - 1] : undefined;
  if (last === '.' || last === '!' || last === '?') return false;
  let candidates = 0;
  let ordinary = 0;
  for (let k = from; k < to; k++) {
    const word = words[k];
    const first = word.charCodeAt(0);
    if (word.length < 4 || !((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) continue;
    const second = word.charCodeAt(1);
    if (first > 90 || !(second >= 97 && second <= 122)) return false;
    candidates++;
    if (isWord(word)) ordinary++;
  }
  return candidates >= HEADLINE_MIN_WORDS && 2 * ordinary >= candidates;
}
