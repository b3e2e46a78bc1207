// FileSource reads through an LRU of 16 KiB chunks and reuses an evicted chunk's memory, and a
// closed source's. These tests read more than the cache holds, so that chunks are evicted and
// reused, and compare every byte with the file read whole.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferSource, FileSource } from '../../src/pst/file/source.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { rng } from '../../tools/rng.js';
import { PstWriter } from '../../tools/pstwrite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-source-'));
const MiB = 1024 * 1024;

describe('FileSource', () => {
  it('returns the file bytes for any read, while evicting and reusing chunks', () => {
    const random = rng(7);
    const bytes = new Uint8Array(10 * MiB + 1234); // more than the 2 MiB the cache holds
    for (let i = 0; i < bytes.length; i++) bytes[i] = (random() * 256) | 0;
    const f = join(dir, 'random.bin');
    writeFileSync(f, bytes);
    const src = new FileSource(f);
    try {
      // A sequential sweep evicts every chunk at least once; then random reads, some across chunks,
      // some larger than the direct-read threshold, some at the short last chunk.
      let mismatches = 0;
      for (let o = 0; o + 512 <= bytes.length; o += 512) if (Buffer.compare(src.read(o, 512), bytes.subarray(o, o + 512)) !== 0) mismatches++;
      for (let k = 0; k < 4000; k++) {
        const length = k % 100 === 0 ? 70_000 : 1 + ((random() * 20_000) | 0);
        const offset = k % 250 === 0 ? bytes.length - length : (random() * (bytes.length - length)) | 0;
        if (Buffer.compare(src.read(offset, length), bytes.subarray(offset, offset + length)) !== 0) mismatches++;
      }
      expect(mismatches).toBe(0);
    } finally {
      src.close();
    }
  });

  it('gives the chunks of a closed source to the next source, which reads its own bytes through them', () => {
    const random = rng(11);
    const files = [0, 1].map((k) => {
      const bytes = new Uint8Array(3 * MiB + 77); // ends in a short chunk, which is not handed on
      for (let i = 0; i < bytes.length; i++) bytes[i] = (random() * 256) | 0;
      const f = join(dir, `file-${k}.bin`);
      writeFileSync(f, bytes);
      return { f, bytes };
    });
    const sweep = ({ f, bytes }: { f: string; bytes: Uint8Array }): number => {
      const src = new FileSource(f);
      let mismatches = 0;
      try {
        for (let o = 0; o + 4096 <= bytes.length; o += 4096) if (Buffer.compare(src.read(o, 4096), bytes.subarray(o, o + 4096)) !== 0) mismatches++;
        const tail = bytes.length - 100;
        if (Buffer.compare(src.read(tail, 100), bytes.subarray(tail)) !== 0) mismatches++;
      } finally {
        src.close();
      }
      return mismatches;
    };
    expect(files.map(sweep)).toEqual([0, 0]);
    expect(sweep(files[0]!)).toBe(0);
  });
});

describe('a store larger than the caches', () => {
  // About 12 MiB, not encoded: a block's bytes are not decoded into a copy, so a cached block that
  // still pointed into a reused chunk would read as another block's bytes.
  const f = join(dir, 'large.pst');
  const w = new PstWriter(f, { variant: 'unicode', encryption: 'none', displayName: 'large' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  const archive = w.addFolder(w.ipmSubtree, 'Archive');
  const random = rng(11);
  for (let i = 0; i < 1200; i++) {
    const data = new Uint8Array(9_000 + (i % 7) * 300);
    for (let j = 0; j < data.length; j++) data[j] = (random() * 256) | 0;
    w.addMessage(i % 3 === 0 ? archive : inbox, {
      messageClass: 'IPM.Note',
      subject: `message ${i}`,
      body: 'body text '.repeat(20 + (i % 50)),
      created: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
      attachments: [{ filename: `a${i}.bin`, longFilename: `a${i}.bin`, data }],
    });
  }
  w.finish();

  /** What the reader sees of every message: subject, creation time and attachment bytes. */
  function snapshot(store: PstStore): string[] {
    const out: string[] = [];
    for (const folder of store.walk()) {
      for (const nid of folder.messageNids()) {
        const m = store.message(nid);
        const atts = m.attachments().map((a) => Buffer.from(a.data() ?? []).toString('base64'));
        out.push(`${m.subject} ${m.created?.toISOString()} ${store.messageCreated(nid)?.toISOString()} ${atts.join(',')}`);
      }
    }
    return out;
  }

  it('reads through the file exactly as from memory', () => {
    const bytes = readFileSync(f);
    expect(bytes.length).toBeGreaterThan(10 * MiB);
    const fromMemory = snapshot(new PstStore(new BufferSource(new Uint8Array(bytes))));
    const source = new FileSource(f);
    try {
      const store = new PstStore(source);
      const first = snapshot(store);
      expect(first).toHaveLength(1200);
      expect(first).toEqual(fromMemory);
      // Creation times only (one block per message, so more chunks than the chunk cache holds are
      // read while the block cache fills), then backwards: the most recently cached blocks come
      // first, including those whose chunks have since been reused.
      const nids = [...store.walk()].flatMap((folder) => folder.messageNids());
      const times = (order: typeof nids): (string | undefined)[] => order.map((nid) => store.messageCreated(nid)?.toISOString());
      const forward = times(nids);
      expect(times([...nids].reverse()).reverse()).toEqual(forward);
      expect(forward).toEqual(fromMemory.map((line) => line.split(' ')[3]));
      expect(source.bytesRead).toBeGreaterThan(10 * MiB); // the cache was cycled through, not held whole
    } finally {
      source.close();
    }
  });
});
