// A BTH with levels ([MS-PST] 2.3.2.2): its leaves are collected in key order, and an intermediate
// record that names an item already visited (itself, or a leaf another record named) is a cycle,
// refused, not followed. A message's PC is a single leaf, visited without that bookkeeping.

import { describe, expect, it } from 'vitest';
import { PstFormatError } from '../../src/pst/file/errors.js';
import { bthLeaves } from '../../src/pst/ltp/bth.js';
import { bthHeader as header, heapBlock, heapOf, hid, u32 } from '../support/heap-block.js';

const leaf = (...keys: number[]): number[] => keys.flatMap((k) => [k & 0xff, k >> 8, 1, 2, 3, 4, 5, 6]);
/** Intermediate records: (first key, HID of the item below). */
const index = (...records: [number, number][]): number[] => records.flatMap(([k, i]) => [k & 0xff, k >> 8, ...u32(hid(i))]);

const keysOf = (leaves: Uint8Array[]): number[] => leaves.flatMap((b) => Array.from({ length: b.length / 8 }, (_, r) => b[8 * r]! | (b[8 * r + 1]! << 8)));

function cycle(items: number[][]): PstFormatError {
  try {
    bthLeaves(heapOf(heapBlock(items)), hid(1));
  } catch (e) {
    if (e instanceof PstFormatError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('a BTH with levels', () => {
  it('gives its leaves in order, and a single-leaf tree its leaf', () => {
    expect(keysOf(bthLeaves(heapOf(heapBlock([header(1), index([1, 3], [5, 4]), leaf(1, 2), leaf(5, 9)])), hid(1)).leaves)).toEqual([1, 2, 5, 9]);
    expect(keysOf(bthLeaves(heapOf(heapBlock([header(0), leaf(3, 4)])), hid(1)).leaves)).toEqual([3, 4]);
  });

  it('refuses two records that name the same leaf', () => {
    expect(cycle([header(1), index([1, 3], [5, 3]), leaf(1, 2)])).toMatchObject({ code: 'BTREE_CYCLE', layer: 'ltp', id: 'nid 0x21' });
  });

  it('refuses a record that names its own item', () => {
    expect(cycle([header(2), index([1, 2]), leaf(1)])).toMatchObject({ code: 'BTREE_CYCLE' });
  });
});
