/**
 * Open-addressing map from 32-bit feature keys to dense row numbers. Keys are already well mixed,
 * so the low bits index the table directly; 0 marks an empty slot, so key 0 is stored as 1. Key
 * and row sit side by side so a probe touches one cache line.
 */
export class KeyIndex {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** Row of `key`, or −1. */
  get(key: number): number {
    const k = key === 0 ? 1 : key;
    const { slots, mask } = this;
    for (let slot = k & mask; ; slot = (slot + 1) & mask) {
      const found = slots[slot << 1];
      if (found === k) return slots[(slot << 1) + 1];
      if (found === 0) return -1;
    }
  }

  /** Row of `key`, adding it as the next row if absent. */
  add(key: number): number {
    const k = key === 0 ? 1 : key;
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const { slots, mask } = this;
    let slot = k & mask;
    for (; slots[slot << 1] !== 0; slot = (slot + 1) & mask) {
      if (slots[slot << 1] === k) return slots[(slot << 1) + 1];
    }
    slots[slot << 1] = k;
    slots[(slot << 1) + 1] = this.size;
    return this.size++;
  }

  /** Keys in row order. */
  keysByRow(): Int32Array {
    const out = new Int32Array(this.size);
    for (let slot = 0; slot <= this.mask; slot++) {
      if (this.slots[slot << 1] !== 0) out[this.slots[(slot << 1) + 1]] = this.slots[slot << 1];
    }
    return out;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === 0) continue;
      let slot = old[at] & this.mask;
      while (this.slots[slot << 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot << 1] = old[at];
      this.slots[(slot << 1) + 1] = old[at + 1];
    }
  }
}

/** Map from 32-bit keys to int32 values without boxing (JS Maps box hashes outside the small-integer range). */
export class IntMap {
  private readonly index: KeyIndex;
  private values: Int32Array;

  constructor(expected = 1024) {
    this.index = new KeyIndex(expected);
    this.values = new Int32Array(Math.max(16, expected));
  }

  get size(): number {
    return this.index.size;
  }

  /** Value of `key`, or `fallback`. */
  get(key: number, fallback = 0): number {
    const row = this.index.get(key);
    return row < 0 ? fallback : this.values[row];
  }

  set(key: number, value: number): void {
    const row = this.index.add(key);
    if (row >= this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[row] = value;
  }

  /** [key, value] pairs in insertion order. */
  entries(): [number, number][] {
    const keys = this.index.keysByRow();
    return Array.from(keys, (key, row) => [key, this.values[row]] as [number, number]);
  }
}

/** Rows of `width` counters keyed by 32-bit keys (e.g. per word, a count per type), grown as keys arrive. */
export class CountRows {
  private readonly index = new KeyIndex(64);
  /** The counters: a key's row starts at {@link CountRows.offset}. */
  counts: Int32Array;

  constructor(readonly width: number) {
    this.counts = new Int32Array(64 * width);
  }

  /** Keys counted so far. */
  get size(): number {
    return this.index.size;
  }

  /** Add one to counter `column` of `key`'s row. */
  increment(key: number, column: number): void {
    const row = this.index.add(key);
    if ((row + 1) * this.width > this.counts.length) {
      const grown = new Int32Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[row * this.width + column]++;
  }

  /** Where `key`'s row starts in `counts`, or −1 when nothing was counted for it. */
  offset(key: number): number {
    const row = this.index.get(key);
    return row < 0 ? -1 : row * this.width;
  }
}
