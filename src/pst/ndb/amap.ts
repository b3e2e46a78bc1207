// Allocation map pages (AMap), [MS-PST] 2.2.2.7.2: the first at 0x4400, then one every 253,952
// bytes; each maps the 253,952 bytes that start at its own offset, one bit per 64-byte unit,
// most significant bit first, 1 = allocated. Trusted only when ROOT.fAMapValid says so.

import type { WarningSink } from '../file/errors.js';
import type { ByteSource } from '../file/source.js';
import type { Layout } from './layout.js';

export const AMAP_FIRST = 0x4400;
export const AMAP_SPAN = 253_952;
const AMAP_BITS = 496;
const PTYPE_AMAP = 0x84;

export class AllocationMap {
  private constructor(private readonly bits: Uint8Array) {}

  /** The maps covering [0x4400, end), or undefined (with a warning) when one is not an AMap page. */
  static read(src: ByteSource, layout: Layout, end: number, warnings: WarningSink): AllocationMap | undefined {
    const count = Math.max(0, Math.ceil((Math.min(end, src.size) - AMAP_FIRST) / AMAP_SPAN));
    const bits = new Uint8Array(count * AMAP_BITS);
    for (let k = 0; k < count; k++) {
      const ib = AMAP_FIRST + k * AMAP_SPAN;
      if (ib + layout.pageSize > src.size) break;
      const page = src.read(ib, layout.pageSize);
      const t = layout.pageTrailerOffset;
      if (page[t] !== PTYPE_AMAP || page[t + 1] !== PTYPE_AMAP) {
        warnings.add({ code: 'BAD_PAGE', layer: 'ndb', offset: ib, message: `the header says the allocation maps are valid, but no AMap page is at ${ib}; scanning the whole file` });
        return undefined;
      }
      bits.set(page.subarray(0, AMAP_BITS), k * AMAP_BITS);
    }
    return new AllocationMap(bits);
  }

  /** True when the 64-byte unit at `ib` is marked free. Offsets the maps do not cover are not free. */
  isFree(ib: number): boolean {
    if (ib < AMAP_FIRST) return false;
    const unit = Math.floor((ib - AMAP_FIRST) / 64);
    const byte = this.bits[unit >>> 3];
    return byte !== undefined && (byte & (0x80 >>> (unit & 7))) === 0;
  }
}
