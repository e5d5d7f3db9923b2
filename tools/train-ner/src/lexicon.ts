import {
  GAZETTEER_CLASSES,
  GAZETTEER_PREFIX,
  gazetteerHash,
  hashLower,
  hashPhrase,
  IntMap,
  packWordClass,
  tokenize,
  type Lexicon,
} from '@galley/entities/tagger';
import type { ConllDocument } from './conll.js';

/** compromise lexicon tags → our gazetteer classes. */
const LETTER = /\p{L}/u;

type GazetteerClass = (typeof GAZETTEER_CLASSES)[number];

const COMPROMISE_CLASSES: Record<string, GazetteerClass> = {
  FemaleName: 'FIRSTNAME',
  MaleName: 'FIRSTNAME',
  FirstName: 'FIRSTNAME',
  LastName: 'PERSON',
  Person: 'PERSON',
  City: 'LOC',
  Country: 'LOC',
  Region: 'LOC',
  Place: 'LOC',
  Organization: 'ORG',
  SportsTeam: 'ORG',
  Company: 'ORG',
  Demonym: 'DEMONYM',
  Honorific: 'TITLE',
};

/** Phrase → class mask under construction, with per-class counts for the manifest. */
export class GazetteerBuilder {
  readonly entries = new IntMap(8192);
  readonly counts: Record<string, number> = {};
  private longest = 1;

  /** Longest phrase, in tokens, that run-time look-ups need to try (capped at 4). */
  get maxPhrase(): number {
    return Math.min(this.longest, 4);
  }

  /**
   * Add a phrase, cut into tokens as the tagger's input is (so "St. John's" matches at run time);
   * returns false for phrases with no letters or longer than 4 tokens.
   */
  add(phrase: string, name: GazetteerClass): boolean {
    const words = tokenize(phrase).map((t) => phrase.slice(t.start, t.end));
    if (words.length === 0 || words.length > 4 || !words.some((w) => LETTER.test(w))) return false;
    this.longest = Math.max(this.longest, words.length);
    const hashes = words.map(gazetteerHash);
    // Mark the phrase's proper prefixes so run-time look-ups stop as soon as no phrase continues.
    for (let n = 1; n < hashes.length; n++) {
      const prefix = hashPhrase(hashes.slice(0, n));
      this.entries.set(prefix, this.entries.get(prefix) | GAZETTEER_PREFIX);
    }
    const key = hashPhrase(hashes);
    const bit = 1 << GAZETTEER_CLASSES.indexOf(name);
    const had = this.entries.get(key);
    if (had & bit) return false;
    this.entries.set(key, had | bit);
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    return true;
  }
}

/** Add the name lists of compromise's lexicon (a general English resource), read at training time. */
export async function addCompromiseGazetteer(gazetteer: GazetteerBuilder): Promise<string> {
  const { default: nlp } = await import('compromise');
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [phrase, tags] of Object.entries(lexicon)) {
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const name = COMPROMISE_CLASSES[tag];
      if (name) gazetteer.add(phrase, name);
    }
  }
  return `compromise ${nlp.version} lexicon (MIT)`;
}

/**
 * Capitalisation ratio per word from unlabelled text (Ratinov & Roth's "how often is this word
 * capitalised when not forced to be"): counts only mid-sentence occurrences outside all-caps lines,
 * binned into 1 (always lower) … 7 (always capitalised). Lets ALL-CAPS headlines and
 * sentence-initial words borrow the word's usual case.
 */
export function capitalisationBins(documents: readonly ConllDocument[], minCount = 2): Map<number, number> {
  const capitalised = new Map<number, number>();
  const total = new Map<number, number>();
  for (const doc of documents) {
    for (const sentence of doc.sentences) {
      const letters = sentence.filter((w) => LETTER.test(w));
      if (letters.length > 1 && letters.every((w) => w === w.toUpperCase())) continue;
      for (let i = 1; i < sentence.length; i++) {
        const word = sentence[i];
        const first = word.charAt(0);
        if (first.toLowerCase() === first.toUpperCase()) continue;
        const key = hashLower(word);
        total.set(key, (total.get(key) ?? 0) + 1);
        if (first !== first.toLowerCase()) capitalised.set(key, (capitalised.get(key) ?? 0) + 1);
      }
    }
  }
  const bins = new Map<number, number>();
  for (const [key, n] of total) {
    if (n < minCount) continue;
    const ratio = (capitalised.get(key) ?? 0) / n;
    bins.set(key, ratio === 0 ? 1 : ratio === 1 ? 7 : 2 + Math.min(4, Math.floor(ratio * 5)));
  }
  return bins;
}

/** Assemble the lexicon stored in the model; `dictionary` holds the {@link hashLower} of English dictionary words. */
export function buildLexicon(
  gazetteer: IntMap,
  maxPhrase: number,
  capBins: Map<number, number>,
  clusterPaths: Map<number, number> = new Map(),
  dictionary: ReadonlySet<number> = new Set(),
): Lexicon {
  const keys = new Set([...capBins.keys(), ...clusterPaths.keys(), ...dictionary]);
  const wordClass = new IntMap(keys.size);
  for (const key of keys)
    wordClass.set(key, packWordClass(capBins.get(key) ?? 0, clusterPaths.get(key) ?? 0, dictionary.has(key)));
  return { gazetteer, maxPhrase, wordClass };
}
