// A BTH with levels ([MS-PST] 2.3.2.2): its leaves are collected in key order, and an intermediate
// record that names an item already visited (itself, or a leaf another record named) is a cycle,
// refused, not followed. A message's PC is a single leaf, visited without that bookkeeping.

import { describe, expect, it } from 'vitest';
import { PstFormatError } from '../../src/pst/file/errors.js';
import { bthLeaves } from '../../src/pst/ltp/bth.js';
import { Heap } from '../../src/pst/ltp/heap.js';
import { DecodedBytes } from '../../src/pst/ndb/block.js';
import type { NodeView } from '../../src/pst/ndb/database.js';
import { asNid } from '../../src/pst/ndb/ids.js';
import { layoutOf } from '../../src/pst/ndb/layout.js';

/** HID of allocation `i` in a heap's first block: type 0, index in bits 5-15. [MS-PST] 2.3.1.1 */
const hid = (i: number): number => i << 5;

/** One heap block: HNHDR (root = allocation 1), the allocations in order, then the HNPAGEMAP. [MS-PST] 2.3.1 */
function heapBlock(items: number[][]): Uint8Array {
  const body = [0, 0, 0xec, 0xb5, ...u32(hid(1)), 0, 0, 0, 0];
  const starts = [body.length];
  for (const item of items) {
    body.push(...item);
    starts.push(body.length);
  }
  if (body.length % 2) body.push(0);
  const ibHnpm = body.length;
  body[0] = ibHnpm & 0xff;
  body[1] = ibHnpm >> 8;
  body.push(items.length, 0, 0, 0, ...starts.flatMap((s) => [s & 0xff, s >> 8]));
  return Uint8Array.from(body);
}

function u32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
}

function heapOf(bytes: Uint8Array): Heap {
  const node: NodeView = {
    nid: asNid(0x21),
    layout: layoutOf('unicode'),
    blocks: () => [bytes],
    heapBlocks: () => [new DecodedBytes(bytes)],
    subnode: () => undefined,
    fileOffset: () => undefined,
    data: () => bytes,
    describe: () => 'nid 0x21',
  };
  return new Heap(node);
}

/** BTH header (allocation 1): keys of 2 bytes, data of 6, `levels` levels, root allocation 2. */
const header = (levels: number): number[] => [0xb5, 2, 6, levels, ...u32(hid(2))];
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
