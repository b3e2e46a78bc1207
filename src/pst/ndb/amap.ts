// Allocation map pages (AMap), [MS-PST] 2.2.2.7.2: the first at 0x4400, then one every 253,952
// bytes; each maps the 253,952 bytes that start at its own offset, one bit per 64-byte unit,
// most significant bit first, 1 = allocated. In 4 KiB-page files the first is at 0x22000 and each
// bit covers 512 bytes (libpff, "The 64-bit 4k page allocation table"; checked on a real OST, whose
// one AMap maps its 16 MiB). Trusted only when ROOT.fAMapValid says so.

import type { WarningSink } from '../file/errors.js';
import type { ByteSource } from '../file/source.js';
import type { Layout } from './layout.js';

const PTYPE_AMAP = 0x84;

export class AllocationMap {
  private constructor(
    private readonly bits: Uint8Array,
    private readonly layout: Layout,
  ) {}

  /** The maps covering [first AMap, end), or undefined (with a warning) when one is not an AMap page. */
  static read(src: ByteSource, layout: Layout, end: number, warnings: WarningSink): AllocationMap | undefined {
    const bytesPerPage = layout.amapBits / 8;
    const span = layout.amapBits * layout.amapUnit;
    const count = Math.max(0, Math.ceil((Math.min(end, src.size) - layout.amapFirst) / span));
    const bits = new Uint8Array(count * bytesPerPage);
    for (let k = 0; k < count; k++) {
      const ib = layout.amapFirst + k * span;
      if (ib + layout.pageSize > src.size) break;
      const page = src.read(ib, layout.pageSize);
      const t = layout.pageTrailerOffset;
      if (page[t] !== PTYPE_AMAP || page[t + 1] !== PTYPE_AMAP) {
        warnings.add({ code: 'BAD_PAGE', layer: 'ndb', offset: ib, message: `the header says the allocation maps are valid, but no AMap page is at ${ib}; scanning the whole file` });
        return undefined;
      }
      bits.set(page.subarray(0, bytesPerPage), k * bytesPerPage);
    }
    return new AllocationMap(bits, layout);
  }

  /** True when the unit at `ib` is marked free. Offsets the maps do not cover are not free. */
  isFree(ib: number): boolean {
    if (ib < this.layout.amapFirst) return false;
    const unit = Math.floor((ib - this.layout.amapFirst) / this.layout.amapUnit);
    const byte = this.bits[unit >>> 3];
    return byte !== undefined && (byte & (0x80 >>> (unit & 7))) === 0;
  }
}
