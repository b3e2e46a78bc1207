// The pass over every message reads in bulk: one B-tree descent for many keys, a property context's
// records scanned when asked for instead of made into objects, and strings kept as stored bytes.
// Each must give exactly what the one-at-a-time reader gives, on real stores: every corpus PST and
// our samples (Unicode and ANSI, every encryption).

import { describe, expect, it } from 'vitest';
import { PstFormatError } from '../../src/pst/file/errors.js';
import { openPst, type PstStore } from '../../src/pst/messaging/store.js';
import { bthLeaves } from '../../src/pst/ltp/bth.js';
import { Heap } from '../../src/pst/ltp/heap.js';
import { readPropertyContext } from '../../src/pst/ltp/propcontext.js';
import { decodeStoredString } from '../../src/pst/ltp/property.js';
import { bbtKey } from '../../src/pst/ndb/node-block-trees.js';
import { asBid, asNid, type Nid } from '../../src/pst/ndb/ids.js';
import { StoredStrings } from '../../src/analysis/correlate/stored-strings.js';
import { u16 } from '../../src/pst/file/bytes.js';
import { corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';

const SAMPLES = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'correlation-cases.pst', 'two-accounts.pst', 'pop3-rewritten-ansi.pst'];

/** Every node of the store with the NBT's own entries, and keys that are in neither tree. */
function checkStore(store: PstStore): number {
  const nodes = store.db.nbt.entries();
  const absent = [0, 1, 0x7fffffe4, 0xffffffe0];
  const nids = [...new Set([...nodes.map((n) => n.nid as number), ...absent])].sort((a, b) => a - b);
  const viaBatch = new Map<number, unknown>();
  store.db.nbt.findSorted(Float64Array.from(nids), (k, e) => viaBatch.set(nids[k]!, e));
  for (const nid of nids) expect(viaBatch.get(nid)).toEqual(store.db.nbt.find(asNid(nid)));

  const bids = [...new Set(nodes.flatMap((n) => [n.bidData, n.bidSub]).filter((b) => b !== 0n))];
  const keys = [...new Set([...bids.map((b) => bbtKey(b)!), 2 ** 40, 3])].sort((a, b) => a - b);
  const blocks = new Map<number, unknown>();
  store.db.bbt.findSorted(Float64Array.from(keys), (k, e) => blocks.set(keys[k]!, e));
  for (const bid of bids) expect(blocks.get(bbtKey(bid)!)).toEqual(store.db.bbt.find(bid));
  expect(blocks.has(2 ** 40)).toBe(false);

  // Message PCs: each property found by scanning equals the record the whole-tree walk makes.
  let checked = 0;
  for (const n of nodes) {
    if ((n.nid & 0x1f) !== 0x04 && (n.nid & 0x1f) !== 0x08) continue;
    const node = store.db.node(n.nid as Nid)!;
    let props;
    try {
      props = readPropertyContext(node);
    } catch (e) {
      if (e instanceof PstFormatError) continue;
      throw e;
    }
    const heap = new Heap(node);
    const records = pcRecords(heap);
    const ids = new Set(records.map((r) => u16(r.key, 0)));
    expect(new Set(props.ids())).toEqual(ids);
    const strings = new StoredStrings(ids.size + 1);
    let row = 0;
    for (const id of ids) {
      const last = records.filter((r) => u16(r.key, 0) === id).at(-1)!;
      expect(props.raw(id)?.type).toBe(u16(last.data, 0));
      const text = props.string(id);
      strings.set(row, props.storedString(id));
      expect(strings.get(row)).toBe(text);
      row++;
    }
    expect(props.has(0xfffe)).toBe(ids.has(0xfffe));
    if (++checked >= 400) break;
  }
  return checked;
}

/** Every record of a PC's BTH, in order, as its own key and data. */
function pcRecords(heap: Heap): { key: Uint8Array; data: Uint8Array }[] {
  const { keySize, dataSize, leaves } = bthLeaves(heap, heap.userRoot);
  const size = keySize + dataSize;
  return leaves.flatMap((b) => Array.from({ length: b.length / size }, (_, r) => ({ key: b.subarray(r * size, r * size + keySize), data: b.subarray(r * size + keySize, (r + 1) * size) })));
}

describe('bulk reads agree with one-at-a-time reads on the samples', () => {
  it.each(SAMPLES)('%s', (file) => {
    const store = openPst(samplePath(file));
    try {
      expect(checkStore(store)).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});

describeWithCorpus('bulk reads agree with one-at-a-time reads on the corpus', () => {
  it.each(corpusFiles().filter((f) => f !== HTML_FILE))('%s', (file) => {
    const store = openPst(corpusPath(file));
    try {
      checkStore(store);
    } finally {
      store.close();
    }
  });
});

it('a stored string is the same string whether it is kept packed or as it was stored', () => {
  const strings = new StoredStrings(6, (s) => s.toUpperCase());
  const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
  const values = ['plain ascii', 'café\0after nul', 'Ünïcödé ☃ snow', '', 'odd'];
  values.forEach((v, i) => strings.set(i, { bytes: utf16(v), codepage: 1200 }));
  strings.set(5, { bytes: Uint8Array.of(0x41, 0x00, 0x42), codepage: 1200 });
  expect(values.map((_, i) => strings.get(i))).toEqual(['PLAIN ASCII', 'CAFÉ', 'ÜNÏCÖDÉ ☃ SNOW', '', 'ODD']);
  expect(strings.get(5)).toBe('A');
  strings.set(0, undefined);
  expect(strings.get(0)).toBeUndefined();
  const cp1252 = new StoredStrings(1);
  const ansi = Uint8Array.of(0xe9, 0x41, 0x00, 0x42);
  cp1252.set(0, { bytes: ansi, codepage: 1252 });
  expect(cp1252.get(0)).toBe(decodeStoredString(ansi, 1252));
  expect(cp1252.get(0)).toBe('éA');
});

it('a BBT key drops the reserved bit, and a BID beyond 2^53 is in no tree', () => {
  expect(bbtKey(asBid(2n ** 60n))).toBeUndefined();
  expect(bbtKey(asBid(0x1235n))).toBe(0x1234);
});
