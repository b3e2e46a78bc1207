// PT_SYSTIME values become milliseconds since 1970 in doubles (filetimeMillis), with no BigInt per
// value; they must equal the BigInt reckoning, truncated toward zero, for every 64-bit FILETIME.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filetimeMillis } from '../../src/pst/ltp/property.js';

const EPOCH = 116444736000000000n;
const reference = (ft: bigint): number => Number((ft - EPOCH) / 10000n);
const bytesOf = (ft: bigint): Uint8Array => {
  const b = Buffer.alloc(10);
  b.writeBigUInt64LE(ft, 1);
  return b;
};

describe('filetimeMillis', () => {
  it('equals the BigInt reckoning at the edges', () => {
    const edges = [0n, 1n, 9999n, 10000n, EPOCH - 10001n, EPOCH - 10000n, EPOCH - 1n, EPOCH, EPOCH + 1n, EPOCH + 9999n, EPOCH + 10000n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n];
    for (const ft of edges) expect(filetimeMillis(bytesOf(ft), 1), `${ft}`).toBe(reference(ft));
    // 2024-01-01T00:00:00.123Z
    expect(new Date(filetimeMillis(bytesOf(133485408001230000n), 1)).toISOString()).toBe('2024-01-01T00:00:00.123Z');
  });

  it('equals the BigInt reckoning for any 64-bit value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (ft) => {
        expect(filetimeMillis(bytesOf(ft), 1)).toBe(reference(ft));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n * EPOCH }), (ft) => {
        expect(filetimeMillis(bytesOf(ft), 1)).toBe(reference(ft));
      }),
      { numRuns: 2000 },
    );
  });
});
