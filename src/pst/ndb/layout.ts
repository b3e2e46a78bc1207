// Sizes that differ between ANSI, Unicode and the 4 KiB-page Unicode files of Outlook 2013+ OSTs.
// [MS-PST] 2.2.2.7 (pages), 2.2.2.8 (blocks); the 4 KiB variant after libpff's "Personal Folder
// File (PFF) format", sections "The 64-bit 4k page", "The 64-bit 4k page index B-tree node" and
// "The 64-bit 4k page block".

import type { Variant } from '../file/header.js';
import { u16, u32, u64 } from '../file/bytes.js';

export interface Layout {
  readonly variant: Variant;
  /** Bytes of a BID / an ib / a NID slot in B-tree entries. */
  readonly idSize: 4 | 8;
  readonly pageSize: number;
  /** Offset of cEnt in a BTPAGE (= size of rgentries). */
  readonly btMetaOffset: number;
  /** Width of cEnt and cEntMax (cbEnt and cLevel follow, one byte each). */
  readonly btCountSize: 1 | 2;
  /** Offset of the PAGETRAILER. */
  readonly pageTrailerOffset: number;
  readonly blockTrailerSize: number;
  /** Offsets of dwCRC and of the BID within a PAGETRAILER or BLOCKTRAILER: the two swap places
   * between ANSI and Unicode. [MS-PST] 2.2.2.7.1, 2.2.2.8.1 */
  readonly trailerCrc: number;
  readonly trailerBid: number;
  readonly blockAlign: number;
  /** Largest data a block holds as stored: 8 KiB minus its trailer. */
  readonly maxBlockData: number;
  /** Header bytes of an SLBLOCK/SIBLOCK before its entries. */
  readonly subnodeHeaderSize: number;
  /** Blocks may be zlib-compressed: a BBTENTRY and a BLOCKTRAILER also give the inflated size. */
  readonly compressed: boolean;
  /** Bit where a HID's block index starts: above 11 index bits, or 14 in 4 KiB-page files. */
  readonly hidBlockShift: 16 | 19;
  /** The first AMap page, the bytes each of its bits covers and the bits in a page. [MS-PST] 2.2.2.7.2 */
  readonly amapFirst: number;
  readonly amapUnit: number;
  readonly amapBits: number;
}

export const UNICODE: Layout = {
  variant: 'unicode',
  idSize: 8,
  pageSize: 512,
  btMetaOffset: 488,
  btCountSize: 1,
  pageTrailerOffset: 496,
  blockTrailerSize: 16,
  trailerCrc: 4,
  trailerBid: 8,
  blockAlign: 64,
  maxBlockData: 8192 - 16,
  subnodeHeaderSize: 8,
  compressed: false,
  hidBlockShift: 16,
  amapFirst: 0x4400,
  amapUnit: 64,
  amapBits: 496 * 8,
};

export const ANSI: Layout = {
  variant: 'ansi',
  idSize: 4,
  pageSize: 512,
  btMetaOffset: 496,
  btCountSize: 1,
  pageTrailerOffset: 500,
  blockTrailerSize: 12,
  trailerCrc: 8,
  trailerBid: 4,
  blockAlign: 64,
  maxBlockData: 8192 - 12,
  subnodeHeaderSize: 4,
  compressed: false,
  hidBlockShift: 16,
  amapFirst: 0x4400,
  amapUnit: 64,
  amapBits: 496 * 8,
};

/** 4 KiB pages (cEnt and cEntMax 16-bit, a 24-byte trailer), blocks 512-byte aligned with a 24-byte
 * trailer that adds the inflated size, one AMap at 0x22000 whose bits cover 512 bytes each. Stored
 * block data stays below 8 KiB; inflated, a block holds up to 64 KiB. */
export const UNICODE_4K: Layout = {
  variant: 'unicode-4k',
  idSize: 8,
  pageSize: 4096,
  btMetaOffset: 4056,
  btCountSize: 2,
  pageTrailerOffset: 4072,
  blockTrailerSize: 24,
  trailerCrc: 4,
  trailerBid: 8,
  blockAlign: 512,
  maxBlockData: 8192 - 24,
  subnodeHeaderSize: 8,
  compressed: true,
  hidBlockShift: 19,
  amapFirst: 0x22000,
  amapUnit: 512,
  amapBits: 4072 * 8,
};

export function layoutOf(variant: Variant): Layout {
  return variant === 'ansi' ? ANSI : variant === 'unicode-4k' ? UNICODE_4K : UNICODE;
}

/** A BTPAGE's cEnt, cEntMax, cbEnt and cLevel. [MS-PST] 2.2.2.7.7.1 */
export function btMeta(page: Uint8Array, layout: Layout): { count: number; max: number; entrySize: number; level: number } {
  const m = layout.btMetaOffset;
  const c = layout.btCountSize;
  return {
    count: c === 2 ? u16(page, m) : page[m]!,
    max: c === 2 ? u16(page, m + 2) : page[m + 1]!,
    entrySize: page[m + 2 * c]!,
    level: page[m + 2 * c + 1]!,
  };
}

/** A file offset (IB): 32 or 64 bits, as a number (files stay far below 2^53 bytes). */
export function readOffset(b: Uint8Array, o: number, layout: Layout): number {
  return layout.idSize === 4 ? u32(b, o) : u32(b, o) + u32(b, o + 4) * 4294967296;
}

export function readId(b: Uint8Array, o: number, layout: Layout): bigint {
  return layout.idSize === 4 ? BigInt(u32(b, o)) : u64(b, o);
}
