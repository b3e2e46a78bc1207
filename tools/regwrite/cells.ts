// Cell space for the hive writer: cells placed one after another in hbins (4096 bytes, or a multiple
// for a larger cell), each 8-byte aligned with a negative (allocated) size; an hbin's unused tail is
// one free cell, so readers that walk every cell of an hbin find a whole chain.

const HBIN_HEADER = 32;

export class CellSpace {
  private readonly bins: Buffer[] = [];
  private binStart = 0;
  private used = 0;

  /** Reserves a cell for `payload` bytes; returns its offset from the first hbin. */
  alloc(payload: number): number {
    const size = Math.ceil((payload + 4) / 8) * 8;
    const bin = this.bins[this.bins.length - 1];
    if (!bin || this.used + size > bin.length) this.newBin(size);
    const at = this.binStart + this.used;
    this.bins[this.bins.length - 1]!.writeInt32LE(-size, this.used);
    this.used += size;
    return at;
  }

  /** Writes a payload into the cell at `offset` (as alloc returned it). */
  write(offset: number, payload: Buffer): void {
    let start = 0;
    for (const bin of this.bins) {
      if (offset < start + bin.length) {
        payload.copy(bin, offset - start + 4);
        return;
      }
      start += bin.length;
    }
    throw new Error(`no cell at ${offset}`);
  }

  private newBin(cellSize: number): void {
    this.closeBin();
    const length = Math.ceil((cellSize + HBIN_HEADER) / 4096) * 4096;
    const bin = Buffer.alloc(length);
    this.binStart = this.bins.reduce((n, b) => n + b.length, 0);
    bin.write('hbin', 0, 'latin1');
    bin.writeUInt32LE(this.binStart, 4);
    bin.writeUInt32LE(length, 8);
    this.bins.push(bin);
    this.used = HBIN_HEADER;
  }

  /** The current hbin's unused tail becomes one free cell. */
  private closeBin(): void {
    const bin = this.bins[this.bins.length - 1];
    if (bin && this.used < bin.length) bin.writeInt32LE(bin.length - this.used, this.used);
  }

  /** All hbins, the last one closed. */
  finish(): Buffer {
    this.closeBin();
    return Buffer.concat(this.bins);
  }
}
