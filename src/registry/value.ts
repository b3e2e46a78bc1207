// Key values: the vk record and its data, stored in the record itself (4 bytes or fewer), in one
// cell, or as big data, a `db` record listing segments (Suhanov, "Key value" and "Big data").

import { Cells } from './cells.js';
import { RegistryFormatError } from './errors.js';

/** The largest value this reader returns; a larger one is an error naming its offset. */
export const MAX_VALUE_BYTES = 16 * 1024 * 1024;
/** Big data is used past this many bytes in hives of format 1.4 and later. */
const BIG_DATA_THRESHOLD = 16344;
const VALUE_COMP_NAME = 0x0001;
const NO_CELL = 0xffffffff;

export const REG_SZ = 1;
export const REG_EXPAND_SZ = 2;
export const REG_BINARY = 3;
export const REG_DWORD = 4;

const TYPE_NAMES = ['NONE', 'SZ', 'EXPAND_SZ', 'BINARY', 'DWORD', 'DWORD_BE', 'LINK', 'MULTI_SZ', 'RESOURCE_LIST', 'FULL_RESOURCE_DESCRIPTOR', 'RESOURCE_REQUIREMENTS_LIST', 'QWORD'];

export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `0x${type.toString(16).padStart(8, '0')}`;
}

export class RegValue {
  /** The empty string for the key's default value. */
  readonly name: string;
  readonly type: number;
  /** The data's size as the record states it. */
  readonly size: number;
  private readonly inline: boolean;
  private readonly dataCell: number;
  private readonly vkBytes: Buffer;

  constructor(
    private readonly cells: Cells,
    private readonly minor: number,
    /** Cell offset of the vk record. */
    readonly offset: number,
  ) {
    const { bytes } = cells.cell(offset, 'value record', 20);
    if (bytes.toString('latin1', 0, 2) !== 'vk') throw new RegistryFormatError('BAD_VALUE', 'value record: no "vk" signature', Cells.fileOffset(offset));
    const nameLength = bytes.readUInt16LE(2);
    const rawSize = bytes.readUInt32LE(4);
    if (20 + nameLength > bytes.length) throw new RegistryFormatError('BAD_VALUE', `value record: its name of ${nameLength} bytes runs past its cell`, Cells.fileOffset(offset));
    const raw = bytes.subarray(20, 20 + nameLength);
    this.name = bytes.readUInt16LE(16) & VALUE_COMP_NAME ? raw.toString('latin1') : raw.toString('utf16le');
    this.inline = (rawSize & 0x80000000) !== 0;
    this.size = this.inline ? rawSize & 0x7fffffff : rawSize;
    this.dataCell = bytes.readUInt32LE(8);
    this.type = bytes.readUInt32LE(12);
    this.vkBytes = bytes;
  }

  /** Absolute file offset of the vk record, for messages. */
  get fileOffset(): number {
    return Cells.fileOffset(this.offset);
  }

  /** The value's bytes. Throws a RegistryFormatError naming the offset when they cannot be read. */
  data(): Buffer {
    const at = this.fileOffset;
    if (this.inline) {
      if (this.size > 4) throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": ${this.size} bytes said to be stored in its record, where 4 fit`, at);
      return Buffer.from(this.vkBytes.subarray(8, 8 + this.size));
    }
    if (this.size === 0) return Buffer.alloc(0);
    if (this.size > MAX_VALUE_BYTES) {
      throw new RegistryFormatError('LIMIT', `value "${this.name}" holds ${this.size} bytes, past the ${MAX_VALUE_BYTES}-byte limit; not read`, at);
    }
    if (this.dataCell === NO_CELL) throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": ${this.size} bytes of data and no data cell`, at);
    const cell = this.cells.cell(this.dataCell, `data of value "${this.name}"`);
    if (this.size > BIG_DATA_THRESHOLD && this.minor >= 4 && cell.bytes.toString('latin1', 0, 2) === 'db') return this.bigData(cell.bytes, cell.fileOffset);
    if (cell.bytes.length < this.size) {
      throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": ${this.size} bytes of data in a cell of ${cell.bytes.length}`, cell.fileOffset);
    }
    return Buffer.from(cell.bytes.subarray(0, this.size));
  }

  /** A `db` record: segment count, then the cell of the segment list (Suhanov, "Big data"). */
  private bigData(db: Buffer, dbOffset: number): Buffer {
    if (db.length < 8) throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": big data record too short`, dbOffset);
    const count = db.readUInt16LE(2);
    const needed = Math.ceil(this.size / BIG_DATA_THRESHOLD);
    if (count < needed) {
      throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": ${this.size} bytes need ${needed} big data segments, the record lists ${count}`, dbOffset);
    }
    const list = this.cells.cell(db.readUInt32LE(4), `segment list of value "${this.name}"`, needed * 4);
    const out = Buffer.alloc(this.size);
    let done = 0;
    for (let i = 0; i < needed; i++) {
      const seg = this.cells.cell(list.bytes.readUInt32LE(i * 4), `segment ${i} of value "${this.name}"`);
      const take = Math.min(BIG_DATA_THRESHOLD, this.size - done);
      if (seg.bytes.length < take) throw new RegistryFormatError('BAD_VALUE', `value "${this.name}": segment ${i} holds ${seg.bytes.length} bytes, ${take} needed`, seg.fileOffset);
      seg.bytes.copy(out, done, 0, take);
      done += take;
    }
    return out;
  }
}
