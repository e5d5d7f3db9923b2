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
 * a text of half a million one-word lines decodes each distinct line once.
 */
export class DecodeCache {
  private readonly entries = new Map<number, { signature: Int32Array; labels: Int32Array }[]>();
  private size = 0;

  /** Everything decoding reads from `features` for `tokens` tokens, or undefined when too long to memoise. */
  signature(features: FeatureBuffer, tokens: number): Int32Array | undefined {
    if (tokens > MAX_TOKENS) return undefined;
    const keys = features.length;
    const out = new Int32Array(2 + 4 * tokens + keys);
    out[0] = tokens;
    out[1] = keys;
    out.set(features.offsets.subarray(0, tokens), 2);
    out.set(features.localEnds.subarray(0, tokens), 2 + tokens);
    out.set(features.words.subarray(0, tokens), 2 + 2 * tokens);
    out.set(features.wordChecks.subarray(0, tokens), 2 + 3 * tokens);
    out.set(features.keys.subarray(0, keys), 2 + 4 * tokens);
    return out;
  }

  /** Copies the memoised labels of `signature` into `out`; false when it was not seen. */
  lookup(signature: Int32Array, out: Int32Array): boolean {
    const found = this.entries.get(hashOf(signature))?.find((e) => sameArray(e.signature, signature));
    if (!found) return false;
    out.set(found.labels);
    return true;
  }

  remember(signature: Int32Array, labels: Int32Array): void {
    if (this.size === MAX_ENTRIES) {
      this.entries.clear();
      this.size = 0;
    }
    const hash = hashOf(signature);
    const bucket = this.entries.get(hash);
    const entry = { signature, labels: labels.slice() };
    if (bucket) bucket.push(entry);
    else this.entries.set(hash, [entry]);
    this.size++;
  }
}

function hashOf(values: Int32Array): number {
  let h = 0;
  for (let i = 0; i < values.length; i++) h = mix(h, values[i]);
  return h;
}

function sameArray(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
