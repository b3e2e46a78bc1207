// Reading every message of a store goes through the file once, forward, even when the messages of
// each folder are spread over the whole file: a folder-by-folder walk read a large store about
// eight times over. Checked on the bytes read, with a cache much smaller than the store, as the
// 2 MiB cache is for a store of hundreds of megabytes.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { inspectStore } from '../../src/analysis/evidence/inspect-store.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { FileSource } from '../../src/pst/file/source.js';
import { asNid } from '../../src/pst/ndb/ids.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { PstWriter } from '../../tools/pstwrite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-order-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = join(dir, 'interleaved.pst');
const FOLDERS = 12;
const MESSAGES = 3000;
const nids: number[] = [];
{
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'permute', displayName: 'interleaved' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const folders = [inbox, ...Array.from({ length: FOLDERS - 1 }, (_, i) => w.addFolder(w.ipmSubtree, `F${i}`))];
  const base = Date.UTC(2024, 0, 1);
  // Message i goes to folder i % FOLDERS, so every folder's messages lie all over the file.
  for (let i = 0; i < MESSAGES; i++) {
    nids.push(w.addMessage(folders[i % FOLDERS]!, { messageClass: 'IPM.Note', subject: `m${i}`, body: `${i} `.padEnd(300, 'x'), created: new Date(base + i * 60_000) }));
  }
  const tag = { operation: 'downloaded' as const, content: 'body' as const, time: '2024-01-01T00:00:00Z', uid: 'first' };
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    attachments: [{ filename: 'Blobda8ea945', longFilename: 'BlobPOPa@example.com', data: encodeBlob([tag]) }],
  });
  w.finish();
}

describe('reading messages in file order', () => {
  it('visits nodes by where their data lies, nodes not in the store last in the order given', () => {
    const store = new PstStore(new FileSource(path));
    try {
      const items = [...nids].reverse().map((nid, i) => ({ nid: asNid(nid), i }));
      const missing = [{ nid: asNid(0x7fffffe4), i: -1 }, { nid: asNid(0x7fffffc4), i: -2 }];
      const visited: { item: { nid: number; i: number }; found: boolean; nid?: number }[] = [];
      const listed = [missing[0]!, ...items, missing[1]!];
      store.db.scanInFileOrder(
        listed.map((x) => x.nid),
        (i, node) => visited.push({ item: listed[i]!, found: node !== undefined, nid: node?.nid }),
      );
      expect(visited.slice(0, MESSAGES).map((x) => x.item.nid)).toEqual(nids);
      expect(visited.slice(0, MESSAGES).every((x) => x.found && x.nid === x.item.nid)).toBe(true);
      expect(visited.slice(MESSAGES).map((x) => [x.item, x.found])).toEqual(missing.map((m) => [m, false]));
    } finally {
      store.close();
    }
  });

  it('correlating every message of a store thirty times the size of its cache reads the file less than twice', () => {
    const size = statSync(path).size;
    const cacheChunks = 8; // 128 KiB
    expect(size).toBeGreaterThan(30 * cacheChunks * 16 * 1024);
    const store = new PstStore(new FileSource(path, cacheChunks));
    try {
      const found = inspectStore(store, resolveOptions());
      expect(found.correlations?.[0]?.summary).toMatchObject({ matched: 1, ambiguous: 0, notInStore: 0 });
      // Folder by folder, this store was read 11 times over; in file order, once plus the tables and B-tree pages.
      expect(store.bytesRead / size).toBeLessThan(2);
    } finally {
      store.close();
    }
  });
});

