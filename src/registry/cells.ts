// Hive bins and the cells inside them (Suhanov, "Hive bin" and "Cell"). A cell is addressed by its
// offset from the first hbin; its 4-byte size is negative when allocated. Every cell is checked to lie
// inside one hbin, so a size or an offset from damaged bytes can never reach past it.

import { BASE_BLOCK_SIZE } from './base-block.js';
import { RegistryFormatError, type RegistryWarnings } from './errors.js';

const HBIN_HEADER = 32;
const HBIN_UNIT = 4096;

/** A cell's payload (after its size field), and where it lies in the file. */
export interface Cell {
  bytes: Buffer;
  /** Absolute file offset of the cell's size field. */
  fileOffset: number;
}

export class Cells {
  /** Hbin starts and ends, absolute file offsets, in file order. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    private readonly file: Buffer,
    hbinsSize: number,
    private readonly warnings: RegistryWarnings,
  ) {
    this.indexBins(hbinsSize);
  }

  /** Absolute file offset of a cell offset: for messages. */
  static fileOffset(cell: number): number {
    return BASE_BLOCK_SIZE + cell;
  }

  /** The hbins, in order, until the header's size, the file's end or the first damaged hbin. */
  private indexBins(hbinsSize: number): void {
    const declaredEnd = BASE_BLOCK_SIZE + hbinsSize;
    if (declaredEnd > this.file.length) {
      this.warnings.add({ code: 'TRUNCATED', message: `the header says the hbins end at offset ${declaredEnd}, the file ends at ${this.file.length}: keys and values past the end are missing`, offset: this.file.length });
    }
    const end = Math.min(declaredEnd, this.file.length);
    let at = BASE_BLOCK_SIZE;
    // Each hbin is at least 4096 bytes, so this loop runs at most size/4096 times.
    while (at + HBIN_HEADER <= end) {
      const f = this.file;
      const size = f.readUInt32LE(at + 8);
      if (f.toString('latin1', at, at + 4) !== 'hbin' || f.readUInt32LE(at + 4) !== at - BASE_BLOCK_SIZE || size < HBIN_UNIT || size % HBIN_UNIT !== 0) {
        this.warnings.add({ code: 'BAD_HBIN', message: 'no valid hbin header here: the hbins from here on are not read', offset: at });
        return;
      }
      if (at + size > end) {
        this.warnings.add({ code: 'TRUNCATED', message: `the hbin of ${size} bytes here runs past the end of the data (offset ${end}): it is not read`, offset: at });
        return;
      }
      this.starts.push(at);
      this.ends.push(at + size);
      at += size;
    }
  }

  /** The hbin end holding absolute offset `abs`, or undefined. Binary search over the hbins. */
  private binEnd(abs: number): number | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (abs < this.starts[mid]!) hi = mid - 1;
      else if (abs >= this.ends[mid]!) lo = mid + 1;
      else return abs >= this.starts[mid]! + HBIN_HEADER ? this.ends[mid] : undefined;
    }
    return undefined;
  }

  /** The payload of the cell at `offset`, at least `min` bytes; `what` names it in messages. */
  cell(offset: number, what: string, min = 0): Cell {
    const abs = Cells.fileOffset(offset);
    const end = offset === 0xffffffff ? undefined : this.binEnd(abs);
    if (end === undefined || abs + 4 > end) throw new RegistryFormatError('BAD_CELL', `${what}: cell offset 0x${offset.toString(16)} is not inside a hive bin`, abs);
    const raw = this.file.readInt32LE(abs);
    const size = Math.abs(raw);
    if (size < 8 || abs + size > end) {
      throw new RegistryFormatError('BAD_CELL', `${what}: a cell of ${size} bytes here ${size < 8 ? 'is too small to hold anything' : `runs past the end of its hive bin (offset ${end})`}`, abs);
    }
    if (raw > 0) this.warnings.add({ code: 'BAD_CELL', message: `${what}: the cell is marked free, yet referenced; read as it stands`, offset: abs });
    if (size - 4 < min) throw new RegistryFormatError('BAD_CELL', `${what}: a cell of ${size} bytes is too small for it (${min + 4} needed)`, abs);
    return { bytes: this.file.subarray(abs + 4, abs + size), fileOffset: abs };
  }
}
