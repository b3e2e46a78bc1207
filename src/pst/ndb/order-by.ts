// Indices ordered by a numeric key, ties in index order, as a pass over a million nodes needs three
// times (by NID, by BID, by file offset). A comparator sort calls back into JS some 20 million times
// for a million indices; keys that fit 32 bits take two counting passes of 16 bits instead (a
// stable radix sort, so ties keep index order), each a few milliseconds.

const DIGIT = 16;
const BUCKETS = 1 << DIGIT;
/** Below this many keys the comparator sort is cheaper than filling, twice, a count table of
 * BUCKETS entries, and a case of a thousand small stores does not allocate 256 KiB per sort. */
export const RADIX_MIN = 4096;

/**
 * The indices 0 to `n - 1` whose `key(i)` is not NaN, ascending by key, then by index. Whole keys
 * from 0 to 2^32 - 1 are radix-sorted when there are RADIX_MIN or more; any other key set takes the
 * comparator sort, with the same order.
 */
export function orderBy(n: number, key: (i: number) => number): Uint32Array {
  const keys = new Float64Array(n);
  let kept = 0;
  let max = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const k = key(i);
    keys[i] = k;
    if (Number.isNaN(k)) continue;
    kept++;
    if (k > max) max = k;
    if (!(k >= 0 && Number.isInteger(k))) whole = false;
  }
  let order = new Uint32Array(kept);
  let j = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(keys[i]!)) order[j++] = i;
  if (!whole || max > 0xffffffff || kept < RADIX_MIN) return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  // Plain loops and swaps: a mapping from() and destructured swaps made the sort several times slower.
  let digits = new Uint32Array(kept);
  for (let m = 0; m < kept; m++) digits[m] = keys[order[m]!]!;
  // `keys` is not read again: its 8 bytes a key hold both spare columns (16 bytes a key in all, not 24).
  let spare = new Uint32Array(keys.buffer, 0, kept);
  let spareDigits = new Uint32Array(keys.buffer, 4 * n, kept);
  const counts = new Uint32Array(BUCKETS + 1);
  for (let shift = 0; shift < 32 && max >= 2 ** shift; shift += DIGIT) {
    counts.fill(0);
    for (let m = 0; m < kept; m++) counts[((digits[m]! >>> shift) & (BUCKETS - 1)) + 1]!++;
    for (let b = 1; b <= BUCKETS; b++) counts[b]! += counts[b - 1]!;
    for (let m = 0; m < kept; m++) {
      const to = counts[(digits[m]! >>> shift) & (BUCKETS - 1)]!++;
      spare[to] = order[m]!;
      spareDigits[to] = digits[m]!;
    }
    const sorted = spare;
    spare = order;
    order = sorted;
    const sortedDigits = spareDigits;
    spareDigits = digits;
    digits = sortedDigits;
  }
  return order;
}
