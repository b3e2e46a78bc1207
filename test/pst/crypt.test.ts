// A pass over every message decodes a block range by range (the items its heap reads), from the
// stored bytes into a second buffer. Any set of ranges, in any order, overlapping or read again, must
// give at each offset what decoding the whole block gives: the cyclic key steps once per byte from
// the block's start. [MS-PST] 5.1, 5.2

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclic, permuteDecode, permuteEncode } from '../../src/pst/ndb/crypt.js';

const block = fc.uint8Array({ minLength: 1, maxLength: 700 });
const ranges = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 });

/** Decodes `ranges` (wrapped into the block) of `stored` into a buffer of 0x5a bytes; compares
 * every offset covered with the whole block decoded in place, and leaves the rest untouched. */
function checkRanges(stored: Uint8Array, pairs: [number, number][], decode: (from: Uint8Array, into: Uint8Array, start: number, end: number) => void): void {
  const whole = stored.slice();
  decode(whole, whole, 0, whole.length);
  const out = new Uint8Array(stored.length).fill(0x5a);
  const covered = new Uint8Array(stored.length);
  for (const [a, b] of pairs) {
    const start = a % (stored.length + 1);
    const end = start + (b % (stored.length - start + 1));
    decode(stored, out, start, end);
    covered.fill(1, start, end);
  }
  for (let i = 0; i < stored.length; i++) expect(out[i], `offset ${i}`).toBe(covered[i] ? whole[i] : 0x5a);
}

describe('block decoding by ranges', () => {
  it('permute: any ranges decode as the whole block does', () => {
    fc.assert(
      fc.property(block, ranges, (stored, pairs) => checkRanges(stored, pairs, (f, o, s, e) => permuteDecode(f, o, s, e))),
      { numRuns: 300 },
    );
  });

  it('cyclic: any ranges decode as the whole block does, for any key', () => {
    fc.assert(
      fc.property(block, ranges, fc.nat({ max: 0xffffffff }), (stored, pairs, key) => checkRanges(stored, pairs, (f, o, s, e) => cyclic(f, key, o, s, e))),
      { numRuns: 300 },
    );
  });

  it('decoding undoes encoding', () => {
    fc.assert(
      fc.property(block, fc.nat({ max: 0xffffffff }), (plain, key) => {
        const p = plain.slice();
        permuteEncode(p);
        permuteDecode(p);
        expect(p).toEqual(plain);
        const c = plain.slice();
        cyclic(c, key);
        cyclic(c, key);
        expect(c).toEqual(plain);
      }),
    );
  });
});
