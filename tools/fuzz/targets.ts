// Where to mutate a PST so that every structure gets hit, found with our own reader on the intact
// file: the header, B-tree pages, block trailers, heap-on-node headers and page maps, table rows,
// the Message Manager's attachment data (the history blob), and blocks and pages in freed space.

import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { scanFreedSpace } from '../../src/pst/ndb/freed.js';
import { NidType, type Bid } from '../../src/pst/ndb/ids.js';

export type Region = 'header' | 'btree-page' | 'block-trailer' | 'heap' | 'table-rows' | 'attachment-data' | 'freed-block';

export interface Span {
  region: Region;
  start: number;
  end: number;
}

export function pstSpans(bytes: Uint8Array): Span[] {
  const spans: Span[] = [{ region: 'header', start: 0, end: 564 }];
  const db = new NodeDatabase(new BufferSource(bytes));
  const trailerAt = db.layout.pageTrailerOffset;
  // B-tree pages: 512-byte pages whose trailer says NBT (0x81) or BBT (0x80), twice.
  for (let o = 0; o + 512 <= bytes.length; o += 512) {
    const t = bytes[o + trailerAt];
    if ((t === 0x80 || t === 0x81) && bytes[o + trailerAt + 1] === t) spans.push({ region: 'btree-page', start: o, end: o + 512 });
  }
  const block = (bid: Bid): { ib: number; total: number } | undefined => {
    const ib = db.blocks.offsetOf(bid);
    if (ib === undefined) return undefined;
    return { ib, total: Math.ceil((db.blocks.size(bid) + db.layout.blockTrailerSize) / 64) * 64 };
  };
  for (const n of db.allNodes()) {
    const node = db.requireNode(n.nid);
    const type = n.nid & 0x1f;
    for (const bid of node.blockIds()) {
      const b = block(bid);
      if (!b) continue;
      spans.push({ region: 'block-trailer', start: b.ib + b.total - db.layout.blockTrailerSize, end: b.ib + b.total });
      spans.push({ region: 'heap', start: b.ib, end: b.ib + Math.min(64, b.total) });
      if (type === NidType.CONTENTS_TABLE || type === NidType.ASSOC_CONTENTS_TABLE || type === NidType.HIERARCHY_TABLE) {
        spans.push({ region: 'table-rows', start: b.ib, end: b.ib + b.total - db.layout.blockTrailerSize });
      }
    }
    if (type === NidType.ASSOC_MESSAGE) {
      for (const sub of node.subnodeNids()) {
        if ((sub & 0x1f) !== NidType.ATTACHMENT) continue;
        for (const bid of node.subnode(sub)!.blockIds()) {
          const b = block(bid);
          if (b) spans.push({ region: 'attachment-data', start: b.ib, end: b.ib + b.total - db.layout.blockTrailerSize });
        }
      }
    }
  }
  for (const b of scanFreedSpace(db).blocks.all()) spans.push({ region: 'freed-block', start: b.ib, end: b.ib + b.total });
  return spans;
}
