// Freed space of a store, found in one pass (docs/format.md §5: [MS-PST] 2.2.2.7 pages, 2.2.2.8
// blocks, libpff's recovery scan): blocks whose trailer holds but that the live BBT does not list, the
// stale slots of live B-tree leaf pages and the leaf pages left in freed space. The blocks found
// are readable by bid, like live ones, so older nodes can be rebuilt from them.

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import { AllocationMap } from './amap.js';
import { alignUp, decodeBlock, isCompressed, type BlockSource } from './block.js';
import { inflateBlock } from './inflate.js';
import { carve, markLive, type BlockHit } from './carve.js';
import { pstCrc } from './crc.js';
import type { BlockContext, NodeDatabase } from './database.js';
import { asBid, formatBid, NidType, nidType, type Bid } from './ids.js';
import { readId, type Layout } from './layout.js';
import { leafSlots, type BlockSlot, type NodeSlot } from './stale.js';

/** A byte range of a block overwritten by another structure: [from, to) of the block's data. */
export interface Overwrite {
  from: number;
  to: number;
  /** What lies there now, e.g. `live block 0x1a4 at 20480`. */
  by: string;
}

export interface FreedBlock extends BlockHit {
  /** How it was found: a trailer at a 64-byte boundary, or a stale BBT slot pointing at it. */
  via: 'carved' | 'block-slot';
  /** The AMap's word on its trailer's unit, when the AMap is valid. */
  amapFree?: boolean;
  overwritten: Overwrite[];
}

/** How much the scan may keep: hostile freed space can hold millions of valid-looking trailers. */
export interface FreedLimits {
  /** Distinct freed blocks kept, by bid. */
  blocks: number;
  /** Node slots kept from the leaf pages found. */
  slots: number;
}

export interface FreedSpace {
  blocks: FreedBlocks;
  /** What the limits left out: trailers and slots that validated but were not kept. */
  dropped: { blocks: number; slots: number };
  /** Slots of folder-associated message nodes in every NBT leaf page found, live pages included. */
  nodeSlots: NodeSlot[];
  /** Whether the NBT page at this offset is live (walks the NBT on first use). */
  liveNodePage: (ib: number) => boolean;
  amap: 'valid' | 'not-valid';
  bytesScanned: number;
  pagesFound: number;
}

/** Blocks by bid: live ones through the BBT, freed ones from where they were found. */
export class FreedBlocks implements BlockSource, BlockContext {
  readonly blocks: BlockSource = this;
  readonly layout: Layout;
  private readonly byBid = new Map<bigint, FreedBlock>();
  /** Distinct blocks that validated past the limit, not kept. */
  dropped = 0;

  constructor(
    private readonly db: NodeDatabase,
    private readonly limit = Infinity,
  ) {
    this.layout = db.layout;
  }

  get fileSize(): number {
    return this.db.source.size;
  }

  /** A block with a good CRC wins over another copy of the same bid. */
  add(b: FreedBlock): void {
    const key = b.bid & ~1n;
    const had = this.byBid.get(key);
    if (!had && this.full) {
      this.dropped++;
      return;
    }
    if (!had || (!had.crcOk && b.crcOk)) this.byBid.set(key, b);
  }

  /** At the limit: a further trailer is only counted (see `dropped`). */
  get full(): boolean {
    return this.byBid.size >= this.limit;
  }

  freed(bid: Bid): FreedBlock | undefined {
    return this.byBid.get(bid & ~1n);
  }

  all(): FreedBlock[] {
    return [...this.byBid.values()];
  }

  private isLive(bid: Bid): boolean {
    return this.db.bbt.find(bid) !== undefined;
  }

  size(bid: Bid): number {
    return this.isLive(bid) ? this.db.blocks.size(bid) : this.require(bid).cbInflated;
  }

  offsetOf(bid: Bid): number | undefined {
    return this.isLive(bid) ? this.db.blocks.offsetOf(bid) : this.freed(bid)?.ib;
  }

  read(bid: Bid): Uint8Array {
    if (this.isLive(bid)) return this.db.blocks.read(bid);
    const b = this.require(bid);
    const data = this.db.source.read(b.ib, b.cb).slice();
    decodeBlock(data, bid, this.db.header.encryption);
    return isCompressed(this.layout, b.cb, b.cbInflated) ? inflateBlock(data, b.cbInflated, `block ${formatBid(bid)}`, b.ib) : data;
  }

  private require(bid: Bid): FreedBlock {
    const b = this.freed(bid);
    if (!b) throw new PstFormatError('NOT_FOUND', 'block is neither live nor found in freed space', { layer: 'ndb', id: `block ${formatBid(bid)}` });
    return b;
  }
}

/** Where live blocks lie, start and end, one bit per 64-byte unit of the file each (4 MiB per
 * bitset for 2 GB), read from the BBT without an object per block. */
class LiveBlocks {
  readonly covered: Uint8Array;
  private readonly starts: Uint8Array;
  private readonly ends: Uint8Array;

  constructor(size: number) {
    const bytes = (Math.ceil(size / 64) >>> 3) + 1;
    this.covered = new Uint8Array(bytes);
    this.starts = new Uint8Array(bytes);
    this.ends = new Uint8Array(bytes);
  }

  add(ib: number, total: number): void {
    set(this.starts, ib / 64);
    set(this.ends, (ib + total) / 64 - 1);
    markLive(this.covered, ib, total);
  }

  has(ib: number, total: number): boolean {
    return get(this.starts, ib / 64) && get(this.ends, (ib + total) / 64 - 1);
  }

  startsAt(ib: number): boolean {
    return get(this.starts, ib / 64);
  }

  /** Bytes from `ib` to the end of the live block starting there. */
  sizeFrom(ib: number, limit: number): number {
    let u = ib / 64;
    while (!get(this.ends, u) && (u + 1) * 64 < limit) u++;
    return (u + 1) * 64 - ib;
  }
}

const set = (bits: Uint8Array, u: number): void => {
  if (Number.isInteger(u) && u >= 0 && u >>> 3 < bits.length) bits[u >>> 3]! |= 1 << (u & 7);
};
const get = (bits: Uint8Array, u: number): boolean => Number.isInteger(u) && u >= 0 && ((bits[u >>> 3] ?? 0) & (1 << (u & 7))) !== 0;

/** One pass over the file; live structures are skipped, everything else that validates is kept, up to the limits. */
export function scanFreedSpace(db: NodeDatabase, limits: FreedLimits = { blocks: Infinity, slots: Infinity }): FreedSpace {
  const L = db.layout;
  const T = L.blockTrailerSize;
  const end = Math.max(db.header.fileEof, db.source.size);
  const live = new LiveBlocks(end);
  // Only BBT pages: whether an NBT page is live is asked only of the few slots that matter (liveNodePage).
  const liveBbtPages = new Set<number>();
  try {
    db.bbt.forEachBlock(
      (ib, cb) => live.add(ib, alignUp(cb + T, L.blockAlign)),
      (ib) => liveBbtPages.add(ib),
    );
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    db.warnings.fromError(e, 'recovery: live B-trees');
  }
  const amap = db.header.amapValid ? AllocationMap.read(db.source, L, db.header.fileEof, db.warnings) : undefined;
  const blocks = new FreedBlocks(db, limits.blocks);
  const nodeSlots: NodeSlot[] = [];
  let droppedSlots = 0;
  const blockSlots: BlockSlot[] = [];
  let pagesFound = 0;
  const bytesScanned = carve(db.source, L, end, {
    live: live.covered,
    known: (ib, total) => {
      if (amap !== undefined && !amap.isFree(ib + total - 64)) return true;
      // Past the limit a trailer whose signature holds is counted, not checked further or kept.
      if (blocks.full) blocks.dropped++;
      return blocks.full;
    },
    knownPage: (ib) => liveBbtPages.has(ib),
    block: (hit) => blocks.add({ ...hit, via: 'carved', amapFree: amap ? true : undefined, overwritten: [] }),
    page: (hit) => {
      pagesFound++;
      // Node slots: only folder-associated messages (a Message Manager is one), checked against the live NBT later.
      const slots = leafSlots(hit.bytes, hit.ib, hit.ptype, L, liveBbtPages.has(hit.ib), (nid) => nidType(nid) === NidType.ASSOC_MESSAGE);
      for (const slot of slots.nodes) if (nodeSlots.length < limits.slots) nodeSlots.push(slot); else droppedSlots++;
      for (const slot of slots.blocks) if (blockSlots.length < limits.slots) blockSlots.push(slot); else droppedSlots++;
    },
  });
  for (const s of blockSlots) addFromSlot(db, blocks, s, live);
  markOverwrites(blocks, live, db.source.size);
  let liveNodePages: Set<number> | undefined;
  const liveNodePage = (ib: number): boolean => {
    if (!liveNodePages) {
      liveNodePages = new Set();
      try {
        for (const p of db.nbt.pageOffsets()) liveNodePages.add(p);
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
      }
    }
    return liveNodePages.has(ib);
  };
  const dropped = { blocks: blocks.dropped, slots: droppedSlots };
  return { blocks, dropped, nodeSlots, liveNodePage, amap: amap ? 'valid' : 'not-valid', bytesScanned, pagesFound };
}

/** A stale BBT slot names a block's offset: it counts when the trailer there names the same block. */
function addFromSlot(db: NodeDatabase, blocks: FreedBlocks, s: BlockSlot, live: LiveBlocks): void {
  const L = db.layout;
  const total = alignUp(s.cb + L.blockTrailerSize, L.blockAlign);
  if (s.cb > L.maxBlockData || s.ib < L.amapFirst || s.ib % L.blockAlign !== 0 || s.ib + total > db.source.size) return;
  if (blocks.freed(s.bid) || live.has(s.ib, total) || db.bbt.find(s.bid) !== undefined) return;
  const raw = db.source.read(s.ib, total);
  const t = total - L.blockTrailerSize;
  const bid = readId(raw, t + L.trailerBid, L);
  if (u16(raw, t) !== s.cb || (bid & ~1n) !== (s.bid & ~1n)) return;
  const crc = u32(raw, t + L.trailerCrc);
  const cbInflated = L.compressed ? u16(raw, t + 18) : s.cb;
  blocks.add({ ib: s.ib, bid: asBid(bid), cb: s.cb, cbInflated, total, crcOk: pstCrc(raw.subarray(0, s.cb)) === crc, via: 'block-slot', overwritten: [] });
}

/** For a block whose CRC fails, the structures that now start inside it say which bytes were reused. */
function markOverwrites(blocks: FreedBlocks, live: LiveBlocks, size: number): void {
  const byIb = new Map<number, BlockHit>();
  for (const b of blocks.all()) if (b.crcOk) byIb.set(b.ib, b);
  for (const b of blocks.all()) {
    if (b.crcOk) continue;
    for (let at = b.ib; at < b.ib + b.cb; at += 64) {
      const other = byIb.get(at);
      const isLive = live.startsAt(at);
      if (!isLive && !other) continue;
      const total = isLive ? live.sizeFrom(at, size) : other!.total;
      const by = isLive ? `live block at ${at}` : `freed block ${formatBid(other!.bid)} at ${at}`;
      b.overwritten.push({ from: at - b.ib, to: Math.min(b.cb, at + total - b.ib), by });
      at += total - 64;
    }
  }
}
