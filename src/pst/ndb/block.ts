// Blocks and their BLOCKTRAILER, [MS-PST] 2.2.2.8: located through the BBT, checked
// (back-pointer, signature, CRC-32) and, for data blocks, decoded.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/a14943ef-70c2-403f-898c-5bc3747117e1 (BLOCKTRAILER)

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError, type WarningSink } from '../file/errors.js';
import type { Encryption } from '../file/header.js';
import type { ByteSource } from '../file/source.js';
import type { BbtEntry, BlockBTree } from './node-block-trees.js';
import { computeSig, pstCrc } from './crc.js';
import { cyclic, permuteDecode } from './crypt.js';
import { formatBid, type Bid } from './ids.js';
import { inflateBlock } from './inflate.js';
import { readId, type Layout } from './layout.js';

/** Bit 1 of a BID marks an internal block (XBLOCK, XXBLOCK, SLBLOCK, SIBLOCK). [MS-PST] 2.2.2.2 */
export const isInternal = (bid: Bid): boolean => (bid & 2n) !== 0n;

const CACHE_BLOCKS = 1024;

/** Where a block lies, its stored size and its size once inflated, from its BBT entry. */
export type BlockPlace = Pick<BbtEntry, 'ib' | 'cb' | 'cbInflated'>;

/** Blocks by id, decoded: the live ones through the BBT, or ones rebuilt from freed space. */
export interface BlockSource {
  readonly fileSize: number;
  /** Size of a block's data as read: its stored size (cb), or its inflated size when compressed. */
  size(bid: Bid): number;
  offsetOf(bid: Bid): number | undefined;
  read(bid: Bid): Uint8Array;
}

export class BlockReader implements BlockSource {
  private readonly cache = new Map<bigint, Uint8Array>();
  private scratch = new Uint8Array(8192);
  /** A block's bytes as stored, for readOnce to decode from into `scratch` range by range. */
  private stored = new Uint8Array(8192);

  constructor(
    private readonly src: ByteSource,
    private readonly layout: Layout,
    private readonly bbt: BlockBTree,
    private readonly encryption: Encryption,
    private readonly warnings: WarningSink,
  ) {}

  get fileSize(): number {
    return this.src.size;
  }

  /** Size of a block's data as read, from the BBT. */
  size(bid: Bid): number {
    return this.entry(bid).cbInflated;
  }

  /** File offset of a block, for error messages. */
  offsetOf(bid: Bid): number | undefined {
    return this.bbt.find(bid)?.ib;
  }

  private entry(bid: Bid): BbtEntry {
    const entry = this.bbt.find(bid);
    if (!entry) throw new PstFormatError('NOT_FOUND', 'block is not in the block B-tree', { layer: 'ndb', id: `block ${formatBid(bid)}` });
    return entry;
  }

  /** The block's data, decoded when it is a data block. The result must not be modified. */
  read(bid: Bid): Uint8Array {
    const key = bid & ~1n;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const data = this.load(bid, this.entry(bid));
    if (this.cache.size >= CACHE_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, data);
    return data;
  }

  /**
   * A block already located in the BBT, read into memory reused by the next such read and not
   * cached: for a pass that reads each block once (every message of a store). The result is only
   * valid until the next `readOnce`. `raw`: the block's bytes as stored (its {@link span} at
   * `entry.ib`), when the pass has read them already; they are checked as if read here. The whole
   * block is checked (CRC, signature) but decoded only in the ranges asked for: a pass that reads a
   * dozen properties of each message does not decode the body beside them.
   */
  readOnce(bid: Bid, entry: BlockPlace, raw?: Uint8Array): BlockBytes {
    const hit = this.cache.get(bid & ~1n);
    if (hit) return new DecodedBytes(hit);
    if (isCompressed(this.layout, entry.cb, entry.cbInflated) || isInternal(bid) || this.encryption === 'none') {
      if (this.scratch.length < entry.cb) this.scratch = new Uint8Array(Math.max(entry.cb, 2 * this.scratch.length));
      return new DecodedBytes(this.load(bid, entry, this.scratch, raw));
    }
    if (this.stored.length < entry.cb) this.stored = new Uint8Array(Math.max(entry.cb, 2 * this.stored.length));
    if (this.scratch.length < entry.cb) this.scratch = new Uint8Array(this.stored.length);
    const stored = this.stored.subarray(0, entry.cb);
    stored.set(this.checked(bid, entry, raw));
    return new EncodedBytes(stored, this.scratch.subarray(0, entry.cb), bid, this.encryption);
  }

  /** How many bytes a block of `cb` bytes takes in the file (data, padding, trailer), or undefined
   * when a block of that size at `ib` would run past the end of the file. */
  span(ib: number, cb: number): number | undefined {
    const total = alignUp(cb + this.layout.blockTrailerSize, this.layout.blockAlign);
    return ib < 0 || ib + total > this.src.size ? undefined : total;
  }

  /** Checks a block afresh (no cache, no warning): the problem its trailer shows, if any, and where it lies. */
  check(bid: Bid): { problem: BlockProblem; offset: number } | undefined {
    const entry = this.entry(bid);
    const total = alignUp(entry.cb + this.layout.blockTrailerSize, this.layout.blockAlign);
    if (entry.ib < 0 || entry.ib + total > this.src.size) return { problem: 'BAD_BLOCK', offset: entry.ib };
    const problem = this.trailer(this.src.read(entry.ib, total), total - this.layout.blockTrailerSize, bid, entry).problem;
    return problem ? { problem, offset: entry.ib } : undefined;
  }

  private trailer(raw: Uint8Array, t: number, bid: Bid, entry: BlockPlace): TrailerCheck {
    const L = this.layout;
    const cb = u16(raw, t);
    const backBid = readId(raw, t + L.trailerBid, L);
    if (cb !== entry.cb || (backBid & ~1n) !== (bid & ~1n)) return { cb, backBid, crcOk: false, sigOk: false, problem: 'BAD_BLOCK' };
    const crcOk = pstCrc(raw.subarray(0, cb)) === u32(raw, t + L.trailerCrc);
    const sigOk = u16(raw, t + 2) === computeSig(entry.ib, backBid);
    return { cb, backBid, crcOk, sigOk, problem: !crcOk ? 'CRC_MISMATCH' : !sigOk ? 'BAD_SIGNATURE' : undefined };
  }

  /** Reads (unless given its bytes), checks and decodes a block, into a new array or into `into`. */
  private load(bid: Bid, entry: BlockPlace, into?: Uint8Array, read?: Uint8Array): Uint8Array {
    const stored = this.checked(bid, entry, read);
    // A copy, decoded in place: the source's view is only valid until its next read.
    let data: Uint8Array;
    if (isCompressed(this.layout, stored.length, entry.cbInflated)) {
      // Encoding, when a store has one, applies to the bytes as stored (not seen in real files).
      data = stored.slice();
      decodeBlock(data, bid, this.encryption);
      return inflateBlock(data, entry.cbInflated, `block ${formatBid(bid)}`, entry.ib);
    }
    if (into) {
      data = into.subarray(0, stored.length);
      data.set(stored);
    } else data = stored.slice();
    decodeBlock(data, bid, this.encryption);
    return data;
  }

  /** Reads (unless given its bytes) and checks a block: its data as stored, a view valid until the
   * source's next read. A trailer that is not the block's throws; a bad CRC or signature warns. */
  private checked(bid: Bid, entry: BlockPlace, read?: Uint8Array): Uint8Array {
    // Named only when something is wrong: formatting a BigInt per read was a measurable cost.
    const id = (): string => `block ${formatBid(bid)}`;
    const L = this.layout;
    const total = alignUp(entry.cb + L.blockTrailerSize, L.blockAlign);
    if (entry.ib < 0 || entry.ib + total > this.src.size) {
      throw new PstFormatError('OUT_OF_RANGE', `block of ${entry.cb} bytes at ${entry.ib} runs past the end of the file`, {
        layer: 'ndb',
        id: id(),
        offset: entry.ib,
      });
    }
    const raw = read?.length === total ? read : this.src.read(entry.ib, total);
    const t = total - L.blockTrailerSize;
    const trailer = this.trailer(raw, t, bid, entry);
    if (trailer.problem === 'BAD_BLOCK') {
      throw new PstFormatError('BAD_BLOCK', `block trailer does not belong to this block (cb ${trailer.cb}, bid ${formatBid(trailer.backBid as Bid)})`, {
        layer: 'ndb',
        id: id(),
        offset: entry.ib + t,
      });
    }
    if (!trailer.crcOk) {
      this.warnings.add({ code: 'CRC_MISMATCH', layer: 'ndb', id: id(), offset: entry.ib, message: 'block CRC does not match its contents; read anyway' });
    }
    if (!trailer.sigOk) {
      this.warnings.add({ code: 'BAD_SIGNATURE', layer: 'ndb', id: id(), offset: entry.ib, message: 'block signature does not match; read anyway' });
    }
    if (L.compressed && u16(raw, t + 18) !== entry.cbInflated) {
      const message = `block trailer gives ${u16(raw, t + 18)} bytes inflated, the block B-tree ${entry.cbInflated}; the B-tree's is used`;
      this.warnings.add({ code: 'BAD_BLOCK', layer: 'ndb', id: id(), offset: entry.ib + t, message });
    }
    return raw.subarray(0, trailer.cb);
  }
}

/** A data block as a heap reads it: bytes [start, end) (within `length`), decoded. */
export interface BlockBytes {
  readonly length: number;
  range(start: number, end: number): Uint8Array;
}

/** A block decoded whole. */
export class DecodedBytes implements BlockBytes {
  constructor(private readonly data: Uint8Array) {}
  get length(): number {
    return this.data.length;
  }
  range(start: number, end: number): Uint8Array {
    return this.data.subarray(start, end);
  }
}

/** A block checked but still encoded: each range is decoded from the stored bytes into `out`, so
 * ranges read twice, or that overlap, come out alike. */
class EncodedBytes implements BlockBytes {
  constructor(
    private readonly stored: Uint8Array,
    private readonly out: Uint8Array,
    private readonly bid: Bid,
    private readonly encryption: Encryption,
  ) {}
  get length(): number {
    return this.stored.length;
  }
  range(start: number, end: number): Uint8Array {
    decodeRange(this.stored, this.out, start, Math.min(end, this.stored.length), this.bid, this.encryption);
    return this.out.subarray(start, end);
  }
}

/** What a block's BLOCKTRAILER says of it: its size and back-pointer, signature and CRC. [MS-PST] 2.2.2.8.1 */
interface TrailerCheck {
  cb: number;
  backBid: bigint;
  crcOk: boolean;
  sigOk: boolean;
  /** The first check that fails, the trailer's own (size, back-pointer) first. */
  problem?: BlockProblem;
}

export type BlockProblem = 'BAD_BLOCK' | 'CRC_MISMATCH' | 'BAD_SIGNATURE';

/** A block of a 4 KiB-page file is compressed when its inflated size is given and differs from
 * its stored one (libpff, "The 64-bit 4k page block"). */
export function isCompressed(layout: Layout, cb: number, cbInflated: number): boolean {
  return layout.compressed && cbInflated !== 0 && cb !== 0 && cbInflated !== cb;
}

/** Decode a data block in place with the store's method; internal blocks are never encoded. [MS-PST] 2.2.2.8.1 */
export function decodeBlock(data: Uint8Array, bid: Bid, encryption: Encryption): void {
  if (!isInternal(bid)) decodeRange(data, data, 0, data.length, bid, encryption);
}

/** Bytes [start, end) of data block `bid`, decoded from `stored` into `out` at the same offsets
 * (a store without encoding is only ever decoded in place, which leaves it as it is). */
function decodeRange(stored: Uint8Array, out: Uint8Array, start: number, end: number, bid: Bid, encryption: Encryption): void {
  if (encryption === 'permute') permuteDecode(stored, out, start, end);
  else if (encryption === 'cyclic') cyclic(stored, Number(bid & 0xfffffffen), out, start, end);
}

export function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
