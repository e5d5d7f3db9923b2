/**
 * Search terms as both databases read them. A user's query is never passed to FTS5 or
 * `to_tsquery` as written: it is cut into words (letters and digits only) and quoted phrases, and
 * the match expression is built from those, so no input can be a syntax error or reach an
 * operator. Text is folded the same way before it is indexed, so SQLite's and PostgreSQL's
 * tokenisers see the same words.
 */

const diacritics = /[\u0300-\u036f]/g;
const nonWord = /[^\p{L}\p{N}]+/gu;
const wordPattern = /[\p{L}\p{N}]+/gu;
const termPattern = /"([^"]*)"|[^\s"]+/g;
const ascii = /^[\x20-\x7e]*$/;

/** Most terms a query may have; more are ignored (a page of search terms is not a search). */
export const MAX_SEARCH_TERMS = 16;
/** Longest word kept in a query, in characters. */
const MAX_WORD = 64;

/** Lower case, no accents: the form words are indexed and searched in. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(diacritics, '').toLowerCase();
}

/** Folded words separated by single spaces, punctuation dropped: what both full-text indexes read. */
export function searchableText(text: string): string {
  return foldText(text).replace(nonWord, ' ').trim();
}

/**
 * A parsed search: each term is one word or a phrase (several words in a row). All terms must
 * occur. Empty when the query has no word at all.
 */
export type SearchTerms = string[][];

/** Parse what a user typed: words, and `"quoted phrases"`; everything but letters and digits is a separator. */
export function parseSearch(query: string | undefined): SearchTerms {
  const terms: SearchTerms = [];
  if (!query) return terms;
  for (const match of query.slice(0, 1000).matchAll(termPattern)) {
    const words = (foldText(match[1] ?? match[0]).match(wordPattern) ?? []).map((w) => w.slice(0, MAX_WORD));
    if (!words.length) continue;
    // An unquoted token such as "e-mail" is one phrase, as the indexes split it.
    terms.push(words);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}

/** The FTS5 MATCH expression: every term a double-quoted phrase (words hold no quote), all required. */
export function ftsQuery(terms: SearchTerms): string {
  return terms.map((words) => `"${words.join(' ')}"`).join(' AND ');
}

/** The `to_tsquery('simple', …)` text: phrases with `<->`, terms joined with `&`. */
export function tsQuery(terms: SearchTerms): string {
  return terms.map((words) => (words.length > 1 ? `(${words.join(' <-> ')})` : words[0])).join(' & ');
}

/**
 * The `to_tsquery('simple', …)` text of every word of every term, all required, order ignored:
 * what the GIN index answers without reading rows (a phrase needs each row's word positions).
 * Every match of {@link tsQuery} matches this.
 */
export function wordsQuery(terms: SearchTerms): string {
  return terms.flat().join(' & ');
}

/** A piece of a snippet: plain text, or a word that matched the search. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Up to `length` characters of `text` around the first place a search word occurs, cut at word
 * boundaries, with every occurrence of a search word marked. Matching is on folded words, like
 * the indexes; the snippet keeps the text's own spelling.
 */
export function snippet(text: string, terms: SearchTerms, length = 220): SnippetPart[] {
  const wanted = new Set(terms.flat());
  const matches = (word: string) => wanted.has(ascii.test(word) ? word.toLowerCase() : foldText(word));
  // Find the first match, then mark matches inside the window only: a long body is not folded whole.
  let first = -1;
  for (const match of text.matchAll(wordPattern)) {
    if (matches(match[0])) {
      first = match.index;
      break;
    }
  }
  let start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(length / 3));
  let end = Math.min(text.length, start + length);
  start = Math.max(0, Math.min(start, end - length));
  if (start > 0) start = wordStart(text, start);
  if (end < text.length) end = wordEnd(text, end);
  const parts: SnippetPart[] = [];
  let at = start;
  const window = text.slice(start, end);
  for (const match of window.matchAll(wordPattern)) {
    if (!matches(match[0])) continue;
    const from = start + match.index;
    if (from > at) parts.push({ text: text.slice(at, from), hit: false });
    parts.push({ text: match[0], hit: true });
    at = from + match[0].length;
  }
  if (at < end) parts.push({ text: text.slice(at, end), hit: false });
  const spaced = parts.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
  if (start > 0) spaced.unshift({ text: '…', hit: false });
  if (end < text.length) spaced.push({ text: '…', hit: false });
  return spaced;
}

function wordStart(text: string, at: number): number {
  const space = text.indexOf(' ', at);
  return space >= 0 && space - at < 30 ? space + 1 : at;
}

function wordEnd(text: string, at: number): number {
  const space = text.lastIndexOf(' ', at);
  return space > at - 30 ? space : at;
}
