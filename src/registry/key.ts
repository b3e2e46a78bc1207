// Key nodes (nk) and the subkey lists under them: index leaf (li), fast leaf (lf), hash leaf (lh)
// and index root (ri), and the key values list (Suhanov, "Key node", "Index leaf" to "Index root",
// "Key values list"). Lists are bounded in length, and a key never lists itself or an ancestor.

import { Cells } from './cells.js';
import { RegistryFormatError, type RegistryWarnings } from './errors.js';
import { filetimeToDate } from './filetime.js';
import { RegValue } from './value.js';

/** Windows nests keys at most 512 deep; a deeper chain is damage or a trap. */
export const MAX_DEPTH = 512;
/** Subkeys or values read from one key; past this a warning names the key's offset. */
export const MAX_ENTRIES = 65_536;
const KEY_COMP_NAME = 0x0020;
const NO_CELL = 0xffffffff;

/** Where the hive's cells are, and where warnings go. */
export interface HiveContext {
  cells: Cells;
  warnings: RegistryWarnings;
  minor: number;
}

export class RegKey {
  readonly name: string;
  readonly lastWritten: Date | undefined;
  private readonly subkeyCount: number;
  private readonly subkeyList: number;
  private readonly valueCount: number;
  private readonly valueList: number;

  constructor(
    private readonly hive: HiveContext,
    /** Cell offset of the nk record. */
    readonly offset: number,
    /** Cell offsets of the keys above, root first: a list entry pointing at one of them is a loop. */
    private readonly ancestors: readonly number[] = [],
  ) {
    const { bytes } = hive.cells.cell(offset, 'key record', 76);
    if (bytes.toString('latin1', 0, 2) !== 'nk') throw new RegistryFormatError('BAD_KEY', 'key record: no "nk" signature', Cells.fileOffset(offset));
    const nameLength = bytes.readUInt16LE(72);
    if (76 + nameLength > bytes.length) throw new RegistryFormatError('BAD_KEY', `key record: its name of ${nameLength} bytes runs past its cell`, Cells.fileOffset(offset));
    const raw = bytes.subarray(76, 76 + nameLength);
    this.name = bytes.readUInt16LE(2) & KEY_COMP_NAME ? raw.toString('latin1') : raw.toString('utf16le');
    this.lastWritten = filetimeToDate(bytes.readBigUInt64LE(4));
    this.subkeyCount = bytes.readUInt32LE(20);
    this.subkeyList = bytes.readUInt32LE(28);
    this.valueCount = bytes.readUInt32LE(36);
    this.valueList = bytes.readUInt32LE(40);
  }

  /** Absolute file offset of the nk record. */
  get fileOffset(): number {
    return Cells.fileOffset(this.offset);
  }

  /** How deep the key lies (the root is 0). */
  get depth(): number {
    return this.ancestors.length;
  }

  private warn(message: string, offset = this.fileOffset): void {
    this.hive.warnings.add({ code: 'BAD_LIST', message: `key "${this.name}": ${message}`, offset });
  }

  /** The subkeys' nk offsets, from the list and, through an index root, its leaves. */
  private subkeyOffsets(): number[] {
    if (this.subkeyCount === 0 || this.subkeyList === NO_CELL) return [];
    if (this.depth >= MAX_DEPTH) {
      this.hive.warnings.add({ code: 'TOO_DEEP', message: `key "${this.name}" lies ${MAX_DEPTH} keys deep: its subkeys are not read`, offset: this.fileOffset });
      return [];
    }
    const out: number[] = [];
    const root = this.hive.cells.cell(this.subkeyList, `subkey list of "${this.name}"`, 4);
    const kind = root.bytes.toString('latin1', 0, 2);
    if (kind === 'ri') {
      const seenLeaves = new Set<number>();
      for (const leaf of listEntries(root, 4)) {
        if (leaf === this.subkeyList || seenLeaves.has(leaf)) {
          this.hive.warnings.add({ code: 'LOOP', message: `key "${this.name}": its index root lists a subkey list twice or itself; skipped`, offset: root.fileOffset });
          continue;
        }
        seenLeaves.add(leaf);
        const cell = this.hive.cells.cell(leaf, `subkey list of "${this.name}"`, 4);
        if (!this.readLeaf(cell, out)) break;
      }
    } else this.readLeaf(root, out);
    if (out.length !== this.subkeyCount && out.length < MAX_ENTRIES) this.warn(`the key says ${this.subkeyCount} subkeys, its lists hold ${out.length}`);
    return out;
  }

  /** Appends a leaf's entries; false once MAX_ENTRIES are held. */
  private readLeaf(cell: { bytes: Buffer; fileOffset: number }, out: number[]): boolean {
    const kind = cell.bytes.toString('latin1', 0, 2);
    const stride = kind === 'li' ? 4 : kind === 'lf' || kind === 'lh' ? 8 : 0;
    if (stride === 0) throw new RegistryFormatError('BAD_LIST', `subkey list of "${this.name}": "${kind}" is not a subkey list`, cell.fileOffset);
    for (const entry of listEntries(cell, stride)) {
      if (out.length >= MAX_ENTRIES) {
        this.hive.warnings.add({ code: 'LIMIT', message: `key "${this.name}" lists more than ${MAX_ENTRIES} subkeys: the rest are not read`, offset: cell.fileOffset });
        return false;
      }
      out.push(entry);
    }
    return true;
  }

  /** The subkeys in list order. A damaged one is a warning and is left out; a loop is skipped. */
  subkeys(): RegKey[] {
    const keys: RegKey[] = [];
    const seen = new Set<number>();
    const path = [...this.ancestors, this.offset];
    let offsets: number[];
    try {
      offsets = this.subkeyOffsets();
    } catch (e) {
      if (!(e instanceof RegistryFormatError)) throw e;
      this.hive.warnings.fromError(e, `subkeys of "${this.name}"`);
      return [];
    }
    for (const at of offsets) {
      if (path.includes(at) || seen.has(at)) {
        this.hive.warnings.add({ code: 'LOOP', message: `key "${this.name}": a subkey list entry points back at this key, an ancestor or an earlier entry; skipped`, offset: Cells.fileOffset(at) });
        continue;
      }
      seen.add(at);
      try {
        keys.push(new RegKey(this.hive, at, path));
      } catch (e) {
        if (!(e instanceof RegistryFormatError)) throw e;
        this.hive.warnings.fromError(e, `a subkey of "${this.name}"`);
      }
    }
    return keys;
  }

  /** The subkey of that name, without regard to case (as Windows compares key names). */
  subkey(name: string): RegKey | undefined {
    const want = name.toUpperCase();
    return this.subkeys().find((k) => k.name.toUpperCase() === want);
  }

  /** The values in list order; a damaged one is a warning and is left out. */
  values(): RegValue[] {
    if (this.valueCount === 0 || this.valueList === NO_CELL) return [];
    let count = this.valueCount;
    if (count > MAX_ENTRIES) {
      this.hive.warnings.add({ code: 'LIMIT', message: `key "${this.name}" has ${count} values, more than ${MAX_ENTRIES}: the rest are not read`, offset: this.fileOffset });
      count = MAX_ENTRIES;
    }
    let list;
    try {
      list = this.hive.cells.cell(this.valueList, `value list of "${this.name}"`);
    } catch (e) {
      if (!(e instanceof RegistryFormatError)) throw e;
      this.hive.warnings.fromError(e, `values of "${this.name}"`);
      return [];
    }
    if (list.bytes.length < count * 4) {
      this.warn(`its value list holds ${Math.floor(list.bytes.length / 4)} entries of the ${count} it says; the rest are not read`, list.fileOffset);
      count = Math.floor(list.bytes.length / 4);
    }
    const out: RegValue[] = [];
    for (let i = 0; i < count; i++) {
      try {
        out.push(new RegValue(this.hive.cells, this.hive.minor, list.bytes.readUInt32LE(i * 4)));
      } catch (e) {
        if (!(e instanceof RegistryFormatError)) throw e;
        this.hive.warnings.fromError(e, `a value of "${this.name}"`);
      }
    }
    return out;
  }

  /** The value of that name, without regard to case; '' is the default value. */
  value(name: string): RegValue | undefined {
    const want = name.toUpperCase();
    return this.values().find((v) => v.name.toUpperCase() === want);
  }
}

/** The offsets in a list cell: a 2-byte signature, a 2-byte count, then `stride`-byte entries. */
function listEntries(cell: { bytes: Buffer; fileOffset: number }, stride: number): number[] {
  const count = cell.bytes.readUInt16LE(2);
  if (4 + count * stride > cell.bytes.length) {
    throw new RegistryFormatError('BAD_LIST', `a list of ${count} entries runs past its cell of ${cell.bytes.length + 4} bytes`, cell.fileOffset);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(cell.bytes.readUInt32LE(4 + i * stride));
  return out;
}
