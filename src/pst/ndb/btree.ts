// The node B-tree (NBT) and block B-tree (BBT): BTPAGE, [MS-PST] 2.2.2.7.7, with their entries
// BTENTRY 2.2.2.7.7.2, NBTENTRY 2.2.2.7.7.4 and BBTENTRY 2.2.2.7.7.3.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/4f0cd8e7-c2d0-4975-90a4-d417cfca77f8 (BTPAGE),
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/f4ccb38a-930a-4db4-98df-a69c195926ba (PAGETRAILER)

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError, type WarningSink } from '../file/errors.js';
import type { BlockRef } from '../file/header.js';
import type { ByteSource } from '../file/source.js';
import { computeSig, pstCrc } from './crc.js';
import { asBid, formatBid } from './ids.js';
import { btMeta, readId, readOffset, type Layout } from './layout.js';

// btypes of BTPAGE's PAGETRAILER, [MS-PST] 2.2.2.7.1.
export const PTYPE_BBT = 0x80;
export const PTYPE_NBT = 0x81;
/** The spec allows at most 8 intermediate levels in practice; more is corruption. */
const MAX_LEVEL = 16;

interface Page {
  level: number;
  count: number;
  entrySize: number;
  bytes: Uint8Array;
}

/** Leaf pages kept (at most 16 MiB): a store of 100,000 messages has about 7,000 NBT and 10,000 BBT
 * leaves, and reading its messages looks up each leaf many times, in no useful order; keeping them
 * all makes each one read once. Intermediate pages are few and on every path: all are kept, up to a
 * bound that only a damaged file, or one of millions of nodes, reaches. */
const LEAF_PAGES = 32_768;
const INTERMEDIATE_PAGES = 4096;

/** A search-only view of one B-tree. Lookups descend one page per level, so a cycle cannot loop. */
export class BTree<T> {
  private readonly intermediates = new Map<number, Page>();
  private readonly leaves = new Map<number, Page>();

  constructor(
    private readonly src: ByteSource,
    private readonly layout: Layout,
    private readonly warnings: WarningSink,
    private readonly root: BlockRef,
    private readonly ptype: number,
    private readonly leafSize: number,
    readonly parse: (b: Uint8Array, o: number) => T,
  ) {}

  /** A page key as a number: NIDs are 32-bit, and BIDs count up from small values, so keys stay
   * below 2^53 in any real file; BBT keys drop the reserved low bit. [MS-PST] 2.2.2.2 */
  private key(b: Uint8Array, o: number): number {
    const lo = u32(b, o);
    const k = this.ptype === PTYPE_NBT || this.layout.idSize === 4 ? lo : lo + u32(b, o + 4) * 4294967296;
    return this.ptype === PTYPE_NBT ? k : k - (lo & 1);
  }

  /** The leaf entry whose key is `key` (a NID, or a BID without its reserved bit). Descending
   * reads numbers straight from the cached pages: no BigInt and no object per level. */
  find(key: number): T | undefined {
    let page = this.cached(this.root.ib) ?? this.load(this.root);
    let ib = this.root.ib;
    for (let hops = 0; hops <= MAX_LEVEL; hops++) {
      const idSize = this.layout.idSize;
      if (page.level === 0) {
        const row = this.leafRow(page, key);
        return row < 0 ? undefined : this.parse(page.bytes, row * page.entrySize);
      }
      const chosen = this.childFor(page, key);
      if (chosen < 0) return undefined;
      const o = chosen * page.entrySize;
      const childIb = readOffset(page.bytes, o + 2 * idSize, this.layout);
      const child = this.cached(childIb) ?? this.load({ bid: readId(page.bytes, o + idSize, this.layout), ib: childIb });
      if (child.level !== page.level - 1) {
        throw new PstFormatError('BTREE_CYCLE', `B-tree page has level ${child.level}, expected ${page.level - 1}`, { layer: 'ndb', offset: childIb });
      }
      page = child;
      ib = childIb;
    }
    throw new PstFormatError('TOO_DEEP', `B-tree deeper than ${MAX_LEVEL} levels`, { layer: 'ndb', offset: ib });
  }

  /**
   * Many lookups in one descent: `keys` sorted ascending, `found(k, bytes, o)` called with the index
   * into `keys` and the leaf row of each key present. Each page on the keys' paths is read once, in
   * place, and not cached, so looking up every message of a large store reads each leaf once and
   * leaves no copies behind. Finds exactly what `find` finds, key by key.
   */
  findSorted(keys: ArrayLike<number>, found: (k: number, bytes: Uint8Array, o: number) => void): void {
    if (keys.length > 0) this.descend(this.root, undefined, keys, 0, keys.length, found);
  }

  private descend(ref: BlockRef, level: number | undefined, keys: ArrayLike<number>, from: number, to: number, found: (k: number, bytes: Uint8Array, o: number) => void): void {
    const page = this.readPage(ref, false);
    if (level !== undefined && page.level !== level) {
      throw new PstFormatError('BTREE_CYCLE', `B-tree page has level ${page.level}, expected ${level}`, { layer: 'ndb', offset: ref.ib });
    }
    if (page.level === 0) {
      for (let k = from; k < to; k++) {
        const row = this.leafRow(page, keys[k]!);
        if (row >= 0) found(k, page.bytes, row * page.entrySize);
      }
      return;
    }
    // The children are noted before any is read: the page's bytes are a view the next read replaces.
    const s = this.layout.idSize;
    // The child for a key is the last entry whose key is ≤ it, up to the first entry greater (as in
    // `find`); for keys in ascending order that entry only moves forward, so one pass serves all.
    const groups: { ref: BlockRef; from: number; to: number }[] = [];
    const firstGreater = (key: number, at: number): number => {
      let e = at;
      while (e < page.count && this.key(page.bytes, e * page.entrySize) <= key) e++;
      return e;
    };
    let next = 0;
    for (let k = from; k < to; ) {
      next = firstGreater(keys[k]!, next);
      const chosen = next - 1;
      let end = k + 1;
      while (end < to && firstGreater(keys[end]!, next) === next) end++;
      if (chosen >= 0) {
        const o = chosen * page.entrySize;
        groups.push({ ref: { bid: readId(page.bytes, o + s, this.layout), ib: readOffset(page.bytes, o + 2 * s, this.layout) }, from: k, to: end });
      }
      k = end;
    }
    for (const g of groups) this.descend(g.ref, page.level - 1, keys, g.from, g.to, found);
  }

  /** The row of a leaf whose key is `key`, or -1. Leaf keys are sorted: a binary search. */
  private leafRow(page: Page, key: number): number {
    let lo = 0;
    let hi = page.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.key(page.bytes, mid * page.entrySize);
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The entry of an intermediate page to descend for `key`: the last whose key is ≤ it, or -1. */
  private childFor(page: Page, key: number): number {
    let chosen = -1;
    for (let i = 0; i < page.count; i++) {
      if (this.key(page.bytes, i * page.entrySize) <= key) chosen = i;
      else break;
    }
    return chosen;
  }

  /** Every leaf row as (page bytes, row offset), and every page's offset, in key order, with no
   * object per row: for walks over millions of rows. `fn` must not read the source. */
  forEachLeafRow(fn: (bytes: Uint8Array, o: number) => void, onPage: (ib: number) => void): void {
    this.walk((ib, page) => {
      onPage(ib);
      if (page.level === 0) for (let i = 0; i < page.count; i++) fn(page.bytes, i * page.entrySize);
    });
  }

  /** Every leaf entry, in key order. */
  entries(): T[] {
    const out: T[] = [];
    this.forEachLeafRow((b, o) => out.push(this.parse(b, o)), () => {});
    return out;
  }

  /** Every page, depth first in key order, read in place (neither copied nor cached): `visit` sees
   * the source's view and must be done with it before the next read. A page reached twice is a cycle. */
  private walk(visit: (ib: number, page: Page) => void): void {
    const seen = new Set<number>();
    const s = this.layout.idSize;
    const stack: { ref: BlockRef; level?: number }[] = [{ ref: this.root }];
    while (stack.length > 0) {
      const { ref, level } = stack.pop()!;
      if (seen.has(ref.ib)) throw new PstFormatError('BTREE_CYCLE', 'B-tree page is reached twice', { layer: 'ndb', offset: ref.ib });
      seen.add(ref.ib);
      const page = this.readPage(ref, false);
      if (level !== undefined && page.level !== level) {
        throw new PstFormatError('BTREE_CYCLE', `B-tree page has level ${page.level}, expected ${level}`, { layer: 'ndb', offset: ref.ib });
      }
      for (let i = page.count - 1; page.level > 0 && i >= 0; i--) {
        const o = i * page.entrySize;
        stack.push({ ref: { bid: readId(page.bytes, o + s, this.layout), ib: readOffset(page.bytes, o + 2 * s, this.layout) }, level: page.level - 1 });
      }
      visit(ref.ib, page);
    }
  }

  private cached(ib: number): Page | undefined {
    return this.leaves.get(ib) ?? this.intermediates.get(ib);
  }

  /** The page at `ref`, read, checked and kept. A copy: the source's view is only valid until its next read. */
  private load(ref: BlockRef): Page {
    const page = this.readPage(ref, true);
    const cache = page.level === 0 ? this.leaves : this.intermediates;
    if (cache.size >= (page.level === 0 ? LEAF_PAGES : INTERMEDIATE_PAGES)) cache.delete(cache.keys().next().value!);
    cache.set(ref.ib, page);
    return page;
  }

  /** The page at `ref`, checked; with `copy` false its bytes are the source's view, valid until the next read. */
  private readPage(ref: BlockRef, copy: boolean): Page {
    const L = this.layout;
    const where = () => ({ layer: 'ndb' as const, id: `page ${formatBid(asBid(ref.bid))}`, offset: ref.ib });
    if (ref.ib % L.pageSize !== 0 || ref.ib + L.pageSize > this.src.size) {
      throw new PstFormatError('OUT_OF_RANGE', `B-tree page offset ${ref.ib} is not inside the file`, where());
    }
    const view = this.src.read(ref.ib, L.pageSize);
    const bytes = copy ? view.slice() : view;
    const t = L.pageTrailerOffset;
    const ptype = bytes[t]!;
    if (ptype !== this.ptype || bytes[t + 1] !== ptype) {
      throw new PstFormatError(
        'BAD_PAGE',
        `expected a ${this.ptype === PTYPE_NBT ? 'node' : 'block'} B-tree page (type 0x${this.ptype.toString(16)}), found type 0x${ptype.toString(16)}`,
        where(),
      );
    }
    const crcStored = u32(bytes, t + L.trailerCrc);
    const trailerBid = readId(bytes, t + L.trailerBid, L);
    if (pstCrc(bytes.subarray(0, t)) !== crcStored) {
      this.warnings.add({ code: 'CRC_MISMATCH', layer: 'ndb', id: where().id, offset: ref.ib, message: 'B-tree page CRC does not match its contents' });
    }
    const sig = u16(bytes, t + 2);
    if (sig !== computeSig(ref.ib, trailerBid) || trailerBid !== ref.bid) {
      this.warnings.add({ code: 'BAD_SIGNATURE', layer: 'ndb', id: where().id, offset: ref.ib, message: 'B-tree page signature or back-pointer does not match' });
    }
    const { count, entrySize, level } = btMeta(bytes, L);
    const minEntry = level > 0 ? 3 * L.idSize : this.leafSize;
    if (entrySize < minEntry || count * entrySize > L.btMetaOffset || level > MAX_LEVEL) {
      throw new PstFormatError('BAD_PAGE', `B-tree page header is inconsistent (cEnt ${count}, cbEnt ${entrySize}, cLevel ${level})`, where());
    }
    return { level, count, entrySize, bytes };
  }
}
