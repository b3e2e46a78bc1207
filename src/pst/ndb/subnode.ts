// Subnode B-tree: SLBLOCK (leaf, 2.2.2.8.3.3.1) and SIBLOCK (intermediate, 2.2.2.8.3.3.2) of [MS-PST].

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import type { BlockSource } from './block.js';
import { asBid, asNid, formatBid, type Bid, type Nid } from './ids.js';
import { readId, type Layout } from './layout.js';

export interface SubnodeEntry {
  nid: Nid;
  bidData: Bid;
  bidSub: Bid;
}

const BTYPE_SUBNODE = 0x02;
const MAX_LEVEL = 8;

export function readSubnodes(blocks: BlockSource, layout: Layout, bid: Bid): Map<Nid, SubnodeEntry> {
  const out = new Map<Nid, SubnodeEntry>();
  if (bid === 0n) return out;
  walk(blocks, layout, bid, MAX_LEVEL, out, new Set());
  return out;
}

function walk(blocks: BlockSource, layout: Layout, bid: Bid, maxLevel: number, out: Map<Nid, SubnodeEntry>, seen: Set<bigint>): void {
  const id = `block ${formatBid(bid)}`;
  if (seen.has(bid)) throw new PstFormatError('BTREE_CYCLE', 'subnode tree refers to a block twice', { layer: 'ndb', id });
  seen.add(bid);
  const b = blocks.read(bid);
  const s = layout.idSize;
  const h = layout.subnodeHeaderSize;
  if (b.length < h || b[0] !== BTYPE_SUBNODE) {
    throw new PstFormatError('BAD_BLOCK', `expected an SLBLOCK/SIBLOCK (btype 2), found btype ${b[0]}`, { layer: 'ndb', id });
  }
  const level = b[1]!;
  const count = u16(b, 2);
  if (level > maxLevel) throw new PstFormatError('TOO_DEEP', `subnode tree level ${level} is too deep`, { layer: 'ndb', id });
  const entrySize = level === 0 ? 3 * s : 2 * s;
  if (h + count * entrySize > b.length) {
    throw new PstFormatError('BAD_BLOCK', `subnode block declares ${count} entries but holds ${b.length} bytes`, { layer: 'ndb', id });
  }
  for (let i = 0; i < count; i++) {
    const o = h + i * entrySize;
    const nid = asNid(u32(b, o));
    if (level === 0) {
      out.set(nid, { nid, bidData: asBid(readId(b, o + s, layout)), bidSub: asBid(readId(b, o + 2 * s, layout)) });
    } else {
      walk(blocks, layout, asBid(readId(b, o + s, layout)), level - 1, out, seen);
    }
  }
}
