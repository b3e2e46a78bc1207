// A property context's records are found as a scan of every record would find them, the later of two
// with one id counting: a single leaf whose keys rise strictly is searched by halves, and any other
// (out of order, an id twice, several leaves) is scanned. [MS-PST] 2.3.3.3

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPropertyContext } from '../../src/pst/ltp/propcontext.js';
import { bthHeader as header, heapBlock, hid, nodeOf, u32 } from '../support/heap-block.js';

const PC = 0xbc;
const PT_LONG = 0x0003;
/** PC records (wPropId, wPropType, dwValueHnid): PT_LONG, each holding its own position in the list. */
const records = (ids: readonly number[], first = 0): number[] => ids.flatMap((id, k) => [id & 0xff, id >> 8, PT_LONG, 0, ...u32(first + k)]);

/** A PC of `ids` in one leaf, or split into two leaves under one intermediate item. */
function pc(ids: readonly number[], split?: number) {
  const items =
    split === undefined
      ? [header(0), records(ids)]
      : [header(1), [ids[0]! & 0xff, ids[0]! >> 8, ...u32(hid(3)), ids[split]! & 0xff, ids[split]! >> 8, ...u32(hid(4))], records(ids.slice(0, split)), records(ids.slice(split), split)];
  return readPropertyContext(nodeOf(heapBlock(items, PC)));
}

/** What a scan finds: the position of the last record with `id`. */
const scanned = (ids: readonly number[], id: number): number | undefined => {
  const at = ids.lastIndexOf(id);
  return at < 0 ? undefined : at;
};

function expectScan(ids: readonly number[], split?: number): void {
  const bag = pc(ids, split);
  for (let id = 0; id <= 41; id++) {
    expect(bag.int(id)).toBe(scanned(ids, id));
    expect(bag.has(id)).toBe(scanned(ids, id) !== undefined);
  }
}

describe('a property context looks its records up', () => {
  it('in a leaf whose keys rise: every id, and none between', () => {
    expectScan([1, 4, 9, 16, 25, 36]);
    expectScan([]);
    expectScan([7]);
  });

  it('in a leaf out of order, or with an id twice: as a scan, the later record counting', () => {
    expectScan([9, 4, 16, 1]);
    expectScan([1, 4, 4, 9]);
    expectScan([4, 9, 1, 4]);
  });

  it('for any records, in one leaf or two', () => {
    const ids = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 });
    // Half the cases rise strictly, the order a writer gives; the rest are as drawn.
    const laid = fc.tuple(ids, fc.boolean()).map(([xs, rise]) => (rise ? [...new Set(xs)].sort((a, b) => a - b) : xs));
    fc.assert(
      fc.property(laid, fc.nat(), (xs, cut) => {
        expectScan(xs);
        if (xs.length >= 2) expectScan(xs, 1 + (cut % (xs.length - 1)));
      }),
      { numRuns: 400 },
    );
  });
});
