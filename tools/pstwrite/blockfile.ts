// The node database writer: data blocks with their trailers ([MS-PST] 2.2.2.8), data trees
// (XBLOCK/XXBLOCK 2.2.2.8.3.2), subnode blocks (SLBLOCK/SIBLOCK 2.2.2.8.3.3), the NBT and BBT
// pages (2.2.2.7.7) and the header (2.2.2.6). Blocks go to disk as they are made; only the
// B-tree entries stay in memory, in typed arrays, so a store of any size takes bounded memory.

import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { computeSig, pstCrc } from '../../src/pst/ndb/crc.js';
import { cyclic, permuteEncode } from '../../src/pst/ndb/crypt.js';
import { layoutOf, type Layout } from '../../src/pst/ndb/layout.js';
import { mapPages, placeAround } from './amap.js';
import { headerBytes, type Encryption, type Variant } from './header.js';
import { f64, fits, u16, u32 } from './columns.js';

export type { Encryption, Variant } from './header.js';

/** What a deleted node left behind: its NBT row and its blocks' rows, no longer in the trees. */
export interface Deleted {
  nodes: { nid: number; bidData: bigint; bidSub: bigint; parent: number }[];
  blocks: { bid: bigint; ib: number; cb: number }[];
}

export interface SubnodeRef {
  nid: number;
  bidData: bigint;
  bidSub: bigint;
}

const U32 = 0xffffffff;
/** BBT rows held before full leaf pages of them are written. */
const BBT_KEEP = 1 << 16;

interface TreeEntry {
  key: bigint;
  bid: bigint;
  ib: number;
}

/** BBT rows: bid, offset, stored and inflated size (a block holds at most 8 KiB). */
const bbtRows = () => ({ bid: u32(), ib: f64(), cb: u16(), inflated: u16() });
/** NBT rows: nid, data and subnode BIDs, parent. */
const nbtRows = () => ({ nid: u32(), bidData: u32(), bidSub: u32(), parent: u32() });

function truncate(rows: Record<string, { length: number }>, n: number): void {
  for (const c of Object.values(rows)) c.length = n;
}

export class BlockFile {
  readonly layout: Layout;
  private readonly fd: number;
  private offset: number;
  private nextBid = 4n;
  /** One row per live block and node, in typed columns. */
  private readonly bbt = bbtRows();
  private readonly nbt = nbtRows();
  private readonly scratch = Buffer.alloc(8192 + 64);
  /** Offsets of the B-tree pages, for the allocation maps. */
  private readonly pageOffsets: number[] = [];
  /** BBT leaf pages already written, and how many marks are open (no page is written while one is). */
  private readonly bbtLeaves = { key: f64(), bid: f64(), ib: f64() };
  private marks = 0;
  /** Where the next block goes instead of the end of the file (space freed earlier, reused). */
  private pinned: number | undefined;

  constructor(
    path: string,
    readonly variant: Variant,
    readonly encryption: Encryption,
    /** Write AMaps (and PMaps) and set fAMapValid; blocks and pages are placed around them. */
    readonly maps = false,
    /** 4 KiB-page files: deflate (zlib) each data block that gets smaller, as Outlook 2013+ does. */
    readonly compress = false,
  ) {
    this.layout = layoutOf(variant);
    if (variant === 'unicode-4k' && maps) throw new RangeError('allocation maps are not written for 4 KiB-page files');
    if (compress && !this.layout.compressed) throw new RangeError(`${variant} files have no compressed blocks`);
    // The header region ends where real files have their first AMap.
    this.offset = this.layout.amapFirst;
    this.fd = openSync(path, 'w');
  }

  private allocBid(internal: boolean): bigint {
    const bid = this.nextBid | (internal ? 2n : 0n);
    this.nextBid += 4n;
    return bid;
  }

  /** One block: data (deflated when asked), padding to 64 (512) bytes, trailer. Data blocks are encoded last. */
  writeBlock(data: Uint8Array, internal: boolean): bigint {
    const L = this.layout;
    if (data.length > L.maxBlockData) throw new RangeError(`block of ${data.length} bytes is larger than ${L.maxBlockData}`);
    const bid = this.allocBid(internal);
    const packed = this.compress && !internal ? deflateSync(data) : undefined;
    const body = packed && packed.length < data.length ? packed : data;
    const total = Math.ceil((body.length + L.blockTrailerSize) / L.blockAlign) * L.blockAlign;
    // One scratch buffer for every block: a block goes to disk at once, and allocating hundreds of
    // thousands of buffers would fragment the C heap and keep the writer's memory high.
    const buf = this.scratch.subarray(0, total);
    buf.fill(0);
    buf.set(body, 0);
    const stored = buf.subarray(0, body.length);
    if (!internal && this.encryption === 'permute') permuteEncode(stored);
    if (!internal && this.encryption === 'cyclic') cyclic(stored, Number(bid & 0xffffffffn));
    const t = total - L.blockTrailerSize;
    const ib = this.place(total);
    buf.writeUInt16LE(body.length, t);
    buf.writeUInt16LE(computeSig(ib, bid), t + 2);
    buf.writeUInt32LE(pstCrc(stored), t + L.trailerCrc);
    this.putId(buf, t + L.trailerBid, bid);
    if (L.compressed) {
      // libpff, "The 64-bit 4k page block": 2 (as real files have it), then the inflated size.
      buf.writeUInt16LE(2, t + 16);
      buf.writeUInt16LE(data.length, t + 18);
    }
    writeSync(this.fd, buf, 0, total, ib);
    this.bbt.bid.push(fits(Number(bid), U32, 'block id'));
    this.bbt.ib.push(ib);
    this.bbt.cb.push(body.length);
    this.bbt.inflated.push(data.length);
    this.flushBbt();
    return bid;
  }

  /** Where the next `size` bytes go: a pinned offset once, else the end of the file, around the map pages. */
  private place(size: number): number {
    if (this.pinned !== undefined) {
      const at = this.pinned;
      this.pinned = undefined;
      return at;
    }
    if (this.maps) this.offset = placeAround(this.offset, size);
    const at = this.offset;
    this.offset += size;
    return at;
  }

  /** The next block is written at `ib`, inside space freed earlier, as an allocator reusing it would. */
  reuseAt(ib: number): void {
    this.pinned = ib;
  }

  /** Rows written from now on can be deleted together with {@link deleteSince}. */
  mark(): { nbt: number; bbt: number } {
    this.marks++;
    return { nbt: this.nbt.nid.length, bbt: this.bbt.bid.length };
  }

  /** Delete every node and block written since `mark` from the trees; their bytes stay on disk. */
  deleteSince(mark: { nbt: number; bbt: number }): Deleted {
    this.marks--;
    const { nbt, bbt } = this;
    const nodes: Deleted['nodes'] = [];
    for (let i = mark.nbt; i < nbt.nid.length; i++) {
      nodes.push({ nid: nbt.nid.at(i), bidData: BigInt(nbt.bidData.at(i)), bidSub: BigInt(nbt.bidSub.at(i)), parent: nbt.parent.at(i) });
    }
    const blocks: Deleted['blocks'] = [];
    for (let i = mark.bbt; i < bbt.bid.length; i++) blocks.push({ bid: BigInt(bbt.bid.at(i)), ib: bbt.ib.at(i), cb: bbt.cb.at(i) });
    truncate(nbt, mark.nbt);
    truncate(bbt, mark.bbt);
    return { nodes, blocks };
  }

  /** An NBT leaf page holding `rows`, written and then left unreferenced: the copy a B-tree leaves
   * behind when a later change writes the page elsewhere (pages are copy-on-write). */
  writeFreedLeaf(rows: Deleted['nodes']): void {
    const s = this.layout.idSize;
    this.offset = Math.ceil(this.offset / this.layout.pageSize) * this.layout.pageSize;
    this.writePage(0x81, 0, rows.length, s === 8 ? 32 : 16, (b, o, k) => {
      const r = rows[k]!;
      this.putId(b, o, BigInt(r.nid));
      this.putId(b, o + s, r.bidData);
      this.putId(b, o + 2 * s, r.bidSub);
      b.writeUInt32LE(r.parent, o + 3 * s);
    }, false);
  }

  /** A node's data: one block, or an XBLOCK (XXBLOCK) over blocks of at most maxBlockData bytes. */
  writeData(parts: readonly Uint8Array[]): bigint {
    if (parts.length === 0) return 0n;
    const bids = parts.map((p) => this.writeBlock(p, false));
    if (bids.length === 1) return bids[0]!;
    const total = parts.reduce((a, p) => a + p.length, 0);
    const perX = Math.floor((this.layout.maxBlockData - 8) / this.layout.idSize);
    const xblock = (level: number, ids: bigint[], size: number): bigint => {
      const b = Buffer.alloc(8 + ids.length * this.layout.idSize);
      b[0] = 0x01;
      b[1] = level;
      b.writeUInt16LE(ids.length, 2);
      b.writeUInt32LE(size, 4);
      ids.forEach((id, i) => this.putId(b, 8 + i * this.layout.idSize, id));
      return this.writeBlock(b, true);
    };
    if (bids.length <= perX) return xblock(1, bids, total);
    const xs: bigint[] = [];
    for (let i = 0; i < bids.length; i += perX) {
      const size = parts.slice(i, i + perX).reduce((a, p) => a + p.length, 0);
      xs.push(xblock(1, bids.slice(i, i + perX), size));
    }
    if (xs.length > perX) throw new RangeError('node data too large for an XXBLOCK');
    return xblock(2, xs, total);
  }

  /** Bytes cut into data blocks. */
  writeBytes(bytes: Uint8Array): bigint {
    const parts: Uint8Array[] = [];
    for (let o = 0; o < bytes.length; o += this.layout.maxBlockData) parts.push(bytes.subarray(o, o + this.layout.maxBlockData));
    return this.writeData(parts.length ? parts : [new Uint8Array(0)]);
  }

  /** SLBLOCK(s) and, when they do not fit one, an SIBLOCK over them. */
  writeSubnodes(subs: readonly SubnodeRef[]): bigint {
    if (subs.length === 0) return 0n;
    const L = this.layout;
    const s = L.idSize;
    const sorted = [...subs].sort((a, b) => a.nid - b.nid);
    const perBlock = Math.floor((L.maxBlockData - L.subnodeHeaderSize) / (3 * s));
    const leaves: { nid: number; bid: bigint }[] = [];
    for (let i = 0; i < sorted.length; i += perBlock) {
      const chunk = sorted.slice(i, i + perBlock);
      const b = Buffer.alloc(L.subnodeHeaderSize + chunk.length * 3 * s);
      b[0] = 0x02;
      b[1] = 0;
      b.writeUInt16LE(chunk.length, 2);
      chunk.forEach((e, k) => {
        const o = L.subnodeHeaderSize + k * 3 * s;
        this.putId(b, o, BigInt(e.nid));
        this.putId(b, o + s, e.bidData);
        this.putId(b, o + 2 * s, e.bidSub);
      });
      leaves.push({ nid: chunk[0]!.nid, bid: this.writeBlock(b, true) });
    }
    if (leaves.length === 1) return leaves[0]!.bid;
    const b = Buffer.alloc(L.subnodeHeaderSize + leaves.length * 2 * s);
    b[0] = 0x02;
    b[1] = 1;
    b.writeUInt16LE(leaves.length, 2);
    leaves.forEach((e, k) => {
      const o = L.subnodeHeaderSize + k * 2 * s;
      this.putId(b, o, BigInt(e.nid));
      this.putId(b, o + s, e.bid);
    });
    return this.writeBlock(b, true);
  }

  addNode(nid: number, bidData: bigint, bidSub: bigint, parent: number): void {
    const n = this.nbt;
    n.nid.push(fits(nid, U32, 'node id'));
    n.bidData.push(fits(Number(bidData), U32, 'block id'));
    n.bidSub.push(fits(Number(bidSub), U32, 'block id'));
    n.parent.push(fits(parent, U32, 'parent node id'));
  }

  private putId(b: Buffer, o: number, v: bigint): void {
    if (this.layout.idSize === 8) b.writeBigUInt64LE(v, o);
    else b.writeUInt32LE(Number(v), o);
  }

  /** B-tree pages bottom-up, then the header. [MS-PST] 2.2.2.7.7 */
  finish(): void {
    const L = this.layout;
    const s = L.idSize;
    const nbtLeaf = s === 8 ? 32 : 16;
    this.offset = Math.ceil(this.offset / L.pageSize) * L.pageSize;

    // Blocks were written in BID order, so the BBT rows are sorted already; NBT rows are sorted
    // through an index, so no per-row objects are made for millions of rows.
    const nbt = this.nbt;
    const nid = nbt.nid.data;
    const order = Uint32Array.from({ length: nbt.nid.length }, (_, i) => i).sort((a, b) => nid[a]! - nid[b]!);
    const nbtRoot = this.writeTree(0x81, order.length, nbtLeaf, (b, o, i) => {
      const r = order[i]!;
      this.putId(b, o, BigInt(nid[r]!));
      this.putId(b, o + s, BigInt(nbt.bidData.at(r)));
      this.putId(b, o + 2 * s, BigInt(nbt.bidSub.at(r)));
      b.writeUInt32LE(nbt.parent.at(r), o + 3 * s);
    }, (i) => BigInt(nid[order[i]!]!));

    const flushed = this.bbtLeaves;
    const n = flushed.key.length;
    const last = this.bbtLeafPages(this.bbt.bid.length, n === 0);
    const bbtRoot = this.writeUpper(0x80, n + last.length, (i) =>
      i < n ? { key: BigInt(flushed.key.at(i)), bid: BigInt(flushed.bid.at(i)), ib: flushed.ib.at(i) } : last[i - n]!,
    );

    const maps = this.maps ? this.writeMaps() : undefined;
    const nids = Float64Array.from(nid.subarray(0, nbt.nid.length));
    const header = headerBytes({ variant: this.variant, encryption: this.encryption, size: L.amapFirst, eof: this.offset, nextBid: this.nextBid, nids, nbt: nbtRoot, bbt: bbtRoot, maps });
    writeSync(this.fd, header, 0, header.length, 0);
    closeSync(this.fd);
  }

  /** A large store's BBT rows go to leaf pages as they fill them (blocks come in BID order), so the
   * writer holds a few thousand rows, not millions. Not while a mark is open (its rows may be
   * deleted), nor with allocation maps, which are made from every row. */
  private flushBbt(): void {
    const rows = this.bbt.bid.length;
    if (this.maps || this.marks > 0 || rows < BBT_KEEP) return;
    const full = rows - (rows % this.perLeaf(this.bbtLeafSize));
    this.offset = Math.ceil(this.offset / this.layout.pageSize) * this.layout.pageSize;
    for (const e of this.bbtLeafPages(full, false)) {
      this.bbtLeaves.key.push(Number(e.key));
      this.bbtLeaves.bid.push(Number(e.bid));
      this.bbtLeaves.ib.push(e.ib);
    }
    for (const c of Object.values(this.bbt)) {
      c.data.copyWithin(0, full, c.length);
      c.length -= full;
    }
  }

  private get bbtLeafSize(): number {
    return this.layout.idSize === 8 ? 24 : 12;
  }

  private perLeaf(leafSize: number): number {
    return Math.floor(this.layout.btMetaOffset / leafSize);
  }

  /** Leaf pages for the first `count` BBT rows held; one empty leaf for an empty tree when `empty`. */
  private bbtLeafPages(count: number, empty: boolean): TreeEntry[] {
    const s = this.layout.idSize;
    const bbt = this.bbt;
    // 4 KiB-page files keep the inflated size between cb and cRef, as real ones do.
    const z = this.layout.compressed ? 2 : 0;
    return this.leafPages(0x80, count, this.bbtLeafSize, empty, (b, o, i) => {
      this.putId(b, o, BigInt(bbt.bid.at(i)));
      this.putId(b, o + s, BigInt(bbt.ib.at(i)));
      b.writeUInt16LE(bbt.cb.at(i), o + 2 * s);
      if (z) b.writeUInt16LE(bbt.inflated.at(i), o + 2 * s + 2);
      b.writeUInt16LE(2, o + 2 * s + 2 + z); // cRef: the tree and the node refer to it
    }, (i) => BigInt(bbt.bid.at(i)));
  }

  private leafPages(ptype: number, count: number, leafSize: number, empty: boolean, writeLeaf: (b: Buffer, o: number, i: number) => void, keyOf: (i: number) => bigint): TreeEntry[] {
    const perLeaf = this.perLeaf(leafSize);
    const out: TreeEntry[] = [];
    for (let i = 0; i < (empty ? Math.max(count, 1) : count); i += perLeaf) {
      const n = Math.min(perLeaf, count - i);
      out.push({ key: count ? keyOf(i) : 0n, ...this.writePage(ptype, 0, n, leafSize, (b, o, k) => writeLeaf(b, o, i + k)) });
    }
    return out;
  }

  private writeTree(ptype: number, count: number, leafSize: number, writeLeaf: (b: Buffer, o: number, i: number) => void, keyOf: (i: number) => bigint): TreeEntry {
    const leaves = this.leafPages(ptype, count, leafSize, true, writeLeaf, keyOf);
    return this.writeUpper(ptype, leaves.length, (i) => leaves[i]!);
  }

  /** The levels above the `count` leaves (`leaf(i)` made when its parent page is), up to the root. */
  private writeUpper(ptype: number, count: number, leaf: (i: number) => TreeEntry): TreeEntry {
    const s = this.layout.idSize;
    const perNode = Math.floor(this.layout.btMetaOffset / (3 * s));
    let level = { length: count, at: leaf };
    for (let depth = 1; level.length > 1; depth++) {
      const next: TreeEntry[] = [];
      for (let i = 0; i < level.length; i += perNode) {
        const chunk = Array.from({ length: Math.min(perNode, level.length - i) }, (_, k) => level.at(i + k));
        next.push({
          key: chunk[0]!.key,
          ...this.writePage(ptype, depth, chunk.length, 3 * s, (b, o, k) => {
            const e = chunk[k]!;
            this.putId(b, o, e.key);
            this.putId(b, o + s, e.bid);
            this.putId(b, o + 2 * s, BigInt(e.ib));
          }),
        });
      }
      level = { length: next.length, at: (i) => next[i]! };
    }
    return level.at(0);
  }

  private writePage(ptype: number, level: number, n: number, entrySize: number, fill: (b: Buffer, o: number, k: number) => void, live = true): { bid: bigint; ib: number } {
    const L = this.layout;
    const b = Buffer.alloc(L.pageSize);
    for (let k = 0; k < n; k++) fill(b, k * entrySize, k);
    const m = L.btMetaOffset;
    const c = L.btCountSize;
    if (c === 2) {
      b.writeUInt16LE(n, m);
      b.writeUInt16LE(Math.floor(m / entrySize), m + 2);
    } else {
      b[m] = n;
      b[m + 1] = Math.floor(m / entrySize);
    }
    b[m + 2 * c] = entrySize;
    b[m + 2 * c + 1] = level;
    const bid = this.allocBid(false);
    const ib = this.place(L.pageSize);
    if (live) this.pageOffsets.push(ib);
    const t = L.pageTrailerOffset;
    b[t] = ptype;
    b[t + 1] = ptype;
    b.writeUInt16LE(computeSig(ib, bid), t + 2);
    b.writeUInt32LE(pstCrc(b.subarray(0, t)), t + L.trailerCrc);
    this.putId(b, t + L.trailerBid, bid);
    writeSync(this.fd, b, 0, L.pageSize, ib);
    return { bid, ib };
  }

  /** The AMap and PMap pages, from the live blocks and pages: what was deleted is free. */
  private writeMaps(): { last: number; free: number } {
    const allocated: [number, number][] = this.pageOffsets.map((ib) => [ib, this.layout.pageSize]);
    for (let i = 0; i < this.bbt.bid.length; i++) allocated.push([this.bbt.ib.at(i), Math.ceil((this.bbt.cb.at(i) + this.layout.blockTrailerSize) / 64) * 64]);
    const { pages, free, last } = mapPages(this.layout, this.offset, allocated);
    for (const p of pages) writeSync(this.fd, p.bytes, 0, p.bytes.length, p.ib);
    return { last, free };
  }
}
