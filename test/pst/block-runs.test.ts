// The pass over every message reads each message block's own bytes, in file order, joining close
// neighbours (BlockRuns), instead of 16 KiB chunks, and decodes only the ranges its heap reads. It
// must give exactly what the one-block reader gives (same bytes, same properties, same errors, same
// warnings) on real stores, keep checking every block's CRC and signature, and read much less than
// the file when attachment data lies between message blocks.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PstFormatError } from '../../src/pst/file/errors.js';
import { BufferSource, FileSource, type ByteSource } from '../../src/pst/file/source.js';
import { readPropertyContext } from '../../src/pst/ltp/propcontext.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import type { NodeView } from '../../src/pst/ndb/database.js';
import { isInternal } from '../../src/pst/ndb/block.js';
import { asBid, formatBid, type Nid } from '../../src/pst/ndb/ids.js';
import { corpusDir, corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { writeAttachmentStore } from '../support/attachment-store.js';
import { samplePath } from '../support/samples.js';

const SAMPLES = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'pop3-damaged.pst', 'pop3-damaged-ansi.pst', 'correlation-cases.pst', 'pop3-ost-4k.ost'];

type Outcome = { bytes: string[] } | { error: string };

function outcome(read: () => Uint8Array[]): Outcome {
  try {
    return { bytes: read().map((b) => Buffer.from(b).toString('hex')) };
  } catch (e) {
    if (e instanceof PstFormatError) return { error: `${e.code} ${e.message}` };
    throw e;
  }
}

/** Every property of a node's PC, last id first, each looked up and read twice: ranges of its heap
 * in no particular order, each read again. */
function properties(node: NodeView): Uint8Array[] {
  const bag = readPropertyContext(node);
  const ids = bag.ids().reverse();
  return [...ids, ...ids].map((id) => {
    const p = bag.raw(id)!;
    return Buffer.concat([Uint8Array.of(p.type & 0xff, p.type >> 8), p.bytes]);
  });
}

/** Every message node's data blocks through the file-order pass, and through the one-block reader of a second store on the same bytes. */
function compare(open: () => ByteSource): number {
  const scan = new PstStore(open());
  const one = new PstStore(open());
  try {
    const items = scan.db.nbt.entries().filter((e) => (e.nid & 0x1f) === 0x04 || (e.nid & 0x1f) === 0x08);
    const viaScan = new Map<Nid, [Outcome, Outcome]>();
    // The properties first: the pass decodes only the ranges a heap reads, into memory that a whole
    // block's read (blocks()) would leave decoded.
    const read = (node: NodeView): [Outcome, Outcome] => [outcome(() => properties(node)), outcome(() => node.blocks())];
    scan.db.scanInFileOrder(
      items.map((e) => e.nid),
      (i, node) => viaScan.set(items[i]!.nid, read(node!)),
    );
    for (const item of items) expect(viaScan.get(item.nid), `nid ${item.nid}`).toEqual(read(one.db.node(item.nid)!));
    const codes = (s: PstStore): string[] => s.warnings.list.map((w) => `${w.code} ${w.id} ${w.offset}`).sort();
    expect(codes(scan)).toEqual(codes(one));
    return items.length;
  } finally {
    scan.close();
    one.close();
  }
}

describe('the file-order pass reads what the one-block reader reads, on the samples', () => {
  it.each(SAMPLES)('%s', (file) => {
    expect(compare(() => new FileSource(samplePath(file)))).toBeGreaterThan(0);
  });
});

describeWithCorpus('the file-order pass reads what the one-block reader reads, on the corpus', () => {
  const ostDir = join(corpusDir, 'ost');
  const osts = existsSync(ostDir) ? readdirSync(ostDir).filter((f) => f.endsWith('.ost')).map((f) => join('ost', f)) : [];
  it.each([...corpusFiles().filter((f) => f !== HTML_FILE), ...osts])('%s', (file) => {
    compare(() => new FileSource(corpusPath(file)));
  });
});

/** The first message whose data is one data block, and where that block lies. */
function firstMessageBlock(bytes: Uint8Array): { nid: Nid; bid: string; ib: number; cb: number; span: number } {
  const store = new PstStore(new BufferSource(bytes));
  const e = store.db.nbt.entries().find((x) => (x.nid & 0x1f) === 0x04 && x.bidData !== 0n && !isInternal(asBid(x.bidData)))!;
  const b = store.db.bbt.find(asBid(e.bidData))!;
  return { nid: e.nid, bid: `block ${formatBid(asBid(e.bidData))}`, ib: b.ib, cb: b.cb, span: store.db.blocks.span(b.ib, b.cb)! };
}

describe('the file-order pass checks every block it reads', () => {
  it.each(['pop3-unicode.pst', 'pop3-ansi-cyclic.pst'])('a changed data byte is a CRC mismatch, a changed signature a bad signature (%s)', (file) => {
    for (const damage of ['CRC_MISMATCH', 'BAD_SIGNATURE'] as const) {
      const bytes = new Uint8Array(readFileSync(samplePath(file)));
      const m = firstMessageBlock(bytes);
      // A data byte, or wSig (2 bytes after cb at the trailer's start). [MS-PST] 2.2.2.8.1
      const trailer = m.ib + m.span - new PstStore(new BufferSource(bytes)).db.layout.blockTrailerSize;
      bytes[damage === 'CRC_MISMATCH' ? m.ib + Math.floor(m.cb / 2) : trailer + 2]! ^= 0x5a;
      const store = new PstStore(new BufferSource(bytes));
      expect(store.warnings.list.some((w) => w.id === m.bid)).toBe(false);
      let visited = 0;
      store.db.scanInFileOrder([m.nid], (_, node) => {
        node!.blocks();
        visited++;
      });
      expect(visited).toBe(1);
      expect(store.warnings.list.filter((w) => w.id === m.bid).map((w) => [w.code, w.offset])).toEqual([[damage, m.ib]]);
      expect(compare(() => new BufferSource(bytes))).toBeGreaterThan(0);
    }
  });
});

const dir = mkdtempSync(join(tmpdir(), 'pophist-runs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the file-order pass reads the message blocks, not the attachments between them', () => {
  it('reads a tenth of a store whose messages each carry 30 KB of attachment', () => {
    const path = join(dir, 'attachments.pst');
    writeAttachmentStore(path, 400);
    const store = new PstStore(new FileSource(path));
    try {
      const items = store.db.nbt.entries().filter((e) => (e.nid & 0x1f) === 0x04);
      expect(items.length).toBe(400);
      const before = store.bytesRead;
      let subjects = 0;
      store.scanMessageNids(
        items.map((e) => e.nid),
        (_, read) => void (read().subject?.startsWith('m') && subjects++),
      );
      expect(subjects).toBe(400);
      // Each message block is about 1 KB against 31 KB of message: 16 KiB chunks read half the file.
      expect((store.bytesRead - before) / statSync(path).size).toBeLessThan(0.1);
    } finally {
      store.close();
    }
  });
});
