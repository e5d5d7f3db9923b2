/**
 * 32-bit hashing for feature keys. Features are never built as strings: every template combines
 * integer hashes of the token's parts, so tagging allocates nothing per token.
 */

/** FNV-1a offset basis: the hash of the empty string, where every {@link fnvStep} chain starts. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** One FNV-1a step: `hash` with one more character code. Hot loops that hash several forms of a word in one pass use it. */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** Mix `value` into `seed` (murmur3 finaliser); order matters, so mix(a, b) ≠ mix(b, a). */
export function mix(seed: number, value: number): number {
  let h = Math.imul(seed ^ value, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  h = Math.imul(h, 0x1b873593) ^ (seed >>> 7);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** ASCII/Latin lower-case of one UTF-16 code unit without allocating. */
export function lowerCode(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 0xc0) return code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}

/** FNV-1a hash of the lower-cased string. */
export function hashLower(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, lowerCode(text.charCodeAt(i)));
  return h;
}

/** Seed for a phrase hash built with {@link mix} over its tokens' {@link hashLower}. */
export const PHRASE_SEED = 0x2545f491;

/** Phrase hash from the hashes of its words, in order. */
export function hashPhrase(wordHashes: readonly number[]): number {
  let h = PHRASE_SEED;
  for (const word of wordHashes) h = mix(h, word);
  return h;
}
