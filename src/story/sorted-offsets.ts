/**
 * How many of `sorted` (ascending) are below `value`, or with `inclusive` at most `value`: the
 * index of the first one after them. A binary search, for lookups by offset that would
 * otherwise scan a whole story's sentences, quotations or names for each of them.
 */
export function countUpTo(sorted: ArrayLike<number>, value: number, inclusive = false): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value || (inclusive && sorted[mid] === value)) low = mid + 1;
    else high = mid;
  }
  return low;
}
