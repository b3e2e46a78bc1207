// The order a pass over every node visits them in: the radix sort must give exactly the
// comparator's order (ascending key, ties by index, NaN left out), whichever path a key set takes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderBy, RADIX_MIN } from '../../src/pst/ndb/order-by.js';

/** The order by definition: a comparator sort of the indices whose key is a number. */
function reference(keys: readonly number[]): number[] {
  return keys.flatMap((k, i) => (Number.isNaN(k) ? [] : [i])).sort((a, b) => keys[a]! - keys[b]! || a - b);
}

describe('orderBy', () => {
  it('orders whole keys below 2^32 (the radix path) as the comparator does, ties by index and NaN left out', () => {
    const key = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constant(2 ** 32 - 1), fc.constant(65_536), fc.constant(Number.NaN));
    fc.assert(
      // Enough keys that, the NaN (a fifth) left out, RADIX_MIN remain and the radix path is taken.
      fc.property(fc.array(key, { minLength: 2 * RADIX_MIN, maxLength: 3 * RADIX_MIN }), (keys) => {
        expect([...orderBy(keys.length, (i) => keys[i]!)]).toEqual(reference(keys));
      }),
      { numRuns: 40 },
    );
  });

  it('takes the comparator path, with the same order, for keys that are not whole or not below 2^32, or few', () => {
    const key = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(2 ** 32), fc.constant(2 ** 52), fc.constant(-1), fc.constant(Number.NaN), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        expect([...orderBy(keys.length, (i) => keys[i]!)]).toEqual(reference(keys));
      }),
    );
  });

  it('sorts a million file offsets ÷ 64 by radix, in order', () => {
    const n = 1_000_000;
    const at = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) * 64 * 3);
    const order = orderBy(n, (i) => at[i]! / 64);
    expect(order.length).toBe(n);
    let outOfOrder = 0;
    for (let k = 1; k < n; k++) if (at[order[k]!]! < at[order[k - 1]!]!) outOfOrder++;
    expect(outOfOrder).toBe(0);
  });
});
