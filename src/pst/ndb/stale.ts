// B-tree leaf slots that no longer count ([MS-PST] 2.2.2.7.7.1 BTPAGE): in a live leaf page, the
// slots between cEnt and cEntMax keep whatever entries were there before the page last shrank;
// in a leaf page found in freed space, every slot is an older state of the tree.

import { u16, u32 } from '../file/bytes.js';
import { asBid, asNid, type Bid, type Nid } from './ids.js';
import { btMeta, readId, type Layout } from './layout.js';

export type SlotState = 'stale-slot' | 'free-page';

interface SlotWhere {
  /** File offset of the page and the slot's index in it. */
  page: number;
  slot: number;
  /** True when the slot lies past cEnt: not an entry even if the page is live. */
  pastEnd: boolean;
}

/** NBTENTRY, [MS-PST] 2.2.2.7.7.4 */
export interface NodeSlot extends SlotWhere {
  nid: Nid;
  bidData: Bid;
  bidSub: Bid;
  parent: Nid;
}

/** BBTENTRY, [MS-PST] 2.2.2.7.7.3 */
export interface BlockSlot extends SlotWhere {
  bid: Bid;
  ib: number;
  cb: number;
}

const PTYPE_BBT = 0x80;

/** The slots of a leaf page that may not be live entries: past cEnt when the page is known to be
 * live, all of them otherwise. `keepNode` filters node slots early (a store has millions). */
export function leafSlots(page: Uint8Array, ib: number, ptype: number, layout: Layout, live: boolean, keepNode: (nid: Nid) => boolean): { nodes: NodeSlot[]; blocks: BlockSlot[] } {
  const { count, max, entrySize: size, level } = btMeta(page, layout);
  const m = layout.btMetaOffset;
  const s = layout.idSize;
  const expected = ptype === PTYPE_BBT ? (s === 8 ? 24 : 12) : s === 8 ? 32 : 16;
  const nodes: NodeSlot[] = [];
  const blocks: BlockSlot[] = [];
  if (level !== 0 || size !== expected) return { nodes, blocks };
  const end = Math.min(max, Math.floor(m / size));
  for (let i = live ? count : 0; i < end; i++) {
    const o = i * size;
    const pastEnd = i >= count;
    if (ptype === PTYPE_BBT) {
      if (page.subarray(o, o + size).every((b) => b === 0)) continue;
      blocks.push({ bid: asBid(readId(page, o, layout)), ib: Number(readId(page, o + s, layout)), cb: u16(page, o + 2 * s), page: ib, slot: i, pastEnd });
    } else {
      const nid = asNid(u32(page, o));
      if (nid === 0 || !keepNode(nid)) continue;
      nodes.push({
        nid,
        bidData: asBid(readId(page, o + s, layout)),
        bidSub: asBid(readId(page, o + 2 * s, layout)),
        parent: asNid(u32(page, o + 3 * s)),
        page: ib,
        slot: i,
        pastEnd,
      });
    }
  }
  return { nodes, blocks };
}
