// The PST CRC ([MS-PST] 5.3) has two implementations: zlib's native one (Node ≥ 20.15) and a table
// for older Node 20 releases. Both must give the same value, and the value the spec's code gives.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pstCrc, tableCrc } from '../../src/pst/ndb/crc.js';

/** The spec's bytewise loop, written out plainly: CRC started at 0, no final inversion. */
function reference(data: Uint8Array): number {
  let c = 0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
}

describe('pstCrc', () => {
  it('is 0 for no bytes and matches the spec loop on known bytes', () => {
    expect(pstCrc(new Uint8Array(0))).toBe(0);
    const bytes = Uint8Array.from(Buffer.from('!BDN pophist', 'latin1'));
    expect(pstCrc(bytes)).toBe(reference(bytes));
    expect(tableCrc(bytes)).toBe(reference(bytes));
  });

  it('native and table implementations agree with the spec loop on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        const want = reference(data);
        expect(tableCrc(data)).toBe(want);
        expect(pstCrc(data)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });
});
