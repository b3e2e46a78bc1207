// One malformed case per structure, made by changing bytes of a real file in memory: each must end
// in the typed error naming the right layer and file offset (or, for a CRC, a warning and the data).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../src/pst/file/header.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { asNid, SpecialNid } from '../../src/pst/ndb/ids.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { typedError } from '../support/errors.js';

const UNICODE = 'simiden_pst2john_2003_no-encryption_quickquick.pst';
const ANSI = 'simiden_pst2john_2k_outlook_qwerty1234.pst';

function load(name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(name)));
}

/** Where the data block of a node lies, found through our own ndb layer on the intact file. */
function blockOf(bytes: Uint8Array, nid: number): { ib: number; cb: number } {
  const db = new NodeDatabase(new BufferSource(bytes));
  const node = db.requireNode(asNid(nid));
  const bid = node.blockIds()[0]!;
  return { ib: db.blocks.offsetOf(bid)!, cb: db.blocks.size(bid) };
}

describe('file layer', () => {
  it('rejects a file without the !BDN magic', () => {
    const e = typedError(() => new PstStore(new BufferSource(new TextEncoder().encode('<html>not a pst</html>'))));
    expect(e.code).toBe('NOT_A_PST');
    expect(e.layer).toBe('file');
    expect(e.offset).toBe(0);
  });

  it('reads wVer 36 and 37 as 4 KiB-page OSTs and refuses an unknown version clearly instead of misreading it', () => {
    const h = new Uint8Array(1024);
    h.set([0x21, 0x42, 0x44, 0x4e], 0);
    for (const wVer of [36, 37]) {
      h[10] = wVer;
      expect(readHeader(new BufferSource(h)).variant).toBe('unicode-4k');
    }
    for (const wVer of [13, 16, 22, 38, 0xffff]) {
      h[10] = wVer & 0xff;
      h[11] = wVer >> 8;
      const e = typedError(() => readHeader(new BufferSource(h)));
      expect(e.code).toBe('UNSUPPORTED_VARIANT');
      expect(e.offset).toBe(10);
    }
  });

  it('reports a file cut inside its header', () => {
    const h = new Uint8Array(100);
    h.set([0x21, 0x42, 0x44, 0x4e], 0);
    expect(typedError(() => readHeader(new BufferSource(h))).code).toBe('TRUNCATED');
  });
});

describeWithCorpus('ndb and ltp layers on damaged copies of real files', () => {
  it('a B-tree root offset past the end of the file is OUT_OF_RANGE at that offset', () => {
    const bytes = load(UNICODE);
    const bad = 0x7fff_0000;
    new DataView(bytes.buffer).setUint32(224, bad, true); // ROOT.BREFNBT.ib, [MS-PST] 2.2.2.5
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.layer).toBe('ndb');
    expect(e.offset).toBe(bad);
  });

  it('a page of the wrong type is BAD_PAGE at the page offset', () => {
    const bytes = load(UNICODE);
    const h = readHeader(new BufferSource(bytes));
    bytes[h.nbt.ib + 496] = 0x80; // ptype: a BBT page where the NBT root should be
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('BAD_PAGE');
    expect(e.layer).toBe('ndb');
    expect(e.offset).toBe(h.nbt.ib);
  });

  it('an NBT page that points to itself is caught as a cycle, not followed', () => {
    const bytes = load(UNICODE);
    const h = readHeader(new BufferSource(bytes));
    const view = new DataView(bytes.buffer);
    expect(bytes[h.nbt.ib + 491]).toBeGreaterThan(0); // an intermediate root
    const count = bytes[h.nbt.ib + 488]!;
    for (let i = 0; i < count; i++) view.setBigUint64(h.nbt.ib + i * 24 + 16, BigInt(h.nbt.ib), true); // every BREF.ib → itself
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('BTREE_CYCLE');
    expect(e.offset).toBe(h.nbt.ib);
  });

  it('a block cut off by the end of the file is OUT_OF_RANGE at the block offset', () => {
    const bytes = load(UNICODE);
    const db = new NodeDatabase(new BufferSource(bytes));
    // The data block that lies furthest into the file, and its node.
    let last = { nid: 0, ib: -1 };
    for (const n of db.allNodes()) {
      const bid = db.requireNode(n.nid).blockIds()[0];
      const ib = bid === undefined ? -1 : db.blocks.offsetOf(bid)!;
      if (ib > last.ib) last = { nid: n.nid, ib };
    }
    const cut = new NodeDatabase(new BufferSource(bytes.subarray(0, last.ib + 8)));
    const e = typedError(() => cut.requireNode(asNid(last.nid)).data());
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.layer).toBe('ndb');
    expect(e.offset).toBe(last.ib);
  });

  it('a block trailer that names another block is BAD_BLOCK', () => {
    const bytes = load(UNICODE);
    const { ib, cb } = blockOf(bytes, SpecialNid.MESSAGE_STORE);
    const total = Math.ceil((cb + 16) / 64) * 64;
    new DataView(bytes.buffer).setBigUint64(ib + total - 8, 0x123456n, true);
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('BAD_BLOCK');
    expect(e.layer).toBe('ndb');
    expect(e.offset).toBe(ib + total - 16);
  });

  it('a CRC mismatch is a warning with the block id and offset, and reading goes on', () => {
    const bytes = load(UNICODE);
    const { ib, cb } = blockOf(bytes, SpecialNid.MESSAGE_STORE);
    const total = Math.ceil((cb + 16) / 64) * 64;
    const view = new DataView(bytes.buffer);
    view.setUint32(ib + total - 12, view.getUint32(ib + total - 12, true) ^ 1, true); // dwCRC
    const store = new PstStore(new BufferSource(bytes));
    expect(store.displayName).toBeTruthy();
    const w = store.warnings.list.find((x) => x.code === 'CRC_MISMATCH');
    expect(w).toMatchObject({ layer: 'ndb', offset: ib });
    expect(w?.id).toMatch(/^block 0x/);
  });

  it('a heap with a bad signature is BAD_HEAP in the ltp layer at the byte that is wrong', () => {
    const bytes = load(UNICODE);
    const { ib } = blockOf(bytes, SpecialNid.MESSAGE_STORE);
    bytes[ib + 2] = 0x00; // bSig, [MS-PST] 2.3.1.2 (file not encrypted, so the byte is as stored)
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('BAD_HEAP');
    expect(e.layer).toBe('ltp');
    expect(e.id).toBe('nid 0x21');
    expect(e.offset).toBe(ib + 2);
  });

  it('a heap page map pointing past its block is BAD_HEAP', () => {
    const bytes = load(UNICODE);
    const { ib } = blockOf(bytes, SpecialNid.MESSAGE_STORE);
    new DataView(bytes.buffer).setUint16(ib, 0xfff0, true); // ibHnpm
    const e = typedError(() => new PstStore(new BufferSource(bytes)));
    expect(e.code).toBe('BAD_HEAP');
    expect(e.offset).toBe(ib);
  });

  it('a table whose TCINFO has the wrong type is BAD_TC and the walk reports it and goes on', () => {
    const bytes = load(UNICODE);
    const store = new PstStore(new BufferSource(bytes));
    const root = store.rootFolder();
    const hierarchy = (SpecialNid.ROOT_FOLDER & ~0x1f) | 0x0d;
    const { ib } = blockOf(bytes, hierarchy);
    // Find the TCINFO bType (0x7C) right after the HN header's allocations: hidUserRoot's item.
    const db = new NodeDatabase(new BufferSource(bytes));
    const block = db.requireNode(asNid(hierarchy)).blocks()[0]!;
    const hidUserRoot = new DataView(block.buffer, block.byteOffset).getUint32(4, true);
    const ibHnpm = new DataView(block.buffer, block.byteOffset).getUint16(0, true);
    const start = new DataView(block.buffer, block.byteOffset).getUint16(ibHnpm + 4 + 2 * (((hidUserRoot >>> 5) & 0x7ff) - 1), true);
    expect(block[start]).toBe(0x7c);
    bytes[ib + start] = 0x00;
    const damaged = new PstStore(new BufferSource(bytes));
    const folders = [...damaged.walk()];
    expect(folders.map((f) => f.nid)).toEqual([root.nid]);
    expect(damaged.warnings.list.some((w) => w.code === 'BAD_TC' && w.layer === 'ltp')).toBe(true);
  });

  it('reads an ANSI file through the same layers', () => {
    const store = new PstStore(new BufferSource(load(ANSI)));
    expect(store.format).toEqual({ variant: 'ansi', encryption: 'permute' });
    expect([...store.walk()].length).toBeGreaterThan(1);
  });
});
