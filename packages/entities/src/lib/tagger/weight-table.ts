import { LABEL_COUNT } from './labels.js';

/** Bytes per slot: key (int32), scale (float32), LABEL_COUNT int8 weights, padded to 32. */
const SLOT_BYTES = 32;
const SLOT_WORDS = SLOT_BYTES / 4;
const WEIGHTS_AT = 8;
/** Presence filter: one bit per multiplicative hash of a key, 2^19 bits = 64 KB (fits in L2). */
const FILTER_BITS = 19;
const FILTER_MULTIPLIER = 0x9e3779b1 | 0;

/**
 * Open-addressing table of quantised weight rows keyed by feature hash, with each row stored in
 * its key's slot. Tagging is bound by memory latency (about 20 look-ups per token at random
 * places), and a slot is half a cache line: one look-up costs one line instead of three (key,
 * scale, weights in separate arrays). 0 marks an empty slot, so key 0 is stored as 1.
 * Many extracted features (word pairs, rare contexts) have no row; a small bit filter answers
 * most of those look-ups from cache without touching the table (no false negatives, so the
 * scores are exactly those of the table alone; about 8% more tokens/s).
 */
export class WeightTable {
  private readonly keys: Int32Array;
  private readonly scales: Float32Array;
  private readonly weights: Int8Array;
  private readonly mask: number;
  private readonly filter: Int32Array;
  /** The slots of the rows found by one {@link WeightTable.addRows} call, reused across calls. */
  private found = new Int32Array(256);

  constructor(keys: Int32Array, scales: Float32Array, weights: Int8Array) {
    // addRows is written out for exactly 17 labels (BILOU × 4 types + O).
    if (LABEL_COUNT !== 17) throw new Error(`weight table: built for 17 labels, got ${LABEL_COUNT}`);
    let capacity = 1024;
    // Load factor ≤ 0.6 keeps probe runs short.
    while (capacity * 0.6 < keys.length) capacity *= 2;
    const buffer = new ArrayBuffer(capacity * SLOT_BYTES);
    this.keys = new Int32Array(buffer);
    this.scales = new Float32Array(buffer);
    this.weights = new Int8Array(buffer);
    this.mask = capacity - 1;
    this.filter = new Int32Array(1 << (FILTER_BITS - 5));
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row] === 0 ? 1 : keys[row];
      let slot = key & this.mask;
      while (this.keys[slot * SLOT_WORDS] !== 0 && this.keys[slot * SLOT_WORDS] !== key) slot = (slot + 1) & this.mask;
      this.keys[slot * SLOT_WORDS] = key;
      const bit = Math.imul(key, FILTER_MULTIPLIER) >>> (32 - FILTER_BITS);
      this.filter[bit >>> 5] |= 1 << (bit & 31);
      this.scales[slot * SLOT_WORDS + 1] = scales[row];
      // A loop, not `set` of a `subarray`: a view object per row was most of loading the model.
      for (let y = 0, from = row * LABEL_COUNT, to = slot * SLOT_BYTES + WEIGHTS_AT; y < LABEL_COUNT; y++)
        this.weights[to + y] = weights[from + y];
    }
  }

  /**
   * Add the scaled weights of every key in `keys[from, to)` to `out[base, base + LABEL_COUNT)`.
   * Two passes: the first finds every key's slot, the second adds the rows. The look-ups of one
   * token's keys do not depend on each other, and a loop of look-ups alone lets the processor
   * have several of them waiting on memory at once, where a loop that also adds each row waits
   * for one at a time (the table is megabytes, so most look-ups miss the caches).
   */
  addRows(keys: Int32Array, from: number, to: number, out: Float64Array, base: number): void {
    if (this.found.length < to - from) this.found = new Int32Array(2 * (to - from));
    const { keys: slots, scales, weights, mask, filter, found } = this;
    let rows = 0;
    for (let f = from; f < to; f++) {
      const key = keys[f] === 0 ? 1 : keys[f];
      const bit = Math.imul(key, FILTER_MULTIPLIER) >>> (32 - FILTER_BITS);
      if (!(filter[bit >>> 5] & (1 << (bit & 31)))) continue;
      let slot = key & mask;
      let at = slots[slot * SLOT_WORDS];
      while (at !== key && at !== 0) {
        slot = (slot + 1) & mask;
        at = slots[slot * SLOT_WORDS];
      }
      if (at !== 0) found[rows++] = slot;
    }
    for (let r = 0; r < rows; r++) {
      const slot = found[r];
      const s = scales[slot * SLOT_WORDS + 1];
      const w = slot * SLOT_BYTES + WEIGHTS_AT;
      // Written out: V8 does not unroll the 17-label loop, and this is the tagger's hottest line
      // (1.6× faster in isolation; same additions in the same order, so the same scores).
      out[base] += s * weights[w];
      out[base + 1] += s * weights[w + 1];
      out[base + 2] += s * weights[w + 2];
      out[base + 3] += s * weights[w + 3];
      out[base + 4] += s * weights[w + 4];
      out[base + 5] += s * weights[w + 5];
      out[base + 6] += s * weights[w + 6];
      out[base + 7] += s * weights[w + 7];
      out[base + 8] += s * weights[w + 8];
      out[base + 9] += s * weights[w + 9];
      out[base + 10] += s * weights[w + 10];
      out[base + 11] += s * weights[w + 11];
      out[base + 12] += s * weights[w + 12];
      out[base + 13] += s * weights[w + 13];
      out[base + 14] += s * weights[w + 14];
      out[base + 15] += s * weights[w + 15];
      out[base + 16] += s * weights[w + 16];
    }
  }
}
