// Where to mutate a PST so that every structure gets hit, found with our own reader on the intact
// file: the header, B-tree pages, block trailers, heap-on-node headers and page maps, table rows,
// the Message Manager's attachment data (the history blob), and blocks and pages in freed space.

import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { scanFreedSpace } from '../../src/pst/ndb/freed.js';
import { NidType, type Bid } from '../../src/pst/ndb/ids.js';

export type Region = 'header' | 'btree-page' | 'block-trailer' | 'heap' | 'table-rows' | 'attachment-data' | 'data-tree' | 'freed-block';

export interface Span {
  region: Region;
  start: number;
  end: number;
  /** For a data tree: the size of a block id in its entries. */
  idSize?: number;
}

export function pstSpans(bytes: Uint8Array): Span[] {
  const spans: Span[] = [{ region: 'header', start: 0, end: 564 }];
  const db = new NodeDatabase(new BufferSource(bytes));
  const L = db.layout;
  const trailerAt = L.pageTrailerOffset;
  // B-tree pages (512 bytes, 4 KiB in an Outlook 2013+ OST) whose trailer says NBT (0x81) or BBT (0x80), twice.
  for (let o = 0; o + L.pageSize <= bytes.length; o += L.pageSize) {
    const t = bytes[o + trailerAt];
    if ((t === 0x80 || t === 0x81) && bytes[o + trailerAt + 1] === t) spans.push({ region: 'btree-page', start: o, end: o + L.pageSize });
  }
  // A block's bytes on disk: its stored size (compressed, in an OST) and trailer, aligned.
  const block = (bid: Bid): { ib: number; total: number } | undefined => {
    const e = db.bbt.find(bid);
    if (e === undefined) return undefined;
    return { ib: e.ib, total: Math.ceil((e.cb + L.blockTrailerSize) / L.blockAlign) * L.blockAlign };
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
        const tree = node.subnode(sub)!.bidData;
        const xb = (tree & 2n) !== 0n ? block(tree) : undefined;
        if (xb) spans.push({ region: 'data-tree', start: xb.ib, end: xb.ib + xb.total - db.layout.blockTrailerSize, idSize: db.layout.idSize });
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
