import type { FeatureBuffer } from './features.js';
import { mix } from './hash.js';
import { KeyIndex } from './key-index.js';

/**
 * Sentences whose labels are memoised: up to this many tokens (lines and fragments, which repeat
 * in real text), or from {@link MIN_LONG_TOKENS} on (runs of machine-made text tagged in pieces,
 * where a megabyte of one repeated word is hundreds of equal pieces). Prose sentences between
 * the two rarely repeat, and hashing their features would cost every article.
 */
const MAX_SHORT_TOKENS = 8;
const MIN_LONG_TOKENS = 256;
/** Most sentences remembered per pass; the memo is dropped when full, so memory stays bounded. */
const MAX_ENTRIES = 4096;
/** Most signature numbers remembered per pass (8 MB), dropped likewise: a long piece's is some 45,000. */
const MAX_SIGNATURE_WORDS = 1 << 21;
/**
 * Signature numbers the memo's hash reads, spread evenly over the signature: hashing every number
 * of a long piece cost as much as a tenth of tagging it. Signatures that share these numbers and
 * differ elsewhere share a bucket, which holds at most {@link MAX_BUCKET} of them, so a look-up
 * compares at most that many signatures in full and stays linear in the piece.
 */
const HASHED_WORDS = 256;
const MAX_BUCKET = 4;

/**
 * Labels of short sentences already decoded in one tagging pass, keyed by their exact features.
 * Decoding is a pure function of the features (and the scorer, fixed for a pass), so a sentence
 * whose features equal an earlier one's gets that sentence's labels without scoring and Viterbi:
 * a text of 300,000 sentences "A." decodes that sentence once per pass, and a megabyte of "a"
 * lines (one sentence, tagged in pieces of 1,000 tokens) decodes two pieces per pass.
 */
export class DecodeCache {
  /** Hash of a signature → its bucket in `buckets` (a key index: JS Maps box hashes outside the small-integer range). */
  private index = new KeyIndex(64);
  private readonly buckets: Entry[][] = [];
  /**
   * Hashes of long pieces seen once: a long piece is remembered the second time its hash comes,
   * so text that never repeats (a megabyte of ever new words, tagged in pieces) is not copied
   * into the memo piece by piece for nothing, and a repeated run costs one more decoding.
   */
  private sighted = new KeyIndex(64);
  private size = 0;
  private words = 0;
  /**
   * The entry last found or remembered, compared before hashing: runs of equal sentences (a text
   * of 300,000 "A.") then cost one comparison each, and a different sentence usually fails it
   * within its first numbers. Kept when the memo is dropped, as its labels stay true.
   */
  private last: Entry | undefined;
  /** The signature of the sentence last looked up, reused so that a look-up allocates nothing. */
  private scratch = new Int32Array(1024);
  /** Its length (0: not memoised) and hash, for {@link DecodeCache.remember}. */
  private signed = 0;
  private hash = 0;

  /**
   * The memoised labels of a sentence with exactly these features into `out`; false when not
   * seen (or of a length not memoised). Then {@link DecodeCache.remember} may memoise its labels.
   */
  lookup(features: FeatureBuffer, tokens: number, out: Int32Array): boolean {
    this.signed = 0;
    if (!memoised(tokens)) return false;
    const n = this.sign(features, tokens);
    if (this.last !== undefined && sameWords(this.last.signature, this.scratch, n)) {
      out.set(this.last.labels);
      return true;
    }
    this.signed = n;
    this.hash = hashOf(this.scratch, n);
    const bucket = this.index.get(this.hash);
    if (bucket < 0) return false;
    for (const entry of this.buckets[bucket]) {
      if (sameWords(entry.signature, this.scratch, n)) {
        out.set(entry.labels);
        this.last = entry;
        return true;
      }
    }
    return false;
  }

  /** Memoises `labels[0..tokens - 1]` as the labels of the sentence last looked up (and not found). */
  remember(tokens: number, labels: Int32Array): void {
    const { signed: n, hash } = this;
    if (n === 0) return;
    this.signed = 0;
    if (tokens >= MIN_LONG_TOKENS && this.sighted.get(hash) < 0) {
      if (this.sighted.size === MAX_ENTRIES) this.sighted = new KeyIndex(64);
      this.sighted.add(hash);
      return;
    }
    if (this.size === MAX_ENTRIES || this.words + n > MAX_SIGNATURE_WORDS) {
      this.index = new KeyIndex(64);
      this.buckets.length = 0;
      this.size = 0;
      this.words = 0;
    }
    const bucket = this.index.add(hash);
    if (bucket === this.buckets.length) this.buckets.push([]);
    if (this.buckets[bucket].length === MAX_BUCKET) return;
    this.last = { signature: this.scratch.slice(0, n), labels: labels.slice(0, tokens) };
    this.buckets[bucket].push(this.last);
    this.size++;
    this.words += n;
  }

  /**
   * Everything decoding reads from `features` for `tokens` tokens, into the scratch buffer as one
   * sequence: the token count; per token its key offset, word-only key end, word and lower-case
   * hashes; then all keys. Returns its length.
   */
  private sign(features: FeatureBuffer, tokens: number): number {
    const n = 1 + 4 * tokens + features.length;
    if (this.scratch.length < n) this.scratch = new Int32Array(2 * n);
    const out = this.scratch;
    out[0] = tokens;
    for (let t = 0; t < tokens; t++) {
      out[1 + 4 * t] = features.offsets[t];
      out[2 + 4 * t] = features.localEnds[t];
      out[3 + 4 * t] = features.words[t];
      out[4 + 4 * t] = features.wordChecks[t];
    }
    // A loop, not `set` of a `subarray`: a view object per sentence cost more than copying its keys.
    const { keys } = features;
    for (let k = 0, at = 1 + 4 * tokens; at < n; k++, at++) out[at] = keys[k];
    return n;
  }
}

interface Entry {
  signature: Int32Array;
  labels: Int32Array;
}

function memoised(tokens: number): boolean {
  return tokens <= MAX_SHORT_TOKENS || tokens >= MIN_LONG_TOKENS;
}

/** Hash of the signature's length and of {@link HASHED_WORDS} of its numbers, spread over it. */
function hashOf(words: Int32Array, n: number): number {
  let h = n;
  if (n <= HASHED_WORDS) for (let i = 0; i < n; i++) h = mix(h, words[i]);
  else for (let k = 0; k < HASHED_WORDS; k++) h = mix(h, words[Math.floor((k * (n - 1)) / (HASHED_WORDS - 1))]);
  return h;
}

function sameWords(signature: Int32Array, words: Int32Array, n: number): boolean {
  if (signature.length !== n) return false;
  for (let i = 0; i < n; i++) if (signature[i] !== words[i]) return false;
  return true;
}
