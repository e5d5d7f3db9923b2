import { GAZETTEER_CLASSES, gazetteerHash, packWordClass, type Lexicon } from '../lib/tagger/features.js';
import { hashLower, hashPhrase } from '../lib/tagger/hash.js';
import { IntMap } from '../lib/tagger/key-index.js';
import type { ConllDocument } from './conll.js';

/** compromise lexicon tags → our gazetteer classes. */
const COMPROMISE_CLASSES: Record<string, (typeof GAZETTEER_CLASSES)[number]> = {
  FemaleName: 'FIRSTNAME', MaleName: 'FIRSTNAME', FirstName: 'FIRSTNAME',
  LastName: 'PERSON', Person: 'PERSON',
  City: 'LOC', Country: 'LOC', Region: 'LOC', Place: 'LOC',
  Organization: 'ORG', SportsTeam: 'ORG', Company: 'ORG',
  Demonym: 'DEMONYM', Honorific: 'TITLE',
};

/** Name lists from compromise's lexicon (a general English resource), read once at training time. */
export async function compromiseGazetteer(): Promise<{ entries: IntMap; maxPhrase: number; counts: Record<string, number> }> {
  const { default: nlp } = await import('compromise');
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const entries = new IntMap(8192);
  const counts: Record<string, number> = {};
  let maxPhrase = 1;
  for (const [phrase, tags] of Object.entries(lexicon)) {
    let classes = 0;
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const name = COMPROMISE_CLASSES[tag];
      if (name) classes |= 1 << GAZETTEER_CLASSES.indexOf(name);
    }
    if (classes === 0) continue;
    const words = phrase.split(' ');
    maxPhrase = Math.max(maxPhrase, words.length);
    const key = hashPhrase(words.map(gazetteerHash));
    entries.set(key, entries.get(key) | classes);
    for (let c = 0; c < GAZETTEER_CLASSES.length; c++) if (classes & (1 << c)) counts[GAZETTEER_CLASSES[c]] = (counts[GAZETTEER_CLASSES[c]] ?? 0) + 1;
  }
  return { entries, maxPhrase: Math.min(maxPhrase, 4), counts };
}

const LETTER = /[a-z]/i;

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

/** Assemble the lexicon stored in the model. */
export function buildLexicon(gazetteer: IntMap, maxPhrase: number, capBins: Map<number, number>,
  clusters: Map<number, [number, number]> = new Map()): Lexicon {
  const wordClass = new IntMap(capBins.size + clusters.size);
  for (const key of new Set([...capBins.keys(), ...clusters.keys()])) {
    const [coarse, fine] = clusters.get(key) ?? [0, 0];
    wordClass.set(key, packWordClass(capBins.get(key) ?? 0, coarse, fine));
  }
  return { gazetteer, maxPhrase, wordClass };
}
