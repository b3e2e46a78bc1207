// The file header the writer ends with, [MS-PST] 2.2.2.6, and its ROOT (2.2.2.5); a 4 KiB-page OST
// (wVer 36) lays it out as a Unicode file does (libpff, "The 64-bit header data").

import { HEADER_OFFSETS, type Encryption, type Variant } from '../../src/pst/file/header.js';
import { pstCrc } from '../../src/pst/ndb/crc.js';

export type { Encryption, Variant };

export interface HeaderFields {
  variant: Variant;
  encryption: Encryption;
  /** Bytes before the first block: the header region the header is written into. */
  size: number;
  eof: number;
  nextBid: bigint;
  /** Every node's NID, for the rgnid high-water marks. */
  nids: ArrayLike<number>;
  nbt: { bid: bigint; ib: number };
  bbt: { bid: bigint; ib: number };
  maps?: { last: number; free: number };
}

export function headerBytes(f: HeaderFields): Buffer {
  const h = Buffer.alloc(f.size);
  h.write('!BDN', 0, 'latin1');
  h.write(f.variant === 'unicode-4k' ? 'SO' : 'SM', 8, 'latin1');
  const ansi = f.variant === 'ansi';
  const at = HEADER_OFFSETS[ansi ? 'ansi' : 'unicode'];
  h.writeUInt16LE(f.variant === 'unicode-4k' ? 36 : at.wVer, 10);
  h.writeUInt16LE(19, 12); // wVerClient
  h[14] = 1;
  h[15] = 1;
  const crypt = f.encryption === 'none' ? 0 : f.encryption === 'permute' ? 1 : 2;
  if (ansi) {
    h.writeUInt32LE(Number(f.nextBid), 24); // bidNextB
    h.writeUInt32LE(Number(f.nextBid), 28); // bidNextP
    h.writeUInt32LE(1, 32); // dwUnique
    writeNidHighWater(h, 36, f.nids);
    h.writeUInt32LE(f.eof, at.fileEof);
    h.writeUInt32LE(Number(f.nbt.bid), at.nbt);
    h.writeUInt32LE(f.nbt.ib, at.nbt + 4);
    h.writeUInt32LE(Number(f.bbt.bid), at.bbt);
    h.writeUInt32LE(f.bbt.ib, at.bbt + 4);
    if (f.maps) {
      h.writeUInt32LE(f.maps.last, at.amapLast);
      h.writeUInt32LE(f.maps.free, at.amapFree);
    }
    h[at.amapValid] = f.maps ? 2 : 0; // VALID_AMAP2 when maps were written
    h.fill(0xff, 204, 204 + 128 + 128); // rgbFM, rgbFP
    h[at.crypt - 1] = 0x80; // bSentinel
    h[at.crypt] = crypt;
    h.writeUInt32LE(pstCrc(h.subarray(8, 8 + 471)), 4);
  } else {
    h.writeBigUInt64LE(f.nextBid, 32); // bidNextP
    h.writeUInt32LE(1, 40); // dwUnique
    writeNidHighWater(h, 44, f.nids);
    h.writeBigUInt64LE(BigInt(f.eof), at.fileEof);
    h.writeBigUInt64LE(f.nbt.bid, at.nbt);
    h.writeBigUInt64LE(BigInt(f.nbt.ib), at.nbt + 8);
    h.writeBigUInt64LE(f.bbt.bid, at.bbt);
    h.writeBigUInt64LE(BigInt(f.bbt.ib), at.bbt + 8);
    if (f.maps) {
      h.writeBigUInt64LE(BigInt(f.maps.last), at.amapLast);
      h.writeBigUInt64LE(BigInt(f.maps.free), at.amapFree);
    }
    h[at.amapValid] = f.maps ? 2 : 0; // VALID_AMAP2 when maps were written
    h.fill(0xff, 256, 256 + 256); // rgbFM, rgbFP
    h[at.crypt - 1] = 0x80; // bSentinel
    h[at.crypt] = crypt;
    h.writeBigUInt64LE(f.nextBid, 516); // bidNextB
    h.writeUInt32LE(pstCrc(h.subarray(8, 8 + 471)), 4);
    h.writeUInt32LE(pstCrc(h.subarray(8, 8 + 516)), 524);
  }
  return h;
}

/** rgnid: the next free NID per NID type, so a client that allocates never collides. [MS-PST] 2.2.2.6 */
function writeNidHighWater(h: Buffer, at: number, nids: ArrayLike<number>): void {
  const next = Array.from({ length: 32 }, () => 0x400);
  for (let i = 0; i < nids.length; i++) {
    const nid = nids[i]!;
    const t = nid & 0x1f;
    next[t] = Math.max(next[t]!, (nid >>> 5) + 1);
  }
  next.forEach((index, t) => h.writeUInt32LE(((index << 5) | t) >>> 0, at + 4 * t));
}
