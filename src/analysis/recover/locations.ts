// Where a recovered item lies and why it is believed: the block's offset and id, how its space is
// known to be free, and which checks (trailer CRC, B-tree slot, heap signature) it passed.

import { formatBid, formatNid, PstFormatError, type Bid, type FreedSpace, type NodeSlot, type PstNode } from '../../pst/index.js';
import type { RecoveredLocationFinding, Validation } from './types.js';

export class Locations {
  constructor(private readonly freed: FreedSpace) {}

  block(bid: Bid, extra: Validation[]): RecoveredLocationFinding {
    const b = this.freed.blocks.freed(bid);
    const amap = this.freed.amap === 'valid';
    return {
      offset: this.freed.blocks.offsetOf(bid) ?? 0,
      bid: formatBid(bid),
      allocation: 'free',
      freeBy: b ? (amap ? 'amap' : 'not-in-bbt') : undefined,
      validation: [b && !b.crcOk ? 'trailer-crc-mismatch' : 'trailer-crc', ...(b?.via === 'block-slot' ? (['btree-slot'] as const) : []), ...extra],
    };
  }

  slot(s: NodeSlot): RecoveredLocationFinding {
    const at = this.block(s.bidData, ['btree-slot', 'heap-signature']);
    const stale = s.pastEnd && this.freed.liveNodePage(s.page);
    return { ...at, nid: formatNid(s.nid), allocation: stale ? 'stale-slot' : 'free', freeBy: stale ? at.freeBy : 'free-page' };
  }

  node(node: PstNode, parent: RecoveredLocationFinding): RecoveredLocationFinding {
    try {
      const first = node.blockIds()[0];
      return first === undefined ? parent : this.block(first, ['heap-signature']);
    } catch (e) {
      if (e instanceof PstFormatError) return parent;
      throw e;
    }
  }
}
