// A node's data: one data block, or an XBLOCK / XXBLOCK tree of them. [MS-PST] 2.2.2.8.3.2
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/5b7a6935-e83d-4917-9f62-6ce3707f09e0 (XBLOCK)

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import type { BlockSource } from './block.js';
import { isInternal } from './block.js';
import { asBid, formatBid, type Bid } from './ids.js';
import { readId, type Layout } from './layout.js';

const BTYPE_XBLOCK = 0x01;

/** The ids of a node's data blocks, in order. An XXBLOCK (level 2) may only point at XBLOCKs (level 1). */
export function dataBlockIds(blocks: BlockSource, layout: Layout, bid: Bid): Bid[] {
  if (bid === 0n) return [];
  if (!isInternal(bid)) return [bid];
  const out: Bid[] = [];
  collect(blocks, layout, bid, 2, out, new Set());
  return out;
}

/** Every block of a node's data tree: its XBLOCKs and XXBLOCK (in `seen`), then its data blocks. */
export function dataTreeIds(blocks: BlockSource, layout: Layout, bid: Bid): Bid[] {
  if (bid === 0n) return [];
  if (!isInternal(bid)) return [bid];
  const out: Bid[] = [];
  const seen = new Set<Bid>();
  collect(blocks, layout, bid, 2, out, seen);
  return [...seen, ...out];
}

function collect(blocks: BlockSource, layout: Layout, bid: Bid, maxLevel: number, out: Bid[], seen: Set<Bid>): void {
  const id = `block ${formatBid(bid)}`;
  if (seen.has(bid)) throw new PstFormatError('BTREE_CYCLE', 'data tree refers to a block twice', { layer: 'ndb', id });
  seen.add(bid);
  const b = blocks.read(bid);
  if (b.length < 8 || b[0] !== BTYPE_XBLOCK) {
    throw new PstFormatError('BAD_BLOCK', `expected an XBLOCK (btype 1), found btype ${b[0]}`, { layer: 'ndb', id });
  }
  const level = b[1]!;
  const count = u16(b, 2);
  const total = u32(b, 4);
  // A node's data cannot be larger than the file it is stored in, inflated at most by zlib's
  // ratio (1032:1) when blocks are compressed: refuse before collecting.
  if (total > blocks.fileSize * (layout.compressed ? 1032 : 1)) {
    throw new PstFormatError('LIMIT', `data tree declares ${total} bytes in a ${blocks.fileSize}-byte file`, { layer: 'ndb', id });
  }
  if (level < 1 || level > maxLevel) {
    throw new PstFormatError('TOO_DEEP', `data tree level ${level} where at most ${maxLevel} is allowed`, { layer: 'ndb', id });
  }
  if (8 + count * layout.idSize > b.length) {
    throw new PstFormatError('BAD_BLOCK', `XBLOCK declares ${count} entries but holds ${b.length} bytes`, { layer: 'ndb', id });
  }
  const start = out.length;
  for (let i = 0; i < count; i++) {
    const child = asBid(readId(b, 8 + i * layout.idSize, layout));
    if (level === 1) out.push(child);
    else collect(blocks, layout, child, 1, out, seen);
  }
  let got = 0;
  for (let i = start; i < out.length; i++) got += blocks.size(out[i]!);
  if (got !== total) {
    throw new PstFormatError('BAD_BLOCK', `data tree holds ${got} bytes, its header says ${total}`, { layer: 'ndb', id });
  }
}
