// An attachment's data found in freed space, with what is known of its damage: byte ranges that
// later blocks reused, or a CRC that fails where nothing says why.

import { asNid, PropId, PropType, PstFormatError, readPcHnid, type FreedBlocks, type Overwrite, type PropertyBag, type PstNode, type WarningSink } from '../../pst/index.js';

export interface AttachmentData {
  data: Uint8Array;
  lost: Overwrite[];
  damaged: boolean;
}

/** PidTagAttachDataBinary with what is known of its damage: reused byte ranges, or a CRC that fails where nothing says why. */
export function attachmentData(blocks: FreedBlocks, node: PstNode, props: PropertyBag, problems: WarningSink): AttachmentData | undefined {
  try {
    const raw = props.raw(PropId.AttachDataBinary);
    if (!raw || raw.type !== PropType.Binary) return undefined;
    const hnid = readPcHnid(node, PropId.AttachDataBinary);
    const holder = hnid !== undefined && (hnid & 0x1f) !== 0 ? node.subnode(asNid(hnid)) : node;
    if (!holder) return undefined;
    const data = raw.bytes;
    const lost: Overwrite[] = [];
    let damaged = false;
    let at = 0;
    const inHeap = holder === node;
    for (const bid of (holder as PstNode).blockIds()) {
      const b = blocks.freed(bid);
      const size = blocks.size(bid);
      if (b && !b.crcOk) {
        if (b.overwritten.length === 0) damaged = true;
        // A value in the heap sits somewhere in its block: find where, to shift the ranges.
        const base = inHeap ? Buffer.from(blocks.read(bid)).indexOf(Buffer.from(data)) : at;
        for (const o of b.overwritten) {
          const from = Math.max(0, o.from - base);
          const to = Math.min(data.length, o.to - base);
          if (to > from) lost.push({ from, to, by: o.by });
        }
      }
      at += size;
    }
    return { data, lost, damaged };
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    problems.fromError(e, 'attachment data');
    return undefined;
  }
}
