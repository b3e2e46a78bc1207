// A one-block heap on a node that no file holds ([MS-PST] 2.3.1), for tests of the structures on a
// heap (BTH, PC) with records a writer would never lay out: out of order, repeated, or cyclic.

import { Heap } from '../../src/pst/ltp/heap.js';
import { DecodedBytes } from '../../src/pst/ndb/block.js';
import type { NodeView } from '../../src/pst/ndb/database.js';
import { asNid } from '../../src/pst/ndb/ids.js';
import { layoutOf } from '../../src/pst/ndb/layout.js';

/** HID of allocation `i` in a heap's first block: type 0, index in bits 5-15. [MS-PST] 2.3.1.1 */
export const hid = (i: number): number => i << 5;

export function u32(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
}

/** A BTH header (allocation 1): keys of 2 bytes, data of 6, `levels` levels, root allocation 2. [MS-PST] 2.3.2.1 */
export const bthHeader = (levels: number): number[] => [0xb5, 2, 6, levels, ...u32(hid(2))];

/** One heap block: HNHDR (root = allocation 1, client signature `clientSig`), the allocations in order, then the HNPAGEMAP. [MS-PST] 2.3.1 */
export function heapBlock(items: number[][], clientSig = 0xb5): Uint8Array {
  const body = [0, 0, 0xec, clientSig, ...u32(hid(1)), 0, 0, 0, 0];
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

/** A node (NID 0x21) whose data is the one block `bytes`. */
export function nodeOf(bytes: Uint8Array): NodeView {
  return {
    nid: asNid(0x21),
    layout: layoutOf('unicode'),
    blocks: () => [bytes],
    heapBlocks: () => [new DecodedBytes(bytes)],
    subnode: () => undefined,
    fileOffset: () => undefined,
    data: () => bytes,
    describe: () => 'nid 0x21',
  };
}

export function heapOf(bytes: Uint8Array): Heap {
  return new Heap(nodeOf(bytes));
}
