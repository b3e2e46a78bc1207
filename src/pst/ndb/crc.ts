// CRC-32 of [MS-PST] 5.3: the usual reflected 0xEDB88320 table, but started at 0 and not inverted.

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function pstCrc(data: Uint8Array, crc = 0): number {
  let c = crc >>> 0;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

/** wSig of page and block trailers, [MS-PST] 5.5 ComputeSig: from the low 32 bits of ib and bid. */
export function computeSig(ib: number, bid: bigint): number {
  const v = ((ib >>> 0) ^ Number(bid & 0xffffffffn)) >>> 0;
  return ((v >>> 16) ^ v) & 0xffff;
}
