// BTree-on-Heap (BTH), [MS-PST] 2.3.2: BTHHEADER (2.3.2.1), intermediate (2.3.2.2) and leaf (2.3.2.3) records.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/5a6ab19e-1f44-4def-ad64-7bd82d94bd78 (BTHHEADER)

import { u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import { ClientSig, type Heap } from './heap.js';

const MAX_LEVELS = 8;

/** The data of the record whose key (little-endian, at most 4 bytes) equals `key`, descending one
 * item per level: for reading one property without parsing the whole tree. */
export function bthFind(heap: Heap, hidHeader: number, key: number): Uint8Array | undefined {
  const h = heap.item(hidHeader);
  if (h.length < 8 || h[0] !== ClientSig.BTree || h[1]! > 4) throw new PstFormatError('BAD_BTH', 'BTH header is missing or has the wrong type', { layer: 'ltp', id: heap.node.describe() });
  const keySize = h[1]!;
  const dataSize = h[2]!;
  let level = Math.min(h[3]!, MAX_LEVELS);
  let hid = u32(h, 4);
  const keyAt = (b: Uint8Array, o: number): number => {
    let k = 0;
    for (let i = keySize - 1; i >= 0; i--) k = k * 256 + b[o + i]!;
    return k;
  };
  for (; hid !== 0; level--) {
    const b = heap.item(hid);
    const size = keySize + (level > 0 ? 4 : dataSize);
    const n = Math.floor(b.length / size);
    if (level === 0) {
      for (let i = 0; i < n; i++) if (keyAt(b, i * size) === key) return b.subarray(i * size + keySize, (i + 1) * size);
      return undefined;
    }
    // The last intermediate record whose key is ≤ the one sought.
    let next = 0;
    for (let i = 0; i < n && keyAt(b, i * size) <= key; i++) next = u32(b, i * size + keySize);
    hid = next;
  }
  return undefined;
}

/**
 * The leaf items of a BTH, in key order, the whole tree checked (header, levels, no item twice),
 * without an object per record: a property context read once looks its records up by scanning them.
 */
export function bthLeaves(heap: Heap, hidHeader: number): { keySize: number; dataSize: number; leaves: Uint8Array[] } {
  const where = { layer: 'ltp' as const, id: heap.node.describe() };
  const h = heap.item(hidHeader);
  if (h.length < 8 || h[0] !== ClientSig.BTree) throw new PstFormatError('BAD_BTH', 'BTH header is missing or has the wrong type', where);
  const keySize = h[1]!;
  const dataSize = h[2]!;
  const levels = h[3]!;
  const root = u32(h, 4);
  if (keySize === 0 || keySize > 16 || dataSize > 32 || levels > MAX_LEVELS) {
    throw new PstFormatError('BAD_BTH', `BTH header is inconsistent (key ${keySize}, data ${dataSize}, levels ${levels})`, where);
  }
  const leaves: Uint8Array[] = [];
  if (root !== 0) collectLeaves(heap, root, levels, keySize, dataSize, leaves);
  return { keySize, dataSize, leaves };
}

/** `seen`: the items visited, made only when the root has levels (a message's PC is one leaf). */
function collectLeaves(heap: Heap, hid: number, level: number, keySize: number, dataSize: number, out: Uint8Array[], seen?: Set<number>): void {
  if (seen?.has(hid)) throw new PstFormatError('BTREE_CYCLE', 'BTH refers to a heap item twice', { layer: 'ltp', id: heap.node.describe() });
  seen = level > 0 ? (seen ?? new Set()).add(hid) : seen?.add(hid);
  const b = heap.item(hid);
  if (level === 0) {
    const size = keySize + dataSize;
    out.push(b.subarray(0, b.length - (b.length % size)));
    return;
  }
  const size = keySize + 4;
  for (let o = 0; o + size <= b.length; o += size) collectLeaves(heap, u32(b, o + keySize), level - 1, keySize, dataSize, out, seen);
}
