// The recovery pass carves the file in reads of 1 MiB, keeping each read's last 8 KiB so that a
// block or page that straddles two reads is seen whole. What it finds must not depend on where the
// reads split the file: the same block and page trailers, at the same offsets, with the same CRC
// verdicts, whatever the read size, on real stores (every unit looked at, none taken as live).

import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FileSource } from '../../src/pst/file/source.js';
import { carve } from '../../src/pst/ndb/carve.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';

/** Every trailer the carver reports in the file, read `readSize` bytes at a time (the default when undefined). */
function hits(path: string, readSize?: number): string[] {
  const src = new FileSource(path);
  try {
    const db = new NodeDatabase(src);
    const out: string[] = [];
    carve(
      src,
      db.layout,
      src.size,
      {
        live: new Uint8Array((src.size >>> 9) + 1),
        known: () => false,
        knownPage: () => false,
        block: (h) => out.push(`block ${h.ib} ${h.bid} ${h.cb} ${h.total} ${h.crcOk}`),
        page: (h) => out.push(`page ${h.ib} ${h.bid} ${h.ptype}`),
      },
      readSize,
    );
    return out;
  } finally {
    src.close();
  }
}

const SIZES = [4096, 8192 + 4096, 65_536];

function check(path: string): void {
  const whole = hits(path);
  expect(whole.length).toBeGreaterThan(0);
  for (const size of SIZES) expect(hits(path, size), `reads of ${size} bytes`).toEqual(whole);
}

describe('carving finds the same trailers whatever the read size, on the samples', () => {
  it.each(['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'pop3-ost-4k.ost'])('%s', (file) => check(samplePath(file)));
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
