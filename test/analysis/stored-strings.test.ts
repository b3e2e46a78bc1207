// A store's strings kept as bytes in chunks that double from 4 KiB to 1 MiB: every value read back
// must be the one set, whichever chunk (or chunk of its own, for a value larger than a chunk) holds it.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LastDecoded, StoredStrings } from '../../src/analysis/correlate/stored-strings.js';
import { decodeStoredString, UTF16LE } from '../../src/pst/index.js';
import { rng } from '../../tools/rng.js';

const CP1252 = 1252;

describe('StoredStrings', () => {
  it('gives back every value, in UTF-16LE (packed or not) and a code page, across chunks of growing size', () => {
    const random = rng(5);
    const rows = 3000;
    const values: (string | undefined)[] = [];
    const strings = new StoredStrings(rows);
    for (let i = 0; i < rows; i++) {
      // Mostly short values, some absent, some above U+00FF (kept at two bytes a unit), and a few
      // larger than a whole chunk.
      const length = i % 997 === 0 ? (1 << 20) + 3 : 1 + ((random() * 400) | 0);
      const cp = i % 3 === 0 ? CP1252 : UTF16LE;
      const wide = cp === UTF16LE && i % 7 === 0;
      const unit = Array.from({ length: 26 }, (_, k) => String.fromCharCode(wide && k % 5 === 0 ? 0x3b1 : 0x41 + ((i + k) % 26))).join('');
      const value = i % 11 === 0 ? undefined : unit.repeat(Math.ceil(length / 26)).slice(0, length);
      values.push(value);
      strings.set(i, value === undefined ? undefined : { bytes: Buffer.from(value, cp === UTF16LE ? 'utf16le' : 'latin1'), codepage: cp });
    }
    const wrong = values.flatMap((v, i) => (strings.get(i) === v ? [] : [i]));
    expect(wrong).toEqual([]);
  });
});

describe('LastDecoded', () => {
  it('gives what decoding gives, for values that repeat, change by a byte, grow, shrink or change code page', () => {
    // A few short values of a small alphabet, in any sequence: repeats, prefixes and one-byte changes are common.
    const value = fc.record({ bytes: fc.uint8Array({ maxLength: 8 }).map((b) => b.map((x) => [0x41, 0x42, 0, 0xe9][x % 4]!)), codepage: fc.constantFrom(UTF16LE, CP1252, 65001) });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 40 }), (pool, picks) => {
        const last = new LastDecoded();
        for (const k of picks) {
          const v = k % (pool.length + 1) === pool.length ? undefined : pool[k % (pool.length + 1)]!;
          expect(last.of(v)).toBe(v && decodeStoredString(v.bytes, v.codepage));
        }
      }),
      { numRuns: 300 },
    );
  });
});
