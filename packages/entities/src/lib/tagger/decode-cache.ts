import type { FeatureBuffer } from './features.js';
import { mix } from './hash.js';

/** Longest sentence whose labels are memoised: repeats worth catching are lines and fragments. */
const MAX_TOKENS = 8;
/** Most sentences remembered per pass; the memo is dropped when full, so memory stays bounded. */
const MAX_ENTRIES = 4096;

/**
 * Labels of short sentences already decoded in one tagging pass, keyed by their exact features.
 * Decoding is a pure function of the features (and the scorer, fixed for a pass), so a sentence
 * whose features equal an earlier one's gets that sentence's labels without scoring and Viterbi:
 * a text of 300,000 sentences "A." decodes that sentence once per pass.
 */
export class DecodeCache {
  private readonly entries = new Map<number, { signature: Int32Array; labels: Int32Array }[]>();
  private size = 0;

  /** The memoised labels of a sentence with exactly these features into `out`; false when not seen (or too long to memoise). */
  lookup(features: FeatureBuffer, tokens: number, out: Int32Array): boolean {
    if (tokens > MAX_TOKENS) return false;
    const found = this.entries.get(hashOf(features, tokens))?.find((e) => sameFeatures(e.signature, features, tokens));
    if (!found) return false;
    out.set(found.labels);
    return true;
  }

  /** Memoises the labels decoded for these features, unless the sentence is too long. */
  remember(features: FeatureBuffer, tokens: number, labels: Int32Array): void {
    if (tokens > MAX_TOKENS) return;
    if (this.size === MAX_ENTRIES) {
      this.entries.clear();
      this.size = 0;
    }
    const hash = hashOf(features, tokens);
    const entry = { signature: signatureOf(features, tokens), labels: labels.slice() };
    const bucket = this.entries.get(hash);
    if (bucket) bucket.push(entry);
    else this.entries.set(hash, [entry]);
    this.size++;
  }
}

/**
 * Everything decoding reads from `features` for `tokens` tokens, in one sequence: per token its
 * key offset, word-only key end, word and lower-case hashes; then all keys.
 */
function signatureOf(features: FeatureBuffer, tokens: number): Int32Array {
  const out = new Int32Array(signatureLength(features, tokens));
  for (let i = 0; i < out.length; i++) out[i] = signatureAt(features, tokens, i);
  return out;
}

function signatureLength(features: FeatureBuffer, tokens: number): number {
  return 1 + 4 * tokens + features.length;
}

function signatureAt(features: FeatureBuffer, tokens: number, i: number): number {
  if (i === 0) return tokens;
  const k = i - 1;
  if (k < 4 * tokens) {
    const token = k >> 2;
    const part = k & 3;
    if (part === 0) return features.offsets[token];
    if (part === 1) return features.localEnds[token];
    return part === 2 ? features.words[token] : features.wordChecks[token];
  }
  return features.keys[k - 4 * tokens];
}

function hashOf(features: FeatureBuffer, tokens: number): number {
  const n = signatureLength(features, tokens);
  let h = 0;
  for (let i = 0; i < n; i++) h = mix(h, signatureAt(features, tokens, i));
  return h;
}

function sameFeatures(signature: Int32Array, features: FeatureBuffer, tokens: number): boolean {
  if (signature.length !== signatureLength(features, tokens)) return false;
  for (let i = 0; i < signature.length; i++) if (signature[i] !== signatureAt(features, tokens, i)) return false;
  return true;
}
