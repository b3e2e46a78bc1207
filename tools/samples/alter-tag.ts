// Alters a tag of a written sample's history in place, as an insider with a hex editor would: the
// time digits change in the block that holds them, and the block's CRC is left as it was.

import { readFileSync, writeFileSync } from 'node:fs';
import { encodeUid } from '../../src/analysis/history/uid-escape.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { decodeBlock } from '../../src/pst/ndb/block.js';
import { PstNode } from '../../src/pst/ndb/database.js';
import { permuteEncode } from '../../src/pst/ndb/crypt.js';
import { PstStore } from '../../src/pst/messaging/store.js';

export function alterTagTime(path: string, uid: string, time: string): void {
  const bytes = new Uint8Array(readFileSync(path));
  const store = new PstStore(new BufferSource(bytes));
  const { encryption } = store.format;
  const inbox = [...store.walk()].find((f) => f.name === 'Inbox')!;
  const manager = inbox.associatedNids().map((n) => store.message(n)).find((m) => m.messageClass === 'IPM.MessageManager')!;
  const node = manager.attachments()[0]!.node as PstNode;
  const tag = new RegExp(`[+&-][ hb](\\d{14})${encodeUid(uid).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\0`);
  for (const bid of node.treeBlockIds()) {
    const plain = store.db.blocks.read(bid).slice();
    const hit = tag.exec(Buffer.from(plain).toString('latin1'));
    if (!hit) continue;
    plain.set(Buffer.from(time, 'latin1'), hit.index + 2);
    // Encoded again the way the store encodes it (cyclic is its own inverse); the CRC is not touched.
    if (encryption === 'permute') permuteEncode(plain);
    else decodeBlock(plain, bid, encryption);
    bytes.set(plain, store.db.blocks.offsetOf(bid)!);
    writeFileSync(path, bytes);
    return;
  }
  throw new Error(`no tag of ${uid} in the history of ${path}`);
}
