// Our writer keeps a folder's contents rows as compact records, and past 64 KiB a folder in a
// scratch file, and writes BBT leaf pages as blocks fill them, so that a bench store of a million
// messages fits its memory goal. What it writes must read back, row by row and block by block.

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openPst } from '../../src/pst/messaging/store.js';
import { PropId } from '../../src/pst/messaging/proptags.js';
import { PstWriter } from '../../tools/pstwrite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a folder of 2,000 messages (its rows spilled to a scratch file) lists every row as written', () => {
  const path = join(dir, 'rows.pst');
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'none', displayName: 'rows' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  const scratch = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('pstwrite-'));
  const before = new Set(scratch());
  const subject = (i: number): string => (i % 3 === 0 ? `Привет ${i} ☃` : i % 3 === 1 ? `café ${i}` : `plain ${i}`.repeat(1 + (i % 5)));
  const nids: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const created = i % 2 ? new Date(Date.UTC(2024, 0, 1) + i * 60_000) : undefined;
    nids.push(w.addMessage(inbox, { messageClass: i % 7 ? 'IPM.Note' : 'IPM.Note.SMIME', subject: subject(i), flags: i & 3, ...(created ? { created, delivered: created } : {}) }));
  }
  const spilled = scratch().filter((f) => !before.has(f));
  expect(spilled.length).toBe(1);
  w.finish();
  expect(existsSync(join(tmpdir(), spilled[0]!))).toBe(false);

  const store = openPst(path);
  try {
    const folder = [...store.walk()].find((f) => f.name === 'Inbox')!;
    const table = folder.contentsTable()!;
    expect(table.rowCount).toBe(2000);
    for (let i = 0; i < 2000; i++) {
      const row = table.row(i);
      expect(table.rowId(i)).toBe(nids[i]);
      expect(row.string(PropId.Subject)).toBe(subject(i));
      expect(row.string(PropId.MessageClass)).toBe(i % 7 ? 'IPM.Note' : 'IPM.Note.SMIME');
      expect(row.int(PropId.MessageFlags)).toBe(i & 3);
      expect(row.time(PropId.MessageDeliveryTime)?.getTime()).toBe(i % 2 ? Date.UTC(2024, 0, 1) + i * 60_000 : undefined);
    }
  } finally {
    store.close();
  }
});

it('a store of more blocks than the writer holds has BBT leaves among its blocks, and every message reads back', () => {
  const path = join(dir, 'leaves.pst');
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'permute', displayName: 'leaves' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  // Four blocks a message (its PC, attachment and recipient tables, subnode block): past 65,536 rows.
  for (let i = 0; i < 17_000; i++) w.addMessage(inbox, { messageClass: 'IPM.Note', subject: `m${i}` });
  w.finish();
  const store = openPst(path);
  try {
    const blocks: number[] = [];
    const pages: number[] = [];
    store.db.bbt.forEachBlock((ib) => blocks.push(ib), (ib) => pages.push(ib));
    expect(blocks.length).toBeGreaterThan(1 << 16);
    expect(Math.min(...pages)).toBeLessThan(Math.max(...blocks));
    const nids = [...store.walk()].find((f) => f.name === 'Inbox')!.messageNids();
    let read = 0;
    store.scanMessageNids(nids, (i, message) => void (message().subject === `m${i}` && read++));
    expect(read).toBe(17_000);
    expect(store.warnings.list).toEqual([]);
  } finally {
    store.close();
  }
});
