// BTree-on-Heap builder, [MS-PST] 2.3.2: leaf records packed into allocations, intermediate
// levels over them, and the BTHHEADER. Records must come sorted by key. The header is the
// heap's first allocation (HID 0x20) in Outlook's files, and some readers rely on it, so a
// caller may reserve it before anything else.

import { HeapBuilder, MAX_ALLOC } from './heap.js';

export interface BthRecord {
  key: Uint8Array;
  data: Uint8Array;
}

/** Records made one at a time as the leaves are packed: a table of a million rows has a million. */
export interface BthRecords {
  readonly length: number;
  get(k: number): BthRecord;
}

export function buildBth(heap: HeapBuilder, keySize: number, dataSize: number, records: readonly BthRecord[] | BthRecords, header = heap.reserve(8)): number {
  const at = 'get' in records ? (k: number) => records.get(k) : (k: number) => records[k]!;
  let levels = 0;
  let hidRoot = 0;
  if (records.length > 0) {
    const perLeaf = Math.floor(MAX_ALLOC / (keySize + dataSize));
    let level: { key: Uint8Array; hid: number }[] = [];
    for (let i = 0; i < records.length; i += perLeaf) {
      const count = Math.min(perLeaf, records.length - i);
      const b = Buffer.alloc(count * (keySize + dataSize));
      for (let k = 0; k < count; k++) {
        const r = at(i + k);
        b.set(r.key, k * (keySize + dataSize));
        b.set(r.data, k * (keySize + dataSize) + keySize);
      }
      level.push({ key: at(i).key, hid: heap.alloc(new Uint8Array(b)) });
    }
    const perNode = Math.floor(MAX_ALLOC / (keySize + 4));
    while (level.length > 1) {
      const next: typeof level = [];
      for (let i = 0; i < level.length; i += perNode) {
        const chunk = level.slice(i, i + perNode);
        const b = Buffer.alloc(chunk.length * (keySize + 4));
        chunk.forEach((r, k) => {
          b.set(r.key, k * (keySize + 4));
          b.writeUInt32LE(r.hid, k * (keySize + 4) + keySize);
        });
        next.push({ key: chunk[0]!.key, hid: heap.alloc(new Uint8Array(b)) });
      }
      level = next;
      levels++;
    }
    hidRoot = level[0]!.hid;
  }
  const h = Buffer.alloc(8);
  h[0] = 0xb5;
  h[1] = keySize;
  h[2] = dataSize;
  h[3] = levels;
  h.writeUInt32LE(hidRoot, 4);
  heap.fill(header, new Uint8Array(h));
  return header;
}
