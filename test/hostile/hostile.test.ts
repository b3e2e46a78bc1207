// Hand-made hostile files, one per hard limit: each must end quickly, with the typed error or the
// safely escaped output asserted. Made with our writer, then patched where a writer would not go.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase, type PstNode } from '../../src/pst/ndb/database.js';
import { NidType, SpecialNid, asNid, type Bid } from '../../src/pst/ndb/ids.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { PstWriter, type AttachmentSpec } from '../../tools/pstwrite/store.js';
import { runCli } from '../support/cli.js';
import { typedError } from '../support/errors.js';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-hostile-'));
const KEY_SUBJECT = 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)';

/** A small store with a Message Manager whose attachments we choose. */
function store(name: string, attachments: AttachmentSpec[], subject = KEY_SUBJECT): string {
  const f = join(dir, name);
  const w = new PstWriter(f, { variant: 'unicode', encryption: 'none', displayName: name });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  w.addMessage(inbox, { messageClass: 'IPM.Note', subject: 'ordinary', created: new Date('2024-01-01T00:00:00Z') });
  w.addAssociated(inbox, { messageClass: 'IPM.MessageManager', subject, attachments });
  w.finish();
  return f;
}

/** Time-boxed: hostile input must not make pophist work for long. */
function quickly<T>(fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  expect(performance.now() - t0).toBeLessThan(5000);
  return r;
}

const manyTags = (n: number): TagInput[] =>
  Array.from({ length: n }, (_, i) => ({ operation: 'downloaded', content: 'body', time: '2024-01-01T00:00:00Z', uid: `uid-${i}-padding-padding-padding` }));

/** The manager's first attachment node and the database, from a file's bytes. */
function managerAttachment(bytes: Uint8Array): { db: NodeDatabase; node: PstNode } {
  const db = new NodeDatabase(new BufferSource(bytes));
  for (const n of db.allNodes()) {
    if ((n.nid & 0x1f) !== NidType.ASSOC_MESSAGE) continue;
    const msg = db.requireNode(n.nid);
    const att = msg.subnodeNids().find((s) => (s & 0x1f) === NidType.ATTACHMENT);
    if (att !== undefined) return { db, node: msg.subnode(att)! };
  }
  throw new Error('no attachment');
}

/** The first internal (XBLOCK) block id behind the attachment's large value. */
function firstXblock(node: PstNode): Bid {
  for (const sub of node.subnodeNids()) {
    const bid = node.subnode(sub)!.bidData;
    if ((bid & 2n) !== 0n) return bid;
  }
  throw new Error('no XBLOCK');
}

describe('hostile files', () => {
  it('a node B-tree that points to itself: BTREE_CYCLE', () => {
    const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
    const db = new NodeDatabase(new BufferSource(bytes));
    const root = db.header.nbt.ib;
    expect(bytes[root + 491]).toBeGreaterThan(0); // an intermediate root page
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < bytes[root + 488]!; i++) view.setBigUint64(root + i * 24 + 16, BigInt(root), true);
    const e = quickly(() => typedError(() => [...new PstStore(new BufferSource(bytes)).walk()]));
    expect(e).toMatchObject({ code: 'BTREE_CYCLE', layer: 'ndb', offset: root });
  });

  it('a 4 GiB data size declared in a small file: LIMIT, no allocation, the rest still reported, inconclusive', () => {
    const f = store('huge-size.pst', [{ filename: 'Blob01020304', longFilename: 'BlobPOPx@example.com', data: encodeBlob(manyTags(600)) }]);
    const bytes = new Uint8Array(readFileSync(f));
    const { db, node } = managerAttachment(bytes);
    const x = firstXblock(node);
    new DataView(bytes.buffer).setUint32(db.blocks.offsetOf(x)! + 4, 0xffffffff, true); // lcbTotal
    writeFileSync(f, bytes);
    const r = quickly(() => runCli(['inspect', f, '--json']));
    const s = JSON.parse(r.stdout).sources[0];
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'LIMIT', layer: 'ndb' }));
    expect(s.managers[0].attachments[0]).toMatchObject({ filename: 'Blob01020304', size: 0 });
    // The history's own bytes could not be read: "no history" would be a guess.
    expect(s.status).toBe('inconclusive');
    expect(s.unread).toEqual([expect.stringContaining('data of attachment 0')]);
    expect(r.code).toBe(2);
  });

  it('a data tree declaring hundreds of levels: TOO_DEEP at once', () => {
    const f = store('deep.pst', [{ filename: 'Blob01020304', data: encodeBlob(manyTags(600)) }]);
    const bytes = new Uint8Array(readFileSync(f));
    const { db, node } = managerAttachment(bytes);
    bytes[db.blocks.offsetOf(firstXblock(node))! + 1] = 232; // cLevel
    const { node: patched } = managerAttachment(bytes);
    const e = quickly(() => typedError(() => patched.subnodeNids().map((s) => patched.subnode(s)!.data())));
    expect(e).toMatchObject({ code: 'TOO_DEEP', layer: 'ndb' });
  });

  // two-accounts.pst is not encrypted, so its bytes can be patched where they are read.
  it('a heap-on-node whose allocations overlap: BAD_HEAP with the offset', () => {
    const bytes = new Uint8Array(readFileSync(samplePath('two-accounts.pst')));
    const db = new NodeDatabase(new BufferSource(bytes));
    const bid = db.requireNode(SpecialNid.MESSAGE_STORE).blockIds()[0]!;
    const ib = db.blocks.offsetOf(bid)!;
    const view = new DataView(bytes.buffer);
    const ibHnpm = view.getUint16(ib, true);
    view.setUint16(ib + ibHnpm + 4 + 2 * 2, 3, true); // rgibAlloc[2] before rgibAlloc[1]
    const e = quickly(() => typedError(() => new PstStore(new BufferSource(bytes)).displayName));
    expect(e).toMatchObject({ code: 'BAD_HEAP', layer: 'ltp', offset: ib + ibHnpm + 8 });
  });

  it('a table context row index naming row 2^31: BAD_TC, the walk goes on', () => {
    const bytes = new Uint8Array(readFileSync(samplePath('two-accounts.pst')));
    const db = new NodeDatabase(new BufferSource(bytes));
    const store0 = new PstStore(new BufferSource(bytes));
    const inbox = [...store0.walk()].find((f) => f.name === 'Inbox')!;
    const contents = db.requireNode(asNid((inbox.nid & ~0x1f) | NidType.CONTENTS_TABLE));
    const block = contents.blocks()[0]!;
    const ib = db.blocks.offsetOf(contents.blockIds()[0]!)!;
    // HID 0x20 is the row index BTH header; its root leaf holds (row id, row index) pairs.
    const v = new DataView(block.buffer, block.byteOffset);
    const ibHnpm = v.getUint16(0, true);
    const start = (k: number): number => v.getUint16(ibHnpm + 4 + 2 * (k - 1), true);
    const hidRoot = v.getUint32(start(1) + 4, true);
    const leaf = start((hidRoot >>> 5) & 0x7ff);
    new DataView(bytes.buffer).setUint32(ib + leaf + 4, 0x80000000, true);
    const damaged = new PstStore(new BufferSource(bytes));
    const e = quickly(() => typedError(() => damaged.folder(inbox.nid, []).messageNids()));
    expect(e).toMatchObject({ code: 'BAD_TC', layer: 'ltp' });
    const r = runCli(['inspect', writeTemp('rows.pst', bytes), '--json']);
    expect(JSON.parse(r.stdout).sources[0].warnings).toContainEqual(expect.objectContaining({ code: 'BAD_TC' }));
  });

  it('a blob declaring 65,535 tags with none present: nothing invented', () => {
    const f = store('empty-blob.pst', [{ filename: 'Blob01020304', data: Uint8Array.of(3, 0, 0xff, 0xff) }]);
    const r = quickly(() => runCli(['inspect', f, '--json']));
    const h = JSON.parse(r.stdout).sources[0].histories[0];
    expect(h).toMatchObject({ declaredCount: 65535, entries: [] });
    expect(h.anomalies.map((a: { code: string }) => a.code)).toEqual(['COUNT_MISMATCH']);
    expect(r.code).toBe(1);
  });

  it('terminal escapes in a subject and a formula as UID are defused in the table and the CSV', () => {
    const f = store(
      'escapes.pst',
      [{ filename: 'Blob01020304', longFilename: 'BlobPOP\x1b[2Jx@example.com', data: encodeBlob([{ operation: 'downloaded', content: 'body', time: '2024-01-01T00:00:00Z', uid: '=HYPERLINK("http://evil.example","x")' }]) }],
      'Outlook \x1b]0;pwned\x07 Manager',
    );
    const table = runCli(['inspect', f]);
    expect(table.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(table.stdout).toContain('\\x1B]0;pwned\\x07');
    const csv = runCli(['inspect', f, '--csv']);
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.stdout).not.toMatch(/[\x1b\x07]/);
    const json = JSON.parse(runCli(['inspect', f, '--json']).stdout);
    expect(json.sources[0].managers[0].subject).toBe('Outlook \x1b]0;pwned\x07 Manager'); // exact in JSON, escaped by JSON itself
  });

  it('a file cut before its B-tree roots is a TRUNCATED error naming the cut', () => {
    // Our writer puts the B-trees last, so any cut loses them.
    const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
    const f = writeTemp('cut.pst', bytes.subarray(0, Math.floor(bytes.length * 0.9)));
    const r = quickly(() => runCli(['inspect', f, '--json']));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).sources[0].error).toMatchObject({ code: 'TRUNCATED', message: expect.stringContaining('cut at'), layer: 'ndb' });
    // The table names the file, the structure and the offset on the source's line.
    expect(runCli(['inspect', f]).stdout).toMatch(/cut\.pst {2}\(pst\) {2}error TRUNCATED: .* \(ndb, page 0x[0-9A-F]+, offset \d+\)\n/);
  });

});

describeWithCorpus('a real file cut short', () => {
  it('reports what it could read, with a TRUNCATED warning first', () => {
    // Outlook lays B-tree pages among the data, so the folders before the cut stay readable.
    const bytes = new Uint8Array(readFileSync(corpusPath('hughbe_backup_with_rules.pst')));
    const f = writeTemp('cut-real.pst', bytes.subarray(0, 1_500_000));
    const r = quickly(() => runCli(['inspect', f, '--json']));
    const s = JSON.parse(r.stdout).sources[0];
    expect(s.status).toBe('no-history');
    expect(s.store.inbox).toBe('/Top of Outlook data file/Inbox');
    expect(s.warnings[0]).toMatchObject({ code: 'TRUNCATED', layer: 'file', offset: 1_500_000 });
  });
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
}
