// Property contexts ([MS-PST] 2.3.3) and table contexts (2.3.4) as heaps, with values too large
// for the heap placed in subnodes of the node (their NIDs of type NID_TYPE_LTP, 0x1F).

import { fixedSize } from '../../src/pst/ltp/proptype.js';
import type { BlockFile, SubnodeRef } from './blockfile.js';
import { buildBth } from './bth.js';
import { HeapBuilder, MAX_ALLOC } from './heap.js';
import type { PropValue } from './props.js';

export interface LtpNode {
  blocks: Uint8Array[];
  subnodes: SubnodeRef[];
}

class Values {
  readonly subnodes: SubnodeRef[] = [];
  private next = 1;
  constructor(
    private readonly file: BlockFile,
    private readonly heap: HeapBuilder,
  ) {}

  /** An HNID for variable bytes: a heap item when it fits, else a subnode. [MS-PST] 2.3.3.2 */
  hnid(bytes: Uint8Array): number {
    if (bytes.length === 0) return 0; // an empty value has no allocation, as Outlook writes it
    if (bytes.length <= MAX_ALLOC) return this.heap.alloc(bytes);
    const nid = (this.next++ << 5) | 0x1f;
    this.subnodes.push({ nid, bidData: this.file.writeBytes(bytes), bidSub: 0n });
    return nid;
  }
}

export function buildPc(file: BlockFile, props: readonly PropValue[]): LtpNode {
  const heap = new HeapBuilder(0xbc, file.layout.maxBlockData, file.layout.hidBlockShift);
  const header = heap.reserve(8); // the BTHHEADER is HID 0x20, as Outlook lays a PC out
  const values = new Values(file, heap);
  const records = [...props]
    .sort((a, b) => a.id - b.id)
    .map((p) => {
      const data = Buffer.alloc(6);
      data.writeUInt16LE(p.type, 0);
      const size = fixedSize(p.type);
      if (size !== undefined && size <= 4) data.set(p.bytes.subarray(0, size), 2);
      else data.writeUInt32LE(values.hnid(p.bytes), 2);
      const key = Buffer.alloc(2);
      key.writeUInt16LE(p.id);
      return { key: new Uint8Array(key), data: new Uint8Array(data) };
    });
  const root = buildBth(heap, 2, 6, records, header);
  return { blocks: heap.build(root), subnodes: values.subnodes };
}

export interface ColumnSpec {
  id: number;
  type: number;
}

const ROW_ID = 0x67f2;
const ROW_VER = 0x67f3;

export interface TcRow {
  rowId: number;
  values: readonly PropValue[];
}

/** Rows made one at a time as the table is built: a folder of a million messages is never a million row objects at once. */
export interface TcRows {
  readonly length: number;
  get(i: number): TcRow;
}

/** A TC whose rows are property values by column id; the row id (0x67F2) is given per row. */
export function buildTc(file: BlockFile, columns: readonly ColumnSpec[], rows: readonly TcRow[] | TcRows): LtpNode {
  const rowAt = 'get' in rows ? (i: number) => rows.get(i) : (i: number) => rows[i]!;
  const heap = new HeapBuilder(0x7c, file.layout.maxBlockData, file.layout.hidBlockShift);
  const indexHeader = heap.reserve(8); // HID 0x20, as Outlook lays a TC out
  const values = new Values(file, heap);
  const all: ColumnSpec[] = [{ id: ROW_ID, type: 0x0003 }, { id: ROW_VER, type: 0x0003 }, ...columns.filter((c) => c.id !== ROW_ID && c.id !== ROW_VER)];
  // Cell widths: fixed values up to 8 bytes in the row, everything else a 4-byte HNID. [MS-PST] 2.3.4.4.1
  const width = (c: ColumnSpec): number => {
    const s = fixedSize(c.type);
    return s !== undefined && s <= 8 ? s : 4;
  };
  const layout: (ColumnSpec & { offset: number; size: number; bit: number })[] = [];
  let o = 0;
  const place = (c: ColumnSpec): void => {
    layout.push({ ...c, offset: o, size: width(c), bit: layout.length });
    o += width(c);
  };
  place(all[0]!);
  place(all[1]!);
  const rest = all.slice(2);
  for (const w of [8, 4]) rest.filter((c) => width(c) === w).forEach(place);
  const end4 = o;
  rest.filter((c) => width(c) === 2).forEach(place);
  const end2 = o;
  rest.filter((c) => width(c) === 1).forEach(place);
  const end1 = o;
  const rowSize = end1 + Math.ceil(layout.length / 8);

  const matrix = Buffer.alloc(rows.length * rowSize);
  const rowIds = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rowAt(i);
    rowIds[i] = r.rowId >>> 0;
    const base = i * rowSize;
    const byId = new Map(r.values.map((v) => [v.id, v]));
    byId.set(ROW_ID, { id: ROW_ID, type: 0x0003, bytes: u32(r.rowId) });
    byId.set(ROW_VER, { id: ROW_VER, type: 0x0003, bytes: u32(0) });
    for (const c of layout) {
      const v = byId.get(c.id);
      if (!v) continue;
      const s = fixedSize(c.type);
      if (s !== undefined && s <= 8) matrix.set(v.bytes.subarray(0, s), base + c.offset);
      else matrix.writeUInt32LE(values.hnid(v.bytes), base + c.offset);
      matrix[base + end1 + (c.bit >> 3)]! |= 0x80 >> (c.bit & 7);
    }
  }

  let hnidRows = 0;
  if (rows.length > 0) {
    if (matrix.length <= MAX_ALLOC) hnidRows = heap.alloc(new Uint8Array(matrix));
    else {
      // Rows never straddle blocks. [MS-PST] 2.3.4.4
      const perBlock = Math.floor(file.layout.maxBlockData / rowSize);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < rows.length; i += perBlock) parts.push(new Uint8Array(matrix.subarray(i * rowSize, Math.min(rows.length, i + perBlock) * rowSize)));
      hnidRows = (0x7ff00 << 5) | 0x1f;
      values.subnodes.push({ nid: hnidRows, bidData: file.writeData(parts), bidSub: 0n });
    }
  }
  const indexSize = file.layout.idSize === 8 ? 4 : 2;
  // The row index in row-id order (ties in row order), each record made as its leaf is packed.
  const byId = Uint32Array.from(rowIds, (_, i) => i).sort((a, b) => rowIds[a]! - rowIds[b]! || a - b);
  const index = {
    length: byId.length,
    get: (k: number) => {
      const data = Buffer.alloc(indexSize);
      if (indexSize === 4) data.writeUInt32LE(byId[k]!);
      else data.writeUInt16LE(byId[k]!);
      return { key: u32(rowIds[byId[k]!]!), data: new Uint8Array(data) };
    },
  };
  const hidRowIndex = buildBth(heap, 4, indexSize, index, indexHeader);

  const sortedCols = [...layout].sort((a, b) => tagOf(a) - tagOf(b));
  const info = Buffer.alloc(22 + 8 * layout.length);
  info[0] = 0x7c;
  info[1] = layout.length;
  info.writeUInt16LE(end4, 2);
  info.writeUInt16LE(end2, 4);
  info.writeUInt16LE(end1, 6);
  info.writeUInt16LE(rowSize, 8);
  info.writeUInt32LE(hidRowIndex, 10);
  info.writeUInt32LE(hnidRows >>> 0, 14);
  info.writeUInt32LE(0, 18);
  sortedCols.forEach((c, k) => {
    info.writeUInt32LE(tagOf(c), 22 + 8 * k);
    info.writeUInt16LE(c.offset, 26 + 8 * k);
    info[28 + 8 * k] = c.size;
    info[29 + 8 * k] = c.bit;
  });
  const root = heap.alloc(new Uint8Array(info));
  return { blocks: heap.build(root), subnodes: values.subnodes };
}

const tagOf = (c: ColumnSpec): number => ((c.id << 16) | c.type) >>> 0;

function u32(n: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return new Uint8Array(b);
}
