// Allocation maps for the writer, [MS-PST] 2.2.2.7.2 (AMap) and 2.2.2.7.3 (PMap): where they sit,
// so blocks and pages are placed around them, and their pages, written last from what is live.

import { pstCrc } from '../../src/pst/ndb/crc.js';
import type { Layout } from '../../src/pst/ndb/layout.js';

export const AMAP_FIRST = 0x4400;
export const AMAP_SPAN = 253_952;
const PMAP_FIRST = 0x4600;
const PMAP_SPAN = AMAP_SPAN * 8;
const PAGE = 512;

/** True when [ib, ib + size) would cover an AMap or PMap page. */
function hitsMapPage(ib: number, size: number): number | undefined {
  for (const [first, span] of [
    [AMAP_FIRST, AMAP_SPAN],
    [PMAP_FIRST, PMAP_SPAN],
  ] as const) {
    const k = Math.max(0, Math.ceil((ib - first - PAGE + 1) / span));
    const page = first + k * span;
    if (page < ib + size && page + PAGE > ib) return page;
  }
  return undefined;
}

/** The first offset ≥ ib where `size` bytes fit between the map pages. */
export function placeAround(ib: number, size: number): number {
  let at = ib;
  for (let page = hitsMapPage(at, size); page !== undefined; page = hitsMapPage(at, size)) at = page + PAGE;
  return at;
}

/** The AMap and PMap pages covering [0x4400, eof), from the allocated ranges; returns the free byte count. */
export function mapPages(layout: Layout, eof: number, allocated: readonly [number, number][]): { pages: { ib: number; bytes: Buffer }[]; free: number; last: number } {
  const count = Math.ceil((eof - AMAP_FIRST) / AMAP_SPAN);
  const bits = Buffer.alloc(count * 496);
  const mark = (ib: number, size: number): void => {
    for (let u = Math.floor((ib - AMAP_FIRST) / 64); u < Math.ceil((ib + size - AMAP_FIRST) / 64); u++) bits[u >>> 3]! |= 0x80 >>> (u & 7);
  };
  const pages: { ib: number; bytes: Buffer }[] = [];
  for (let k = 0; k < count; k++) mark(AMAP_FIRST + k * AMAP_SPAN, PAGE);
  for (let ib = PMAP_FIRST; ib < eof; ib += PMAP_SPAN) mark(ib, PAGE);
  for (const [ib, size] of allocated) mark(ib, size);
  // Units past the end of the file are free.
  let free = 0;
  for (let u = 0; u < count * 496 * 8; u++) if ((bits[u >>> 3]! & (0x80 >>> (u & 7))) === 0 && AMAP_FIRST + u * 64 < eof) free += 64;
  for (let k = 0; k < count; k++) pages.push({ ib: AMAP_FIRST + k * AMAP_SPAN, bytes: page(layout, 0x84, bits.subarray(k * 496, (k + 1) * 496), AMAP_FIRST + k * AMAP_SPAN) });
  // PMaps are deprecated: every page is marked allocated. [MS-PST] 2.2.2.7.3
  for (let ib = PMAP_FIRST; ib < eof; ib += PMAP_SPAN) pages.push({ ib, bytes: page(layout, 0x83, Buffer.alloc(496, 0xff), ib) });
  return { pages, free, last: AMAP_FIRST + (count - 1) * AMAP_SPAN };
}

/** A map page: its bits, then a PAGETRAILER whose bid is the page's own offset and wSig 0. [MS-PST] 2.2.2.7.1 */
function page(layout: Layout, ptype: number, bits: Uint8Array, ib: number): Buffer {
  const b = Buffer.alloc(PAGE);
  b.set(bits, 0);
  const t = layout.pageTrailerOffset;
  b[t] = ptype;
  b[t + 1] = ptype;
  b.writeUInt16LE(0, t + 2);
  const crc = pstCrc(b.subarray(0, t));
  if (layout.idSize === 8) {
    b.writeUInt32LE(crc, t + 4);
    b.writeBigUInt64LE(BigInt(ib), t + 8);
  } else {
    b.writeUInt32LE(ib, t + 4);
    b.writeUInt32LE(crc, t + 8);
  }
  return b;
}

