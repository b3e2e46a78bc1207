// The UID index keeps UIDs as bytes and finds them by a hash over those bytes. It must answer as
// the Map of strings it replaces did: the same messages, in filing order, for every string
// (Latin-1, wider, lone surrogates, the empty string), with a message filed twice in a row kept once.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { UidIndex } from '../../src/analysis/correlate/uid-index.js';
import { anyCodePoint } from '../support/arbitraries.js';

/** What StoreMessages kept before: a Map from UID to its messages. */
function reference(filings: [string, number][]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const [uid, i] of filings) {
    const had = m.get(uid);
    if (!had) m.set(uid, [i]);
    else if (had[had.length - 1] !== i) had.push(i);
  }
  return m;
}

const uid = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: anyCodePoint, maxLength: 6 }), fc.constantFrom('', 'a', 'ab', '\u6261', '\ud800', 'é', 'UID-1'));

it('finds what a Map of strings finds', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(uid, fc.nat(50)), { maxLength: 300 }), fc.array(uid, { maxLength: 20 }), (filings, probes) => {
      const index = new UidIndex();
      // Each key read back as it is filed too: key() keeps the last one it read, as the pool grows.
      const keys = filings.map(([u, i]) => {
        const k = index.add(u, i);
        expect(index.key(k)).toBe(u);
        return k;
      });
      const want = reference(filings);
      for (const [u] of filings) expect(index.get(u)).toEqual(want.get(u));
      for (const p of probes) expect(index.get(p)).toEqual(want.get(p) ?? []);
      filings.forEach(([u], n) => expect(index.key(keys[n]!)).toBe(u));
    }),
    { numRuns: 300 },
  );
});

it('holds 50,000 UIDs through its rehashes, each found again', () => {
  const index = new UidIndex();
  const name = (i: number): string => `0BC535DB-EA63-11E1-A75C-${i.toString(16).padStart(12, '0')}`;
  for (let i = 0; i < 50_000; i++) index.add(name(i), i);
  for (let i = 0; i < 50_000; i += 97) expect(index.get(name(i))).toEqual([i]);
  expect(index.get(name(50_000))).toEqual([]);
});

it('gives a key without a message, finds it by its bytes as by its string, and lists a key’s messages', () => {
  fc.assert(
    fc.property(fc.array(uid, { maxLength: 30 }), (uids) => {
      const index = new UidIndex();
      const keys = uids.map((u) => index.keyOf(u));
      expect(index.size).toBe(new Set(uids).size);
      uids.forEach((u, n) => {
        const wide = [...u].some((ch) => ch.charCodeAt(0) > 0xff);
        const bytes = Buffer.from(` ${u}`, wide ? 'utf16le' : 'latin1');
        const skip = wide ? 2 : 1;
        expect(index.keyOfBytes(bytes, skip, bytes.length, wide)).toBe(keys[n]);
        expect(index.keyNumber(u)).toBe(keys[n]);
        expect(index.filed(keys[n]!)).toEqual([]);
      });
      uids.forEach((u, n) => index.add(u, n));
      uids.forEach((u, n) => expect(index.filed(keys[n]!)).toEqual(index.get(u)));
      // Longer than any generated UID: never filed.
      expect(index.keyNumber('a UID never filed here')).toBe(-1);
    }),
    { numRuns: 200 },
  );
});

it('files messages under keys made long before, past the room its first entries had', () => {
  // A case's pools make keys and never file; a store's index files under keys made earlier.
  const index = new UidIndex();
  const keys = Array.from({ length: 1_000 }, (_, i) => index.keyOf(`uid-${i}`));
  for (const k of [0, 255, 256, 999]) expect(index.filed(k)).toEqual([]);
  index.file(keys[999]!, 7);
  index.file(keys[256]!, 8);
  index.file(keys[999]!, 9);
  index.file(keys[999]!, 9);
  expect(index.filed(keys[999]!)).toEqual([7, 9]);
  expect(index.filed(keys[256]!)).toEqual([8]);
  expect(index.get('uid-999')).toEqual([7, 9]);
  for (const k of [0, 255, 998]) expect(index.filed(k)).toEqual([]);
});
