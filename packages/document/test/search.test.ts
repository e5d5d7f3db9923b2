import { describe, expect, it } from 'vitest';
import { findSpanAt, partitionPoint } from '@galley/document';

describe('partitionPoint', () => {
  it('returns the first index where the predicate turns false', () => {
    const sorted = [1, 3, 3, 5, 8];
    expect(partitionPoint(sorted.length, (i) => sorted[i] < 3)).toBe(1);
    expect(partitionPoint(sorted.length, (i) => sorted[i] <= 3)).toBe(3);
    expect(partitionPoint(sorted.length, (i) => sorted[i] < 100)).toBe(5);
    expect(partitionPoint(sorted.length, () => false)).toBe(0);
    expect(partitionPoint(0, () => true)).toBe(0);
  });

  it('agrees with a linear scan on every prefix of a sorted list', () => {
    const sorted = Array.from({ length: 200 }, (_, i) => Math.floor(i / 3) * 2);
    for (let value = -1; value < 140; value++) {
      const linear = sorted.findIndex((x) => x >= value);
      expect(partitionPoint(sorted.length, (i) => sorted[i] < value)).toBe(linear === -1 ? sorted.length : linear);
    }
  });
});

describe('findSpanAt', () => {
  const spans = [
    { start: 0, end: 4 },
    { start: 6, end: 10 },
    { start: 10, end: 12 },
  ];
  it('finds the span holding an offset, and none in the gaps or past the end', () => {
    expect([0, 3, 4, 5, 6, 9, 10, 11, 12, 99].map((offset) => findSpanAt(spans, offset))).toEqual([
      0, 0, -1, -1, 1, 1, 2, 2, -1, -1,
    ]);
    expect(findSpanAt([], 0)).toBe(-1);
  });
});
