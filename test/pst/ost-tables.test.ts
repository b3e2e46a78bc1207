// A writer-made 4 KiB-page OST with a folder too large for one block of rows: the contents table's
// row matrix spans several (compressed) blocks, and every row is read back.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPst } from '../../src/pst/messaging/store.js';
import { NidType, siblingNid } from '../../src/pst/ndb/ids.js';
import { PstWriter } from '../../tools/pstwrite/store.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-ost-tables-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it.each([true, false])('compressed %s: 450 messages in one folder, every row and subject read back', (compress) => {
  const f = join(tmp, `big-${compress}.ost`);
  const w = new PstWriter(f, { variant: 'unicode-4k', encryption: 'none', displayName: 'big', compress });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const subjects = Array.from({ length: 450 }, (_, i) => `message ${String(i).padStart(4, '0')} with a subject long enough to fill rows`);
  for (const s of subjects) w.addMessage(inbox, { messageClass: 'IPM.Note', subject: s, created: new Date('2024-01-01T00:00:00Z') });
  w.finish();
  const store = openPst(f);
  try {
    const folder = [...store.walk()].find((x) => x.name === 'Inbox')!;
    const table = store.db.requireNode(siblingNid(folder.nid, NidType.CONTENTS_TABLE));
    // The rows live in a subnode of several blocks.
    const rowsNode = table.subnodeNids().map((n) => table.subnode(n)!).find((n) => n.blockIds().length > 1);
    expect(rowsNode).toBeDefined();
    const nids = folder.messageNids();
    expect(nids).toHaveLength(450);
    const contents = folder.contentsTable()!;
    const fromRows = Array.from({ length: contents.rowCount }, (_, i) => contents.row(i).string(0x0037));
    expect([...fromRows].sort()).toEqual([...subjects].sort());
    expect(nids.map((n) => store.message(n).subject).sort()).toEqual([...subjects].sort());
    expect(store.warnings.list).toEqual([]);
  } finally {
    store.close();
  }
});
