// Sizes that differ between ANSI and Unicode files. [MS-PST] 2.2.2.7 (pages), 2.2.2.8 (blocks)

import type { Variant } from '../file/header.js';
import { u32, u64 } from '../file/bytes.js';

export interface Layout {
  readonly variant: Variant;
  /** Bytes of a BID / an ib / a NID slot in B-tree entries. */
  readonly idSize: 4 | 8;
  readonly pageSize: number;
  /** Offset of cEnt in a BTPAGE (= size of rgentries). */
  readonly btMetaOffset: number;
  /** Offset of the PAGETRAILER. */
  readonly pageTrailerOffset: number;
  readonly blockTrailerSize: number;
  /** Offsets of dwCRC and of the BID within a PAGETRAILER or BLOCKTRAILER: the two swap places
   * between ANSI and Unicode. [MS-PST] 2.2.2.7.1, 2.2.2.8.1 */
  readonly trailerCrc: number;
  readonly trailerBid: number;
  readonly blockAlign: number;
  /** Largest data a block holds: 8 KiB minus its trailer. */
  readonly maxBlockData: number;
  /** Header bytes of an SLBLOCK/SIBLOCK before its entries. */
  readonly subnodeHeaderSize: number;
}

export const UNICODE: Layout = {
  variant: 'unicode',
  idSize: 8,
  pageSize: 512,
  btMetaOffset: 488,
  pageTrailerOffset: 496,
  blockTrailerSize: 16,
  trailerCrc: 4,
  trailerBid: 8,
  blockAlign: 64,
  maxBlockData: 8192 - 16,
  subnodeHeaderSize: 8,
};

export const ANSI: Layout = {
  variant: 'ansi',
  idSize: 4,
  pageSize: 512,
  btMetaOffset: 496,
  pageTrailerOffset: 500,
  blockTrailerSize: 12,
  trailerCrc: 8,
  trailerBid: 4,
  blockAlign: 64,
  maxBlockData: 8192 - 12,
  subnodeHeaderSize: 4,
};

/** A file offset (IB): 32 or 64 bits, as a number (files stay far below 2^53 bytes). */
export function readOffset(b: Uint8Array, o: number, layout: Layout): number {
  return layout.idSize === 4 ? u32(b, o) : u32(b, o) + u32(b, o + 4) * 4294967296;
}

export function readId(b: Uint8Array, o: number, layout: Layout): bigint {
  return layout.idSize === 4 ? BigInt(u32(b, o)) : u64(b, o);
}
