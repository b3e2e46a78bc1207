// Which subnode tree belongs to a data block found alone in freed space. A freed SLBLOCK
// ([MS-PST] 2.2.2.8.3.3.1: btype 0x02, cLevel 0, cEnt, then SLENTRY {nid, bidData, bidSub}) still
// names the blocks of an older message's subnodes; read backwards, each entry tells which subnode
// tree (bidSub) goes with a freed data block (bidData), so that block can be read as a whole node.

import { isInternal } from './block.js';
import type { FreedBlocks } from './freed.js';
import { asBid, SpecialNid, type Bid } from './ids.js';
import { readId, type Layout } from './layout.js';

/** bidData → bidSub from every freed SLBLOCK whose trailer CRC holds. */
export function freedSubnodeLinks(blocks: FreedBlocks, layout: Layout): Map<bigint, Bid> {
  const links = new Map<bigint, Bid>();
  const s = layout.idSize;
  for (const b of blocks.all()) {
    if (!isInternal(b.bid) || !b.crcOk) continue;
    const data = blocks.read(b.bid);
    if (data[0] !== 0x02 || data[1] !== 0) continue;
    const count = data[2]! | (data[3]! << 8);
    for (let i = 0; i < count; i++) {
      const o = layout.subnodeHeaderSize + i * 3 * s;
      if (o + 3 * s > data.length) break;
      // The attachment table's own entry names no attachment's data.
      if (readId(data, o, layout) === BigInt(SpecialNid.ATTACHMENT_TABLE)) continue;
      links.set(readId(data, o + s, layout) & ~1n, asBid(readId(data, o + 2 * s, layout)));
    }
  }
  return links;
}
