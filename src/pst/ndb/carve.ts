// Block and page carving: one pass over the file in large reads, looking at every block boundary
// (64 bytes; 512 in 4 KiB-page files) for a BLOCKTRAILER ([MS-PST] 2.2.2.8.1) and at every page
// boundary (512 bytes; 4 KiB) for a PAGETRAILER (2.2.2.7.1). A trailer counts when cb fits a block, wSig equals ComputeSig of its
// own offset and bid ([MS-PST] 5.5, which ties it to where it lies) and the bid is not zero; the
// CRC is then checked and reported, not required (a partly overwritten block keeps its trailer).

import { u16, u32 } from '../file/bytes.js';
import type { ByteSource } from '../file/source.js';
import { computeSig, pstCrc } from './crc.js';
import { asBid, type Bid } from './ids.js';
import type { Layout } from './layout.js';

/** A block trailer found at a block boundary (64 bytes; 512 in 4 KiB-page files). */
export interface BlockHit {
  ib: number;
  bid: Bid;
  cb: number;
  /** Its size once inflated (the trailer's, in 4 KiB-page files): cb unless compressed. */
  cbInflated: number;
  /** Bytes on disk: data, padding and trailer. */
  total: number;
  crcOk: boolean;
}

/** A node or block B-tree page (ptype 0x81 / 0x80) with a matching signature and CRC. */
export interface PageHit {
  ib: number;
  bid: Bid;
  ptype: number;
  /** The page's bytes: a view valid only during the callback. */
  bytes: Uint8Array;
}

export interface CarveVisitor {
  /** One bit per 64-byte unit of the file (bit u & 7 of byte u >> 3), set where live blocks lie. A
   * live block's bytes were all written when it was allocated, so no older trailer survives inside
   * one: those units are not looked at, and a run of 8 set bits is passed over at once. */
  live: Uint8Array;
  /** True when a trailer outside live blocks is still not to be reported (e.g. the AMap says its unit is in use). */
  known(ib: number, total: number): boolean;
  /** True when the page at this offset is live and was checked when the tree was read: its CRC is not recomputed. */
  knownPage(ib: number): boolean;
  block(hit: BlockHit): void;
  page(hit: PageHit): void;
}

/** 1 MiB: against 8 MiB, the 2 GB store's `--recover` took 0.97 of the time and 8 MB less memory
 * (each read is scanned while it is still in the processor's cache); 256 KiB gained nothing more. */
const READ_SIZE = 1024 * 1024;
const PTYPE_BBT = 0x80;
const PTYPE_NBT = 0x81;

/** Scan from the first AMap (where blocks and pages begin, [MS-PST] 2.2.2.7.2) to `end` once. Reads
 * are `readSize` bytes (a multiple of 4 KiB); the last 8 KiB of each read are kept so a block that
 * straddles two reads is seen whole. */
export function carve(src: ByteSource, layout: Layout, end: number, visit: CarveVisitor, readSize = READ_SIZE): number {
  const DATA_START = layout.amapFirst;
  const T = layout.blockTrailerSize;
  const step = layout.blockAlign;
  const pageSize = layout.pageSize;
  const wide = layout.idSize === 8;
  const maxCb = layout.maxBlockData;
  const keep = 8192;
  const limit = Math.min(end, src.size);
  // No read is longer than what lies to scan: a small store does not zero a whole read's buffer.
  const win = new Uint8Array(keep + Math.min(readSize, Math.max(0, limit - DATA_START)));
  let base = DATA_START; // file offset of win[0]
  let filled = 0;
  let scanned = 0;
  for (let at = DATA_START; at < limit; ) {
    const n = Math.min(readSize, limit - at);
    // A read whose units all lie in live blocks, eight to a 512-byte group, has nothing the loop below
    // looks at (it passes such groups over): only its last `keep` bytes are read, for the blocks of
    // the next read that begin in them.
    const skip = step === 64 && n > keep && allLive(visit.live, at, at + n) ? n - keep : 0;
    src.readInto(at + skip, win.subarray(filled + skip, filled + n));
    filled += n;
    // Every block-sized unit that ends inside this read.
    const first = at - base + step;
    const live = visit.live;
    for (let e = first; e <= filled; e += step) {
      const u = (base + e) / 64 - 1; // the 64-byte unit that ends at e
      const bits = live[u >>> 3] ?? 0;
      // Eight units in use from a 512-byte boundary: no trailer and no page can lie there.
      if (step === 64 && bits === 0xff && (u & 7) === 0 && e + 448 <= filled) {
        e += 448;
        continue;
      }
      if ((bits >>> (u & 7)) & 1) {
        if ((base + e) % pageSize === 0 && e >= pageSize) checkPage(win, e - pageSize, base, layout, visit);
        continue;
      }
      const t = e - T;
      const cb = win[t]! | (win[t + 1]! << 8);
      if (cb <= maxCb) {
        const total = (Math.ceil((cb + T) / step) * step) | 0;
        const ib = base + e - total;
        if (ib >= DATA_START && e - total >= 0) {
          const bidLo = wide ? u32(win, t + 8) : u32(win, t + 4);
          const bidHi = wide ? u32(win, t + 12) : 0;
          if ((bidLo !== 0 || bidHi !== 0) && u16(win, t + 2) === sig(ib, bidLo) && !visit.known(ib, total)) {
            const crc = wide ? u32(win, t + 4) : u32(win, t + 8);
            const s = e - total;
            const bid = asBid(BigInt(bidLo) + BigInt(bidHi) * 4294967296n);
            const cbInflated = layout.compressed ? u16(win, t + 18) : cb;
            visit.block({ ib, bid, cb, cbInflated, total, crcOk: pstCrc(win.subarray(s, s + cb)) === crc });
          }
        }
      }
      if ((base + e) % pageSize === 0 && e >= pageSize) checkPage(win, e - pageSize, base, layout, visit);
    }
    scanned += n;
    at += n;
    // Keep the tail; reads are multiples of 512 bytes, so units and pages stay aligned with the file.
    const tail = Math.min(keep, filled);
    win.copyWithin(0, filled - tail, filled);
    base += filled - tail;
    filled = tail;
  }
  return scanned;
}

/** Marks the `total` bytes of a live block at `ib` in a `live` bitset of the carver's. BBT offsets are
 * 64-byte aligned in a sound file; one that is not marks nothing. */
export function markLive(live: Uint8Array, ib: number, total: number): void {
  if (ib % 64 !== 0 || ib < 0) return;
  const end = Math.min((ib + total) / 64, live.length * 8);
  for (let u = ib / 64; u < end; u++) live[u >>> 3]! |= 1 << (u & 7);
}

/** Every 64-byte unit in [from, to) is live, in whole bytes of the bitset (from and to at 512-byte boundaries). */
function allLive(live: Uint8Array, from: number, to: number): boolean {
  if (from % 512 !== 0 || to % 512 !== 0 || to / 512 > live.length) return false;
  for (let b = from / 512; b < to / 512; b++) if (live[b] !== 0xff) return false;
  return true;
}

function sig(ib: number, bidLo: number): number {
  const v = ((ib >>> 0) ^ bidLo) >>> 0;
  return ((v >>> 16) ^ v) & 0xffff;
}

function checkPage(win: Uint8Array, p: number, base: number, layout: Layout, visit: CarveVisitor): void {
  const t = p + layout.pageTrailerOffset;
  const ptype = win[t]!;
  if ((ptype !== PTYPE_BBT && ptype !== PTYPE_NBT) || win[t + 1] !== ptype) return;
  const wide = layout.idSize === 8;
  const bid = wide ? BigInt(u32(win, t + 8)) + BigInt(u32(win, t + 12)) * 4294967296n : BigInt(u32(win, t + 4));
  const ib = base + p;
  if (u16(win, t + 2) !== computeSig(ib, bid)) return;
  const crc = wide ? u32(win, t + 4) : u32(win, t + 8);
  if (!visit.knownPage(ib) && pstCrc(win.subarray(p, t)) !== crc) return;
  visit.page({ ib, bid: asBid(bid), ptype, bytes: win.subarray(p, p + layout.pageSize) });
}
