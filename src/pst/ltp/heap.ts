// Heap-on-node (HN), [MS-PST] 2.3.1: HNHDR (2.3.1.2) on the first block, HNPAGEHDR / HNBITMAPHDR
// on the others, and per block an HNPAGEMAP (2.3.1.5) giving the allocations addressed by HIDs.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/8e4ae05c-3c24-4103-b7e5-ffef6f244834 (HNHDR)

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import type { BlockBytes } from '../ndb/block.js';
import type { NodeView } from '../ndb/database.js';
import { asNid, formatNid } from '../ndb/ids.js';

const HN_SIG = 0xec;

export const ClientSig = {
  TableContext: 0x7c,
  BTree: 0xb5,
  PropertyContext: 0xbc,
} as const;

/** The client signature of the heap that starts `data` (HNHDR bSig 0xEC, then bClientSig), or undefined when no heap starts there. */
export function heapClientSig(data: Uint8Array): number | undefined {
  return data.length >= 12 && data[2] === HN_SIG ? data[3] : undefined;
}

export class Heap {
  readonly clientSig: number;
  readonly userRoot: number;
  /** Read a range at a time: in a pass over every message only the items read are decoded. */
  private readonly blocks: BlockBytes[];
  private readonly maps: (Uint16Array | undefined)[];

  constructor(readonly node: NodeView) {
    this.blocks = node.heapBlocks();
    this.maps = new Array(this.blocks.length);
    if (!this.blocks[0] || this.blocks[0].length < 12) throw this.error('node has no heap header', 0, 0);
    const first = this.blocks[0].range(0, 12);
    if (first[2] !== HN_SIG) throw this.error(`heap signature is 0x${(first[2] ?? 0).toString(16)}, expected 0xEC`, 0, 2);
    this.clientSig = first[3]!;
    this.userRoot = u32(first, 4);
  }

  /** The bytes of one allocation. A HID is block index (16 bits), allocation index (11 bits), type 0
   * [MS-PST] 2.3.1.1; in 4 KiB-page files 13 and 14 bits (libpff, "64-bit 4k page table value reference"). */
  item(hid: number): Uint8Array {
    if ((hid & 0x1f) !== 0) throw this.error(`0x${hid.toString(16)} is not a HID`);
    const shift = this.node.layout.hidBlockShift;
    const index = (hid >>> 5) & ((1 << (shift - 5)) - 1);
    const blockIndex = hid >>> shift;
    const block = this.blocks[blockIndex];
    if (!block) throw this.error(`HID 0x${hid.toString(16)} names block ${blockIndex} of ${this.blocks.length}`);
    const map = this.pageMap(blockIndex);
    if (index < 1 || index >= map.length) throw this.error(`HID 0x${hid.toString(16)} names allocation ${index} of ${map.length - 1}`);
    const start = map[index - 1]!;
    const end = map[index]!;
    if (start > end || end > block.length) {
      throw this.error(`allocation ${index} spans ${start}..${end} outside its ${block.length}-byte block`, blockIndex, start);
    }
    return block.range(start, end);
  }

  /** An HNID names a heap item (type 0) or a subnode of this node. [MS-PST] 2.3.3.2 */
  hnid(hnid: number): Uint8Array {
    if (hnid === 0) return new Uint8Array(0);
    if ((hnid & 0x1f) === 0) return this.item(hnid);
    const sub = this.node.subnode(asNid(hnid));
    if (!sub) {
      throw new PstFormatError('NOT_FOUND', `value is in subnode ${formatNid(asNid(hnid))}, which does not exist`, {
        layer: 'ltp',
        id: this.node.describe(),
      });
    }
    return sub.data();
  }

  private pageMap(i: number): Uint16Array {
    const cached = this.maps[i];
    if (cached) return cached;
    const block = this.blocks[i]!;
    const ib = u16(block.range(0, 2), 0);
    if (ib + 4 > block.length) throw this.error(`page map offset ${ib} is outside the block`, i, 0);
    const cAlloc = u16(block.range(ib, ib + 2), 0);
    if (ib + 4 + (cAlloc + 1) * 2 > block.length) throw this.error(`page map declares ${cAlloc} allocations past the block end`, i, ib);
    // HNPAGEMAP: cAlloc, cFree, then rgibAlloc[cAlloc + 1]. [MS-PST] 2.3.1.5
    const b = block.range(ib + 4, ib + 4 + (cAlloc + 1) * 2);
    const map = new Uint16Array(cAlloc + 1);
    let prev = 0;
    for (let k = 0; k <= cAlloc; k++) {
      const v = u16(b, 2 * k);
      // Allocations are laid out in order; a map that goes backwards or past the map itself is corrupt.
      if (v < prev || v > ib) throw this.error(`page map entry ${k} (${v}) is out of order or overlaps the map`, i, ib + 4 + 2 * k);
      map[k] = prev = v;
    }
    this.maps[i] = map;
    return map;
  }

  private error(message: string, block?: number, at?: number): PstFormatError {
    const offset = block === undefined || at === undefined ? undefined : this.node.fileOffset(block, at);
    return new PstFormatError('BAD_HEAP', message, { layer: 'ltp', id: this.node.describe(), offset });
  }
}
