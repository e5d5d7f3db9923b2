import { partitionPoint } from '@galley/document';

/** Index of the last element of a sorted array that is `< value`, or -1. */
export function lastBefore(sorted: readonly number[], value: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i] < value) - 1;
}
