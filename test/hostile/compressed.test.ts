// Hostile compressed blocks in a 4 KiB-page OST: one that does not inflate, one that inflates to
// another size than declared, and a zlib bomb. Each is a warning naming the block and its offset,
// makes a search that needed it inconclusive, and never costs more memory than the declared size.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { pstCrc } from '../../src/pst/ndb/crc.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { formatBid, NidType } from '../../src/pst/ndb/ids.js';
import { inflateBlock } from '../../src/pst/ndb/inflate.js';
import { PstWriter } from '../../tools/pstwrite/store.js';
import { runCli } from '../support/cli.js';
import { typedError } from '../support/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-zlib-'));
const TRAILER = 24;

/** A compressed OST whose Message Manager holds a blob of 600 tags: several compressed data blocks. */
function ost(name: string): string {
  const f = join(dir, name);
  const w = new PstWriter(f, { variant: 'unicode-4k', encryption: 'none', displayName: name, compress: true });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const tags = Array.from({ length: 600 }, (_, i) => ({ operation: 'downloaded' as const, content: 'body' as const, time: '2024-01-01T00:00:00Z', uid: `uid-${i}-padding` }));
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    attachments: [{ filename: 'Blob01020304', longFilename: 'BlobPOPx@example.com', data: encodeBlob(tags) }],
  });
  w.finish();
  return f;
}

/** The first data block of the blob (the largest subnode value of the manager's attachment). */
function blobBlock(bytes: Uint8Array): { bid: bigint; ib: number; cb: number; cbInflated: number } {
  const db = new NodeDatabase(new BufferSource(bytes));
  for (const n of db.allNodes()) {
    if ((n.nid & 0x1f) !== NidType.ASSOC_MESSAGE) continue;
    const msg = db.requireNode(n.nid);
    const att = msg.subnodeNids().find((s) => (s & 0x1f) === NidType.ATTACHMENT);
    if (att === undefined) continue;
    const node = msg.subnode(att)!;
    const value = node.subnodeNids().map((s) => node.subnode(s)!).find((s) => s.blockIds().length > 1)!;
    const bid = value.blockIds()[0]!;
    const e = db.bbt.find(bid)!;
    expect(e.cb).toBeLessThan(e.cbInflated);
    return { bid, ib: e.ib, cb: e.cb, cbInflated: e.cbInflated };
  }
  throw new Error('no manager attachment');
}

/** New stored bytes for a block (same length), its trailer's CRC made right so only the content is wrong. */
function restore(bytes: Uint8Array, b: { ib: number; cb: number }, stored: Uint8Array): void {
  bytes.set(stored.subarray(0, b.cb), b.ib);
  const t = b.ib + Math.ceil((b.cb + TRAILER) / 512) * 512 - TRAILER;
  new DataView(bytes.buffer).setUint32(t + 4, pstCrc(bytes.subarray(b.ib, b.ib + b.cb)), true);
}

function inspectPatched(name: string, patch: (bytes: Uint8Array, b: ReturnType<typeof blobBlock>) => void): { s: Record<string, unknown> & { warnings: unknown[] }; code: number; b: ReturnType<typeof blobBlock> } {
  const f = ost(name);
  const bytes = new Uint8Array(readFileSync(f));
  const b = blobBlock(bytes);
  patch(bytes, b);
  writeFileSync(f, bytes);
  const t0 = performance.now();
  const r = runCli(['inspect', f, '--json']);
  expect(performance.now() - t0).toBeLessThan(10_000);
  return { s: JSON.parse(r.stdout).sources[0], code: r.code, b };
}

function expectBadBlock(r: ReturnType<typeof inspectPatched>, message: RegExp): void {
  expect(r.s.warnings).toContainEqual(expect.objectContaining({ code: 'BAD_BLOCK', layer: 'ndb', id: `block ${formatBid(r.b.bid as never)}`, offset: r.b.ib, message: expect.stringMatching(message) }));
  // The history's own bytes could not be read: "no history" would be a guess.
  expect(r.s.status).toBe('inconclusive');
  expect(r.s.unread).toEqual([expect.stringContaining('data of attachment 0')]);
  expect(r.code).toBe(2);
}

describe('compressed blocks that lie', () => {
  it('the unpatched store reads its history', () => {
    const r = runCli(['inspect', ost('sound.ost'), '--json']);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ status: 'history-found', warnings: [] });
  });

  it('a block that does not inflate: a warning naming the block and its offset, inconclusive', () => {
    expectBadBlock(inspectPatched('garbage.ost', (bytes, b) => restore(bytes, b, new Uint8Array(b.cb).fill(0x5a))), /does not inflate/);
  });

  it('a block that inflates to fewer bytes than declared (a cut stream)', () => {
    expectBadBlock(
      inspectPatched('short.ost', (bytes, b) => {
        const cut = new Uint8Array(b.cb);
        cut.set(bytes.subarray(b.ib, b.ib + Math.floor(b.cb / 2)));
        restore(bytes, b, cut);
      }),
      /inflates to \d+ bytes, not the \d+ declared|does not inflate/,
    );
  });

  it('a zlib bomb in the block: stopped at the declared size', () => {
    expectBadBlock(
      inspectPatched('bomb.ost', (bytes, b) => {
        // As many zeros as fit the block's stored size when deflated: tens of times the declared size.
        let n = 1 << 16;
        while (deflateSync(Buffer.alloc(n * 2), { level: 9 }).length <= b.cb) n *= 2;
        const bomb = deflateSync(Buffer.alloc(n), { level: 9 });
        expect(n).toBeGreaterThan(20 * b.cbInflated);
        const stored = new Uint8Array(b.cb);
        stored.set(bomb);
        restore(bytes, b, stored);
      }),
      /inflates to more than the \d+ bytes declared/,
    );
  });

  it('a trailer whose inflated size disagrees with the block B-tree: a warning, the size in the B-tree used, the history still read', () => {
    const r = inspectPatched('trailer.ost', (bytes, b) => {
      const t = b.ib + Math.ceil((b.cb + TRAILER) / 512) * 512 - TRAILER;
      new DataView(bytes.buffer).setUint16(t + 18, b.cbInflated + 1, true);
    });
    expect(r.s.warnings).toContainEqual(expect.objectContaining({ code: 'BAD_BLOCK', id: `block ${formatBid(r.b.bid as never)}`, message: expect.stringContaining('block trailer gives') }));
    expect(r.s.status).toBe('history-found');
  });

  it('inflation itself never goes past the declared size, whatever the stream holds', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const t0 = performance.now();
    const e = typedError(() => inflateBlock(bomb, 8000, 'block 0x4', 4096));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e).toMatchObject({ code: 'BAD_BLOCK', layer: 'ndb', id: 'block 0x4', offset: 4096 });
    expect(e.message).toMatch(/more than the 8000 bytes declared/);
  });
});
