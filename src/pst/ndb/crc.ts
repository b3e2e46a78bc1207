// CRC-32 of [MS-PST] 5.3: the usual reflected 0xEDB88320 table, but started at 0 and not inverted.
// Computed four bytes at a time (slicing-by-4), as the spec's own code does with its 8 tables:
// every block and page read is checked, so this is on the hot path.

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

export function pstCrc(data: Uint8Array, crc = 0): number {
  let c = crc >>> 0;
  let i = 0;
  const n4 = data.length & ~3;
  for (; i < n4; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = T[768 + (c & 0xff)]! ^ T[512 + ((c >>> 8) & 0xff)]! ^ T[256 + ((c >>> 16) & 0xff)]! ^ T[c >>> 24]!;
  }
  for (; i < data.length; i++) c = T[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

/** wSig of page and block trailers, [MS-PST] 5.5 ComputeSig: from the low 32 bits of ib and bid. */
export function computeSig(ib: number, bid: bigint): number {
  const v = ((ib >>> 0) ^ Number(bid & 0xffffffffn)) >>> 0;
  return ((v >>> 16) ^ v) & 0xffff;
}
