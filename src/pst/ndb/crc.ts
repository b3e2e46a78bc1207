// CRC-32 of [MS-PST] 5.3: the usual reflected 0xEDB88320 polynomial, but started at 0 and not
// inverted. zlib's crc32 (native, Node ≥ 20.15) starts from ~value and inverts its result, so
// ~crc32(data, ~0) is the PST's: every block and page read is checked, so this is on the hot path.

import { crc32 } from 'node:zlib';

export function pstCrc(data: Uint8Array): number {
  return ~crc32(data, 0xffffffff) >>> 0;
}

/** wSig of page and block trailers, [MS-PST] 5.5 ComputeSig: from the low 32 bits of ib and bid. */
export function computeSig(ib: number, bid: bigint): number {
  const v = ((ib >>> 0) ^ Number(bid & 0xffffffffn)) >>> 0;
  return ((v >>> 16) ^ v) & 0xffff;
}
