import type { FeatureBuffer } from './features.js';
import { mix } from './hash.js';

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
 * Labels of short sentences already decoded in one tagging pass, keyed by their exact features.
 * Decoding is a pure function of the features (and the scorer, fixed for a pass), so a sentence
 * whose features equal an earlier one's gets that sentence's labels without scoring and Viterbi:
 * a text of 300,000 sentences "A." decodes that sentence once per pass, and a megabyte of "a"
 * lines (one sentence, tagged in pieces of 1,000 tokens) decodes two pieces per pass.
 */
export class DecodeCache {
  private readonly entries = new Map<number, { signature: Int32Array; labels: Int32Array }[]>();
  private size = 0;
  private words = 0;
  /** The signature of the sentence at hand, reused so that a look-up allocates nothing. */
  private scratch = new Int32Array(1024);

  /** The memoised labels of a sentence with exactly these features into `out`; false when not seen (or of a length not memoised). */
  lookup(features: FeatureBuffer, tokens: number, out: Int32Array): boolean {
    if (!memoised(tokens)) return false;
    const n = this.sign(features, tokens);
    const scratch = this.scratch;
    const found = this.entries.get(hashOf(scratch, n))?.find((e) => sameWords(e.signature, scratch, n));
    if (!found) return false;
    out.set(found.labels);
    return true;
  }

  /** Memoises the labels decoded for these features (`labels[0..tokens - 1]`), for sentences of the lengths memoised. */
  remember(features: FeatureBuffer, tokens: number, labels: Int32Array): void {
    if (!memoised(tokens)) return;
    const n = this.sign(features, tokens);
    if (this.size === MAX_ENTRIES || this.words + n > MAX_SIGNATURE_WORDS) {
      this.entries.clear();
      this.size = 0;
      this.words = 0;
    }
    const hash = hashOf(this.scratch, n);
    const entry = { signature: this.scratch.slice(0, n), labels: labels.slice(0, tokens) };
    const bucket = this.entries.get(hash);
    if (bucket) bucket.push(entry);
    else this.entries.set(hash, [entry]);
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
    out.set(features.keys.subarray(0, features.length), 1 + 4 * tokens);
    return n;
  }
}

function memoised(tokens: number): boolean {
  return tokens <= MAX_SHORT_TOKENS || tokens >= MIN_LONG_TOKENS;
}

function hashOf(words: Int32Array, n: number): number {
  let h = 0;
  for (let i = 0; i < n; i++) h = mix(h, words[i]);
  return h;
}

function sameWords(signature: Int32Array, words: Int32Array, n: number): boolean {
  if (signature.length !== n) return false;
  for (let i = 0; i < n; i++) if (signature[i] !== words[i]) return false;
  return true;
}
