/**
 * The one binary search of the code base: every lookup in a sorted list (spans by offset,
 * sentences by token, cumulative weights) is this question asked with a different predicate.
 */

/**
 * The first index in `[0, length)` for which `isBefore` is false, or `length` when it is true
 * everywhere. `isBefore` must be true for a prefix of the indices and false after it (the list is
 * "partitioned" by it), as with Rust's `partition_point` and C++'s `std::partition_point`.
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
