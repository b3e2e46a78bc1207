// The recovery pass carves the file in reads of 1 MiB, keeping each read's last 8 KiB so that a
// block or page that straddles two reads is seen whole, and reads only that tail of a read whose
// every unit lies in live blocks (nothing there is looked at). What it finds must not depend on where
// the reads split the file nor on the reads it skips: the same block and page trailers, at the same
// offsets, with the same CRC verdicts, on real stores and on one made of long runs of live blocks.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileSource } from '../../src/pst/file/source.js';
import { alignUp } from '../../src/pst/ndb/block.js';
import { carve, markLive } from '../../src/pst/ndb/carve.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { writeAttachmentStore } from '../support/attachment-store.js';
import { samplePath } from '../support/samples.js';

/** One bit per 64-byte unit where a live block lies, from the BBT, as the recovery pass marks them. */
function liveUnits(db: NodeDatabase, size: number): Uint8Array {
  const live = new Uint8Array((size >>> 9) + 1);
  db.bbt.forEachBlock(
    (ib, cb) => markLive(live, ib, alignUp(cb + db.layout.blockTrailerSize, db.layout.blockAlign)),
    () => undefined,
  );
  return live;
}

/**
 * The live units with 8 KiB holes at the ends of reads of `readSize` bytes: none in every third read
 * (read in part, its tail only), at the start of the next (whose blocks may begin in that tail) and
 * at the end of the one after (all live but its last 8 KiB, so read whole). A live block's trailer
 * lies in every 8 KiB, and a hole makes the carver look at it.
 */
function withHoles(live: Uint8Array, start: number, readSize: number): Uint8Array {
  const out = live.slice();
  const clear = (from: number): void => {
    out.fill(0, from / 512, Math.min(out.length, (from + 8192) / 512));
  };
  for (let k = 0, at = start; at / 512 < out.length; k++, at += readSize) {
    if (k % 3 === 1) clear(at);
    if (k % 3 === 2) clear(at + readSize - 8192);
  }
  return out;
}

/** Every trailer the carver reports, read `readSize` bytes at a time (the default when undefined),
 * with no unit taken as live or with the live blocks' units passed over; and the bytes it read. */
function carved(path: string, readSize: number | undefined, withLive: boolean, holesEvery?: number): { hits: string[]; read: number } {
  const src = new FileSource(path);
  try {
    const db = new NodeDatabase(src);
    const hits: string[] = [];
    const before = src.bytesRead;
    carve(
      src,
      db.layout,
      src.size,
      {
        live: !withLive ? new Uint8Array((src.size >>> 9) + 1) : holesEvery ? withHoles(liveUnits(db, src.size), db.layout.amapFirst, holesEvery) : liveUnits(db, src.size),
        known: () => false,
        knownPage: () => false,
        block: (h) => hits.push(`block ${h.ib} ${h.bid} ${h.cb} ${h.total} ${h.crcOk}`),
        page: (h) => hits.push(`page ${h.ib} ${h.bid} ${h.ptype}`),
      },
      readSize,
    );
    return { hits, read: src.bytesRead - before };
  } finally {
    src.close();
  }
}

/** The same hits whatever the read size; reads of at most 8 KiB (the tail kept) never skip. */
function check(path: string): void {
  for (const withLive of [false, true]) {
    const reference = carved(path, 8192, withLive).hits;
    expect(reference.length).toBeGreaterThan(0);
    for (const size of [undefined, 8192 + 4096, 65_536]) expect(carved(path, size, withLive).hits, `reads of ${size ?? 'the default'} bytes`).toEqual(reference);
  }
}

describe('carving finds the same trailers whatever the read size, on the samples', () => {
  it.each(['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'pop3-ost-4k.ost'])('%s', (file) => check(samplePath(file)));
});

const dir = mkdtempSync(join(tmpdir(), 'pophist-carve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('carving skips the reads that lie wholly in live blocks', () => {
  it('finds what reading them finds, and reads a fraction of a store of 30 KB attachments', () => {
    const path = join(dir, 'attachments.pst');
    writeAttachmentStore(path, 120);
    check(path);
    const whole = carved(path, 8192, true);
    const skipping = carved(path, 65_536, true);
    expect(skipping.hits).toEqual(whole.hits);
    expect(skipping.read / whole.read).toBeLessThan(0.5);
    // Holes where a skipped read's tail, or a read's last 8 KiB, must have been read.
    const holed = carved(path, 65_536, true, 65_536);
    expect(holed.hits).toEqual(carved(path, 8192, true, 65_536).hits);
    expect(holed.hits.length).toBeGreaterThan(whole.hits.length);
    expect(holed.read).toBeLessThan(whole.read);
  });
});

describeWithCorpus('carving finds the same trailers whatever the read size, on the largest corpus stores', () => {
  // The two largest (3 and 4 MB) span several reads of the default size too.
  const largest = corpusFiles()
    .filter((f) => f !== HTML_FILE)
    .map((f) => ({ f, size: statSync(corpusPath(f)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 2)
    .map((x) => x.f);
  it.each(largest)('%s', (file) => check(corpusPath(file)));
});
