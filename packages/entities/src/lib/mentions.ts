import { DocumentFeatures, GAZETTEER_CLASSES, gazetteerHash, isDictionaryWord } from './tagger/features.js';
import { hashLower, hashPhrase } from './tagger/hash.js';
import { labelPart, labelType } from './tagger/labels.js';
import { defaultModel, type TaggerModel } from './tagger/model.js';
import { tagTokens } from './tagger/tagger.js';
import { isTitleCaseWord, tokenize, tokenizeInto } from './tokenize.js';
import { readHeadlines } from './headlines.js';
import { personTitles } from './titles.js';
import { organisationNouns } from './lang/en/index.js';
import { agreeOnLabels } from './label-consistency.js';

/** A proper-name mention found by the tagger, as standoff offsets into the text. */
export interface NameMention {
  start: number;
  end: number;
  label: 'PERSON' | 'ORG' | 'LOC' | 'MISC';
}

const LABELS = ['PERSON', 'ORG', 'LOC', 'MISC'] as const;

/**
 * The token as the tagger saw it in training: Reuters text uses ASCII quotes, apostrophes and
 * hyphens, so typographic ones are folded to those.
 */
export function normaliseToken(token: string): string {
  let i = 0;
  // Most tokens have nothing to fold: return them without building a copy.
  while (i < token.length && folded(token.charCodeAt(i)) === '') i++;
  if (i === token.length) return token;
  let out = token.slice(0, i);
  for (; i < token.length; i++) out += folded(token.charCodeAt(i)) || token[i];
  return out;
}

/** The ASCII form of a typographic quote, apostrophe or dash, or '' for any other character. */
function folded(code: number): string {
  if (code < 0xab) return '';
  if (code === 0x2018 || code === 0x2019 || code === 0x201b || code === 0x2032) return "'";
  if (code === 0x201c || code === 0x201d || code === 0x201e || code === 0x201f || code === 0xab || code === 0xbb)
    return '"';
  if (code >= 0x2010 && code <= 0x2015) return '-';
  return '';
}

/**
 * Head nouns of an apposition that make the name before it an organisation: "VKontakte, Russia's
 * most popular social network," / "Acme, the Ohio-based maker of widgets" is ORG whatever the
 * tagger guessed from the name alone.
 */
const organisationHeads = new Set([
  'company',
  'firm',
  'group',
  'network',
  'regulator',
  'watchdog',
  'agency',
  'bank',
  'lender',
  'insurer',
  'party',
  'newspaper',
  'paper',
  'tabloid',
  'magazine',
  'broadcaster',
  'channel',
  'website',
  'site',
  'platform',
  'app',
  'service',
  'organisation',
  'organization',
  'charity',
  'union',
  'ministry',
  'department',
  'airline',
  'carrier',
  'manufacturer',
  'maker',
  'retailer',
  'chain',
  'publisher',
  'outlet',
  'operator',
  'provider',
  'club',
  'team',
  'university',
  'council',
  'committee',
  'association',
  'alliance',
  'movement',
  'foundation',
  'institute',
  'startup',
  'start-up',
  'conglomerate',
  'giant',
  'subsidiary',
  'producer',
  'developer',
  'supplier',
  'exchange',
  'court',
  'authority',
  'body',
  'coalition',
  'federation',
  'league',
  'studio',
  'label',
  'brand',
  'fund',
  'insurer',
]);

/** Last words that no personal name has: a "person" ending so is an organisation ("Getty Images"). */
const organisationEndings = new Set([
  'images',
  'group',
  'news',
  'media',
  'press',
  'inc',
  'inc.',
  'corp',
  'corp.',
  'ltd',
  'ltd.',
  'plc',
  'llc',
  'co.',
  'bank',
  'party',
  'university',
  'agency',
  'institute',
  'foundation',
  'association',
  'council',
  'committee',
  'ministry',
  'court',
  'times',
  'post',
  'journal',
  'herald',
  'tribune',
  'airlines',
  'airways',
  'motors',
  'holdings',
  'partners',
  'capital',
  'systems',
  'technologies',
  'labs',
  'studios',
  'records',
  'pictures',
  'network',
  'networks',
]);

/** Tokens that end an apposition. */
const appositionEnds = new Set([',', '.', ';', ':', '-', '"', '(', ')', '!', '?']);

/** Prepositions that end an apposition's head phrase ("a member of the group": the head is "member"). */
const prepositions = new Set([
  'of',
  'for',
  'in',
  'on',
  'at',
  'with',
  'by',
  'from',
  'to',
  'that',
  'which',
  'who',
  'and',
  'or',
]);

/** Longest apposition (in tokens) the organisation rule looks at. */
const APPOSITION_TOKENS = 8;

function isTitle(word: string): boolean {
  return personTitles.has((word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase());
}

/** Gazetteer classes that make a whole phrase a name of its own (not parts of names or titles). */
const LISTED_NAMES = ['LOC', 'PLACE', 'ORG', 'PERSON'].reduce(
  (bits, name) => bits | (1 << GAZETTEER_CLASSES.indexOf(name as (typeof GAZETTEER_CLASSES)[number])),
  0,
);

/** Gazetteer classes of a whole name, looked up as the tagger's lists are. */
function listedClasses(model: TaggerModel, name: string): number {
  const words = tokenize(name).map((t) => normaliseToken(name.slice(t.start, t.end)));
  if (words.length === 0 || words.length > model.lexicon.maxPhrase) return 0;
  return model.lexicon.gazetteer.get(hashPhrase(words.map(gazetteerHash))) & 0xff;
}

/** Honorifics that stand alone in parliamentary style ("the Rt Hon", "Hon Member") and are no name by themselves. */
const roleWords = new Set([
  'hon',
  'rt',
  'honourable',
  'honorable',
  'right',
  'the',
  'mr',
  'mrs',
  'ms',
  'dr',
  'sir',
  'mp',
]);

/**
 * Whether a mention is no name at all: a single letter ("E" of "Group E", an initial on its own)
 * or honorifics only ("Hon", "Rt Hon").
 */
function isRoleOrLetter(text: string, mention: NameMention): boolean {
  const span = text.slice(mention.start, mention.end);
  if (span.length === 1 || (span.length === 2 && span[1] === '.')) return true;
  return tokenize(span).every((t) => roleWords.has(span.slice(t.start, t.end).replace(/\.$/, '').toLowerCase()));
}

const letter = /\p{L}/u;

function isEdgePunctuation(word: string): boolean {
  return word === "'s" || word === "'" || word === '"' || word === '-';
}

/**
 * Proper-name mentions of a text, given its sentences (sorted, non-overlapping spans): the
 * trained tagger runs over each sentence's tokens in order, with document-level features across
 * the whole text; titles before a person's name, possessive "'s" and quote marks are left outside
 * the span. Tokens, words and labels are kept in flat lists over the whole text (sentence `s`
 * owns tokens `sentenceTokens[s]` up to `sentenceTokens[s + 1]`): a text of 300,000 one-word
 * sentences costs a few arrays, not a few per sentence.
 */
export function findNameMentions(text: string, sentences: readonly { start: number; end: number }[]): NameMention[] {
  const tokenStarts: number[] = [];
  const tokenEnds: number[] = [];
  const words: string[] = [];
  const sentenceTokens = new Int32Array(sentences.length + 1);
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s];
    if (!(sentence.start >= 0 && sentence.end <= text.length && sentence.start <= sentence.end)) {
      throw new RangeError(`findNameMentions: sentence [${sentence.start}, ${sentence.end}) is outside the text`);
    }
    tokenizeInto(text, sentence.start, sentence.end, tokenStarts, tokenEnds);
    for (let t = words.length; t < tokenStarts.length; t++)
      words.push(normaliseToken(text.slice(tokenStarts[t], tokenEnds[t])));
    sentenceTokens[s + 1] = words.length;
  }
  const model = defaultModel();
  const isWord = (word: string) => isDictionaryWord(model.lexicon.wordClass.get(hashLower(word)));
  // A field of an official name: a dictionary word that text capitalises less than four times in
  // five (capitalisation bins 1–5, or unseen), so "Media", "Technology" and "Science" are, "Google",
  // "Amazon" and "Commerce" are not; a noun that heads a name of its own ("Office") is not either.
  const isOrdinary = (word: string) => {
    const wordClass = model.lexicon.wordClass.get(hashLower(word));
    return isDictionaryWord(wordClass) && (wordClass & 7) <= 5 && !organisationNouns.has(word.toLowerCase());
  };
  const labels = tagWords(model, text, sentences, sentenceTokens, words);
  const mentions: NameMention[] = [];
  // Labels that a news pattern established for a name, applied to all its mentions afterwards
  // (one sense per article, but only on explicit evidence: plain tagger votes stay per mention).
  const settled = new Map<string, NameMention['label']>();
  for (let s = 0; s < sentences.length; s++) {
    const from = sentenceTokens[s];
    const to = sentenceTokens[s + 1];
    let open = -1;
    for (let i = from; i < to; i++) {
      const label = labels[i];
      if (label === 0) continue;
      const part = labelPart(label);
      if (part === 0 || part === 3) open = i;
      if ((part === 2 || part === 3) && open >= 0) {
        const mention = trimMention(words, tokenStarts, tokenEnds, open, i, LABELS[labelType(label)]);
        if (mention && (mentions.length === 0 || mention.start >= mentions[mentions.length - 1].end)) {
          const evidence = patternLabel(model, words, from, to, open, i, mention.label);
          if (evidence) {
            mention.label = evidence;
            settled.set(text.slice(mention.start, mention.end), evidence);
          } else if (isUnlistedPlaceAfterThe(model, words, from, open, i, mention.label)) mention.label = 'ORG';
          if (mention.label === 'ORG') {
            const through = enumeratedNameEnd(words, to, open, i, isOrdinary);
            if (through > i) mention.end = tokenEnds[through];
          }
          mentions.push(mention);
        }
        open = -1;
      }
    }
  }
  for (const mention of mentions) mention.label = settled.get(text.slice(mention.start, mention.end)) ?? mention.label;
  const names = readHeadlines(
    text,
    sentences,
    { words, sentenceStarts: sentenceTokens },
    mentions.filter((m) => !isRoleOrLetter(text, m)),
    isWord,
    (name) => (listedClasses(model, name) & LISTED_NAMES) !== 0,
  );
  return agreeOnLabels(text, names, model.lexicon);
}

/**
 * Most tokens the tagger decodes as one sequence. Its buffers grow with the sequence (about 40
 * feature keys and 17 label scores per token), so one "sentence" of a megabyte of words with no
 * full stop cost hundreds of megabytes; longer ones are tagged in pieces of this many tokens. No
 * prose sentence comes near it, so real text is tagged as before.
 */
const MAX_TAGGED_TOKENS = 1000;

/**
 * The tagger's label for every word (flat, as `words`). A sentence without a letter names nobody:
 * its words are left out of the tagger's document (labelled O), so a run of punctuation (a
 * megabyte of quote marks, one token each) costs a scan, not a tagger pass per character.
 * Sentences over {@link MAX_TAGGED_TOKENS} are tagged in pieces.
 */
function tagWords(
  model: TaggerModel,
  text: string,
  sentences: readonly { start: number; end: number }[],
  sentenceTokens: Int32Array,
  words: readonly string[],
): Int32Array {
  const kept = sentences.map(
    (sentence, s) =>
      sentenceTokens[s + 1] === sentenceTokens[s] || letter.test(text.slice(sentence.start, sentence.end)),
  );
  const allKept = kept.every(Boolean);
  const taggedWords: string[] = [];
  for (let s = 0; s < sentences.length && !allKept; s++) {
    if (kept[s]) for (let i = sentenceTokens[s]; i < sentenceTokens[s + 1]; i++) taggedWords.push(words[i]);
  }
  const starts: number[] = [0];
  for (let s = 0; s < sentences.length; s++) {
    if (!kept[s]) continue;
    const length = sentenceTokens[s + 1] - sentenceTokens[s];
    const end = starts[starts.length - 1] + length;
    for (let at = starts[starts.length - 1] + MAX_TAGGED_TOKENS; at < end; at += MAX_TAGGED_TOKENS) starts.push(at);
    if (length > 0) starts.push(end);
  }
  const doc = new DocumentFeatures(
    { words: allKept ? words : taggedWords, sentenceStarts: Int32Array.from(starts) },
    model.lexicon,
  );
  const tagged = tagTokens(model, doc);
  if (allKept) return tagged;
  const labels = new Int32Array(words.length);
  for (let s = 0, at = 0; s < sentences.length; s++) {
    if (!kept[s]) continue;
    const length = sentenceTokens[s + 1] - sentenceTokens[s];
    labels.set(tagged.subarray(at, at + length), sentenceTokens[s]);
    at += length;
  }
  return labels;
}

/** A first name of the lists ("Jane", "David"). */
function isFirstName(model: TaggerModel, word: string): boolean {
  return (
    (model.lexicon.gazetteer.get(hashPhrase([gazetteerHash(word)])) & (1 << GAZETTEER_CLASSES.indexOf('FIRSTNAME'))) !==
    0
  );
}

/**
 * Prepositions of place: "in the Pacific", "from the Balkans" are places whatever the lists say,
 * where "the Roskomnadzor fined it" is an agency.
 */
const placePrepositions = new Set([
  'in',
  'into',
  'from',
  'to',
  'across',
  'near',
  'throughout',
  'over',
  'through',
  'around',
  'off',
  'within',
  'along',
  'towards',
  'toward',
]);

/** The dots of an abbreviation written with them ("U.S." → "US"). */
const abbreviationDots = /\./g;

/**
 * A label that the words in and around tokens `first..last` (of the sentence of tokens
 * `from..to - 1`) impose in news prose, or undefined: a "person" whose last word is "Images",
 * "Group", "Inc." is an organisation, and so is a name in apposition with an organisation noun
 * ("VKontakte, Russia's biggest social network,"). The article's other mentions of the name
 * take the same label.
 */
function patternLabel(
  model: TaggerModel,
  words: readonly string[],
  from: number,
  to: number,
  first: number,
  last: number,
  label: NameMention['label'],
): NameMention['label'] | undefined {
  if (label === 'PERSON' && last > first && organisationEndings.has(words[last].toLowerCase())) return 'ORG';
  // People are producers and publishers too: "David Gamson, a producer," stays a person.
  const personByName = label === 'PERSON' && last > first && isFirstName(model, words[first]);
  if (last + 1 < to && words[last + 1] === ',' && !personByName) {
    let end = last + 2;
    let head = -1;
    while (end < to && end - last - 2 < APPOSITION_TOKENS && !appositionEnds.has(words[end])) {
      if (head < 0 && prepositions.has(words[end])) head = end - 1;
      end++;
    }
    if (head < 0) head = end - 1;
    const closed = end === to || appositionEnds.has(words[end]);
    if (head > last + 1 && closed && organisationHeads.has(words[head].toLowerCase())) return 'ORG';
  }
  return undefined;
}

/**
 * Whether "the" before a one-word "place" that no gazetteer knows makes it an agency ("the
 * Roskomnadzor fined it"; "the Netherlands" is listed and stays a place), unless a preposition of
 * place comes before it ("in the Balkans"). Weak evidence, for this mention only: "the Fallujah
 * fighting" is the place as a modifier, and the article's other mentions keep their own labels.
 */
function isUnlistedPlaceAfterThe(
  model: TaggerModel,
  words: readonly string[],
  from: number,
  first: number,
  last: number,
  label: NameMention['label'],
): boolean {
  if (label !== 'LOC' || first !== last || first <= from || words[first - 1] !== 'the') return false;
  if (first - 1 > from && placePrepositions.has(words[first - 2].toLowerCase())) return false;
  // The lists write abbreviations without dots ("US", "UK"); the press writes "the U.S.".
  const listed = (word: string) => model.lexicon.gazetteer.get(hashPhrase([gazetteerHash(word)]));
  const classes = listed(words[first]) | listed(words[first].replace(abbreviationDots, ''));
  const places = (1 << GAZETTEER_CLASSES.indexOf('LOC')) | (1 << GAZETTEER_CLASSES.indexOf('PLACE'));
  return !(classes & places);
}

/** Most Title Case words one item of an enumeration inside a name may have ("Mass Media"). */
const ENUMERATION_ITEM_WORDS = 3;

/**
 * Official names that enumerate their fields ("Department for Culture, Media and Sport", "Office
 * of Roads, Rail Transport and Sea Ports", "Department of Housing and Urban Development"): the
 * tagger often stops at a comma or the "and", or cuts the name into several pieces. An
 * organisation whose name has "of" or "for" continues through ", A" items and a final "and B"
 * when the word before the first of them and every item are ordinary words in Title Case
 * (`isWord`: "Media", "Sea Ports" — not "Google" or "Apple", which text mostly capitalises, nor
 * "England" or "Office"), so "the Board of Trade, Google and Apple" and "the Bank of England and
 * Barclays" stay separate names. Returns the last token of the whole name, or `last` when the name
 * does not continue; the name ends with its sentence, before token `to`.
 */
function enumeratedNameEnd(
  words: readonly string[],
  to: number,
  first: number,
  last: number,
  isWord: (word: string) => boolean,
): number {
  let connector = -1;
  for (let k = first + 1; k < last; k++) {
    if (words[k] === 'of' || words[k] === 'for') connector = k;
  }
  if (connector < 0 || !isTitleCaseWord(words[last]) || !isWord(words[last])) return last;
  let at = last + 1;
  while (at < to && words[at] === ',') {
    const end = enumerationItemEnd(words, at + 1, to, isWord);
    if (end < 0) return last;
    at = end + 1;
  }
  if (at >= to || words[at] !== 'and') return last;
  const end = enumerationItemEnd(words, at + 1, to, isWord);
  return end < 0 ? last : end;
}

/**
 * Last token of an item of ordinary Title Case words starting at `from` (before `to`), or −1 when
 * there is none or a capitalised word that is not ordinary follows it.
 */
function enumerationItemEnd(
  words: readonly string[],
  from: number,
  to: number,
  isWord: (word: string) => boolean,
): number {
  let k = from;
  while (k < to && k - from < ENUMERATION_ITEM_WORDS && isTitleCaseWord(words[k]) && isWord(words[k])) k++;
  // The item is the whole capitalised run: "and Education Minister Jane Doe" is no field.
  return k === from || (k < to && isTitleCaseWord(words[k])) ? -1 : k - 1;
}

/** Span of tokens `first..last`, without a leading title (persons only) and edge punctuation. */
function trimMention(
  words: readonly string[],
  tokenStarts: readonly number[],
  tokenEnds: readonly number[],
  first: number,
  last: number,
  label: NameMention['label'],
): NameMention | undefined {
  while (first <= last && isEdgePunctuation(words[first])) first++;
  while (last >= first && isEdgePunctuation(words[last])) last--;
  if (label === 'PERSON') {
    // Keep the title when nothing capitalised follows it ("the Judge" is not a name).
    while (first < last && isTitle(words[first]) && words[first + 1] !== words[first + 1].toLowerCase()) first++;
  }
  if (first > last) return undefined;
  return { start: tokenStarts[first], end: tokenEnds[last], label };
}
