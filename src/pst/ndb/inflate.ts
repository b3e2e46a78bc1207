// Inflating the zlib-compressed blocks of 4 KiB-page OSTs (libpff, "The 64-bit 4k page block": the
// trailer's cb is the stored size, the BBT entry and the trailer give the inflated one). The output
// is capped at the declared size, so a block that would inflate to more (a zlib bomb) is stopped
// there and reported, never held in memory.

import { constants, inflateSync } from 'node:zlib';
import { PstFormatError } from '../file/errors.js';

export function inflateBlock(stored: Uint8Array, declared: number, id: string, offset: number): Uint8Array {
  let out: Buffer;
  try {
    out = inflateSync(stored, { maxOutputLength: declared, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    const why = e instanceof RangeError ? `inflates to more than the ${declared} bytes declared` : `does not inflate (${e instanceof Error ? e.message : String(e)})`;
    throw new PstFormatError('BAD_BLOCK', `compressed block of ${stored.length} bytes ${why}`, { layer: 'ndb', id, offset });
  }
  if (out.length !== declared) {
    throw new PstFormatError('BAD_BLOCK', `compressed block of ${stored.length} bytes inflates to ${out.length} bytes, not the ${declared} declared`, { layer: 'ndb', id, offset });
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
