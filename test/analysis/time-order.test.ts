// A store's messages in creation order (what `unexplained` and the time windows walk): by time, then
// by NID among the messages of one second, messages without a time left out. A radix sort by time
// and a comparator within each second must give what one comparator sort of them all gives.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { timeOrder } from '../../src/analysis/correlate/message-facts.js';
import { RADIX_MIN } from '../../src/pst/ndb/order-by.js';

function reference(sec: Float64Array, nids: Uint32Array): number[] {
  return [...sec.keys()].filter((i) => !Number.isNaN(sec[i]!)).sort((a, b) => sec[a]! - sec[b]! || nids[a]! - nids[b]! || a - b);
}

const message = fc.record({
  // A few seconds shared by many messages, before and after 1970, and none.
  sec: fc.oneof(fc.integer({ min: 1_600_000_000, max: 1_600_000_004 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constant(Number.NaN)),
  nid: fc.integer({ min: 1, max: 50 }).map((n) => n * 32 + 4),
});

it.each([
  ['few messages (comparator)', 0, 200, 30],
  ['many (radix sort by time)', RADIX_MIN + 100, RADIX_MIN + 1000, 8],
])('orders %s by time, then NID, as one comparator sort does', (_, minLength, maxLength, numRuns) => {
  fc.assert(
    fc.property(fc.array(message, { minLength, maxLength }), (messages) => {
      const sec = Float64Array.from(messages, (m) => m.sec);
      const nids = Uint32Array.from(messages, (m) => m.nid);
      expect([...timeOrder(messages.length, sec, nids)]).toEqual(reference(sec, nids));
    }),
    { numRuns },
  );
});
