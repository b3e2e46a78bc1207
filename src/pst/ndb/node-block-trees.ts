// The two B-trees of the NDB layer, [MS-PST] 2.2.2.7.7: the node B-tree (NBT, NBTENTRY
// 2.2.2.7.7.4) and the block B-tree (BBT, BBTENTRY 2.2.2.7.7.3), each a typed view of BTree.

import { u16, u32 } from '../file/bytes.js';
import type { WarningSink } from '../file/errors.js';
import type { BlockRef } from '../file/header.js';
import type { ByteSource } from '../file/source.js';
import { BTree, PTYPE_BBT, PTYPE_NBT } from './btree.js';
import { asBid, asNid, type Bid, type Nid } from './ids.js';
import { readId, readOffset, type Layout } from './layout.js';

export interface NbtEntry {
  nid: Nid;
  bidData: Bid;
  bidSub: Bid;
  nidParent: Nid;
}

export interface BbtEntry {
  bid: Bid;
  ib: number;
  /** Bytes stored in the file. */
  cb: number;
  /** Bytes once inflated: cb unless the block is compressed (4 KiB-page files). */
  cbInflated: number;
  cRef: number;
}


export class NodeBTree {
  private readonly tree: BTree<NbtEntry>;
  constructor(src: ByteSource, layout: Layout, warnings: WarningSink, root: BlockRef) {
    const s = layout.idSize;
    this.tree = new BTree(src, layout, warnings, root, PTYPE_NBT, s === 8 ? 32 : 16, (b, o) => ({
      nid: asNid(u32(b, o)),
      bidData: asBid(readId(b, o + s, layout)),
      bidSub: asBid(readId(b, o + 2 * s, layout)),
      nidParent: asNid(u32(b, o + 3 * s)),
    }));
  }
  find(nid: Nid): NbtEntry | undefined {
    return this.tree.find(nid);
  }
  /** The entries of many nodes in one descent (`nids` sorted ascending): `found(k, entry)` per NID present. */
  findSorted(nids: ArrayLike<number>, found: (k: number, entry: NbtEntry) => void): void {
    this.tree.findSorted(nids, (k, b, o) => found(k, this.tree.parse(b, o)));
  }
  entries(): NbtEntry[] {
    return this.tree.entries();
  }
  /** File offsets of the tree's pages. */
  pageOffsets(): number[] {
    const out: number[] = [];
    this.tree.forEachLeafRow(() => {}, (ib) => out.push(ib));
    return out;
  }
}

/** A BID as a BBT key: the reserved low bit dropped. Keys stay below 2^53 in any real file (see
 * BTree.key); a larger BID is in no tree. */
export function bbtKey(bid: Bid): number | undefined {
  const n = Number(bid);
  return Number.isSafeInteger(n) ? n - (n % 2) : undefined;
}

export class BlockBTree {
  private readonly tree: BTree<BbtEntry>;
  constructor(src: ByteSource, private readonly layout: Layout, warnings: WarningSink, root: BlockRef) {
    const s = layout.idSize;
    // In 4 KiB-page files the inflated size sits between cb and cRef: seen in a real OST, where it
    // equals the inflated size the block's trailer gives (libpff, "The 64-bit 4k page block").
    const z = layout.compressed ? 2 : 0;
    this.tree = new BTree(src, layout, warnings, root, PTYPE_BBT, s === 8 ? 24 : 12, (b, o) => ({
      bid: asBid(readId(b, o, layout)),
      ib: readOffset(b, o + s, layout),
      cb: u16(b, o + 2 * s),
      cbInflated: u16(b, o + 2 * s + z),
      cRef: u16(b, o + 2 * s + 2 + z),
    }));
  }
  find(bid: Bid): BbtEntry | undefined {
    const key = bbtKey(bid);
    return key === undefined ? undefined : this.tree.find(key);
  }
  /** The entries of many blocks in one descent (`keys` from bbtKey, sorted ascending): `found(k, entry)` per block present. */
  findSorted(keys: ArrayLike<number>, found: (k: number, entry: BbtEntry) => void): void {
    this.tree.findSorted(keys, (k, b, o) => found(k, this.tree.parse(b, o)));
  }
  /** Offset and size (cb) of every live block, and the offset of every page, in one walk. */
  forEachBlock(fn: (ib: number, cb: number) => void, onPage: (ib: number) => void): void {
    const s = this.layout.idSize;
    this.tree.forEachLeafRow((b, o) => fn(s === 8 ? u32(b, o + 8) + u32(b, o + 12) * 4294967296 : u32(b, o + 4), u16(b, o + 2 * s)), onPage);
  }
}
