// Heap-on-node builder, [MS-PST] 2.3.1: HNHDR on block 0, HNPAGEHDR / HNBITMAPHDR on the others,
// allocations packed after the header and an HNPAGEMAP at the end of each block.

export const MAX_ALLOC = 3580; // [MS-PST] 2.3.1.1: the largest heap allocation

export class HeapBuilder {
  private readonly blocks: Uint8Array[][] = [[]];
  private readonly used: number[] = [];

  constructor(
    private readonly clientSig: number,
    private readonly maxBlockData: number,
    /** Where a HID's block index starts: bit 16, or 19 in 4 KiB-page files. */
    private readonly hidBlockShift: number,
  ) {
    this.used.push(headerSize(0));
  }

  alloc(bytes: Uint8Array): number {
    if (bytes.length > MAX_ALLOC) throw new RangeError(`heap allocation of ${bytes.length} bytes`);
    let i = this.blocks.length - 1;
    const items = this.blocks[i]!;
    const mapSize = 4 + 2 * (items.length + 2);
    if (align2(this.used[i]! + bytes.length) + mapSize > this.maxBlockData) {
      this.blocks.push([]);
      this.used.push(headerSize(++i));
    }
    this.blocks[i]!.push(bytes);
    this.used[i]! += bytes.length;
    return ((i << this.hidBlockShift) | (this.blocks[i]!.length << 5)) >>> 0;
  }

  /** An allocation whose bytes come later (same size); readers expect some items first. */
  reserve(size: number): number {
    return this.alloc(new Uint8Array(size));
  }

  fill(hid: number, bytes: Uint8Array): void {
    const item = this.blocks[hid >>> this.hidBlockShift]![((hid >>> 5) & ((1 << (this.hidBlockShift - 5)) - 1)) - 1]!;
    if (item.length !== bytes.length) throw new RangeError('fill must keep the reserved size');
    item.set(bytes);
  }

  /** The heap's blocks, with the user root set in HNHDR. */
  build(userRoot: number): Uint8Array[] {
    return this.blocks.map((items, i) => {
      const head = headerSize(i);
      let size = head;
      for (const it of items) size += it.length;
      // Items are packed at their exact sizes (a reader takes an item's size from the map); only
      // the page map itself is 2-byte aligned.
      const ibHnpm = align2(size);
      const b = Buffer.alloc(ibHnpm + 4 + 2 * (items.length + 1));
      b.writeUInt16LE(ibHnpm, 0);
      if (i === 0) {
        b[2] = 0xec;
        b[3] = this.clientSig;
        b.writeUInt32LE(userRoot, 4);
      }
      b.writeUInt16LE(items.length, ibHnpm);
      b.writeUInt16LE(0, ibHnpm + 2);
      let o = head;
      items.forEach((it, k) => {
        b.writeUInt16LE(o, ibHnpm + 4 + 2 * k);
        b.set(it, o);
        o += it.length;
      });
      b.writeUInt16LE(o, ibHnpm + 4 + 2 * items.length);
      return new Uint8Array(b);
    });
  }
}

const align2 = (n: number): number => n + (n & 1);

/** HNHDR is 12 bytes; HNBITMAPHDR (blocks 8, 136, 264 …) 66; HNPAGEHDR 2. */
function headerSize(i: number): number {
  if (i === 0) return 12;
  return i % 128 === 8 ? 66 : 2;
}
