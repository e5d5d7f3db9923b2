import { createHash } from 'node:crypto';

/** Bytes kept per key: 64 bits make a collision within one feed's few thousand keys vanishingly rare. */
const KEY_BYTES = 8;

/** The fixed-width fingerprint of a GUID or canonical URL, as stored. */
export function fingerprint(kind: 'guid' | 'url', value: string): string {
  return createHash('sha256').update(`${kind}\0${value}`).digest().subarray(0, KEY_BYTES).toString('latin1');
}

/**
 * The items one feed has seen, as 8-byte fingerprints of their GUIDs and canonical URLs kept in
 * one Redis string, oldest first. A string of fixed-width entries costs 8 bytes a key where a
 * sorted set costs ~100, which is what keeps months of polling within a few MB.
 */
export class SeenSet {
  readonly #keys: string[];
  readonly #index: Set<string>;
  readonly #touched = new Set<string>();

  constructor(stored?: Buffer | null) {
    this.#keys = [];
    if (stored)
      for (let i = 0; i + KEY_BYTES <= stored.length; i += KEY_BYTES)
        this.#keys.push(stored.toString('latin1', i, i + KEY_BYTES));
    this.#index = new Set(this.#keys);
  }

  /** Keys stored. */
  get size(): number {
    return this.#keys.length;
  }

  /** Whether any of the keys was seen. */
  hasAny(keys: readonly string[]): boolean {
    return keys.some((key) => this.#index.has(key));
  }

  /** Mark keys as seen now: they move to the young end, so items still in the feed are never forgotten. */
  touch(keys: readonly string[]): void {
    for (const key of keys) {
      this.#touched.add(key);
      this.#index.add(key);
    }
  }

  /**
   * The stored form: keys not touched this poll (oldest first), then the touched ones, cut to
   * the newest `capacity` keys, but never below the ones touched now (the feed's current items).
   */
  serialize(capacity: number): Buffer {
    const kept = this.#keys.filter((key) => !this.#touched.has(key));
    const all = [...kept, ...this.#touched];
    const keep = all.slice(Math.max(0, all.length - Math.max(capacity, this.#touched.size)));
    return Buffer.from(keep.join(''), 'latin1');
  }
}
