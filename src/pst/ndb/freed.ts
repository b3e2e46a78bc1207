// Freed space of a store, found in one pass (design: [MS-PST] 2.2.2.7 pages, 2.2.2.8 blocks,
// libpff's recovery scan): blocks whose trailer holds but that the live BBT does not list, the
// stale slots of live B-tree leaf pages and the leaf pages left in freed space. The blocks found
// are readable by bid, like live ones, so older nodes can be rebuilt from them.

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import { AllocationMap } from './amap.js';
import { alignUp, decodeBlock, type BlockSource } from './block.js';
import { carve, type BlockHit } from './carve.js';
import { pstCrc } from './crc.js';
import type { BlockContext, NodeDatabase } from './database.js';
import { asBid, formatBid, type Bid } from './ids.js';
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

export interface FreedSpace {
  blocks: FreedBlocks;
  nodeSlots: NodeSlot[];
  amap: 'valid' | 'not-valid';
  bytesScanned: number;
  pagesFound: number;
}

/** Blocks by bid: live ones through the BBT, freed ones from where they were found. */
export class FreedBlocks implements BlockSource, BlockContext {
  readonly blocks: BlockSource = this;
  readonly layout: Layout;
  private readonly byBid = new Map<bigint, FreedBlock>();

  constructor(private readonly db: NodeDatabase) {
    this.layout = db.layout;
  }

  get fileSize(): number {
    return this.db.source.size;
  }

  /** A block with a good CRC wins over another copy of the same bid. */
  add(b: FreedBlock): void {
    const key = b.bid & ~1n;
    const had = this.byBid.get(key);
    if (!had || (!had.crcOk && b.crcOk)) this.byBid.set(key, b);
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
    return this.isLive(bid) ? this.db.blocks.size(bid) : this.require(bid).cb;
  }

  offsetOf(bid: Bid): number | undefined {
    return this.isLive(bid) ? this.db.blocks.offsetOf(bid) : this.freed(bid)?.ib;
  }

  read(bid: Bid): Uint8Array {
    if (this.isLive(bid)) return this.db.blocks.read(bid);
    const b = this.require(bid);
    const data = this.db.source.read(b.ib, b.cb).slice();
    decodeBlock(data, bid, this.db.header.encryption);
    return data;
  }

  private require(bid: Bid): FreedBlock {
    const b = this.freed(bid);
    if (!b) throw new PstFormatError('NOT_FOUND', 'block is neither live nor found in freed space', { layer: 'ndb', id: `block ${formatBid(bid)}` });
    return b;
  }
}

/** One pass over the file; live structures are skipped, everything else that validates is kept. */
export function scanFreedSpace(db: NodeDatabase): FreedSpace {
  const L = db.layout;
  const T = L.blockTrailerSize;
  const live = new Map<number, number>(); // ib → bytes on disk, of every live block
  const livePages = new Set<number>();
  try {
    for (const e of db.bbt.entries()) live.set(e.ib, alignUp(e.cb + T, 64));
    for (const ib of db.bbt.pageOffsets()) livePages.add(ib);
    for (const ib of db.nbt.pageOffsets()) livePages.add(ib);
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    db.warnings.fromError(e, 'recovery: live B-trees');
  }
  const amap = db.header.amapValid ? AllocationMap.read(db.source, L, db.header.fileEof, db.warnings) : undefined;
  const blocks = new FreedBlocks(db);
  const nodeSlots: NodeSlot[] = [];
  const blockSlots: BlockSlot[] = [];
  let pagesFound = 0;
  const bytesScanned = carve(db.source, L, Math.max(db.header.fileEof, db.source.size), {
    known: (ib, total) => live.get(ib) === total || (amap !== undefined && !amap.isFree(ib + total - 64)),
    block: (hit) => blocks.add({ ...hit, via: 'carved', amapFree: amap ? true : undefined, overwritten: [] }),
    page: (hit) => {
      pagesFound++;
      const slots = leafSlots(hit.bytes, hit.ib, hit.ptype, L, livePages.has(hit.ib));
      nodeSlots.push(...slots.nodes);
      blockSlots.push(...slots.blocks);
    },
  });
  for (const s of blockSlots) addFromSlot(db, blocks, s, live);
  markOverwrites(blocks, live);
  return { blocks, nodeSlots, amap: amap ? 'valid' : 'not-valid', bytesScanned, pagesFound };
}

/** A stale BBT slot names a block's offset: it counts when the trailer there names the same block. */
function addFromSlot(db: NodeDatabase, blocks: FreedBlocks, s: BlockSlot, live: Map<number, number>): void {
  const L = db.layout;
  const total = alignUp(s.cb + L.blockTrailerSize, 64);
  if (s.cb > L.maxBlockData || s.ib < 0x4400 || s.ib % 64 !== 0 || s.ib + total > db.source.size) return;
  if (db.bbt.find(s.bid) !== undefined || blocks.freed(s.bid) || live.get(s.ib) === total) return;
  const raw = db.source.read(s.ib, total);
  const t = total - L.blockTrailerSize;
  const bid = readId(raw, L.idSize === 8 ? t + 8 : t + 4, L);
  if (u16(raw, t) !== s.cb || (bid & ~1n) !== (s.bid & ~1n)) return;
  const crc = L.idSize === 8 ? u32(raw, t + 4) : u32(raw, t + 8);
  blocks.add({ ib: s.ib, bid: asBid(bid), cb: s.cb, total, crcOk: pstCrc(raw.subarray(0, s.cb)) === crc, via: 'block-slot', overwritten: [] });
}

/** For a block whose CRC fails, the structures that now start inside it say which bytes were reused. */
function markOverwrites(blocks: FreedBlocks, live: Map<number, number>): void {
  const byIb = new Map<number, BlockHit>();
  for (const b of blocks.all()) if (b.crcOk) byIb.set(b.ib, b);
  for (const b of blocks.all()) {
    if (b.crcOk) continue;
    for (let at = b.ib; at < b.ib + b.cb; at += 64) {
      const liveTotal = live.get(at);
      const other = byIb.get(at);
      const total = liveTotal ?? other?.total;
      if (total === undefined) continue;
      const by = liveTotal !== undefined ? `live block at ${at}` : `freed block ${formatBid(other!.bid)} at ${at}`;
      b.overwritten.push({ from: at - b.ib, to: Math.min(b.cb, at + total - b.ib), by });
      at += total - 64;
    }
  }
}
