// CRC-32 of [MS-PST] 5.3: the usual reflected 0xEDB88320 polynomial, but started at 0 and not
// inverted. Every block and page read is checked, so this is on the hot path: zlib's native crc32
// (Node ≥ 20.15) where there is one — it starts from ~value and inverts its result, so
// ~crc32(data, ~0) is the PST's — else a slicing-by-4 table, as the spec's own code does.

import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value: number) => number;
const native = (zlib as { crc32?: Crc32 }).crc32;

const T = (() => {
  const t = new Uint32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let s = 1; s < 4; s++) t[s * 256 + n] = (t[(s - 1) * 256 + n]! >>> 8) ^ t[t[(s - 1) * 256 + n]! & 0xff]!;
  }
  return t;
})();

/** The table CRC; exported so a test holds it against zlib's on the same bytes. */
export function tableCrc(data: Uint8Array): number {
  let c = 0;
  let i = 0;
  const n4 = data.length & ~3;
  for (; i < n4; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = T[768 + (c & 0xff)]! ^ T[512 + ((c >>> 8) & 0xff)]! ^ T[256 + ((c >>> 16) & 0xff)]! ^ T[c >>> 24]!;
  }
  for (; i < data.length; i++) c = T[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

export const pstCrc: (data: Uint8Array) => number = native ? (data) => ~native(data, 0xffffffff) >>> 0 : tableCrc;

/** wSig of page and block trailers, [MS-PST] 5.5 ComputeSig: from the low 32 bits of ib and bid. */
export function computeSig(ib: number, bid: bigint): number {
  const v = ((ib >>> 0) ^ Number(bid & 0xffffffffn)) >>> 0;
  return ((v >>> 16) ^ v) & 0xffff;
}
