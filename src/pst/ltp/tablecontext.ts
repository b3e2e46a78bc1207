// Table context (TC), [MS-PST] 2.3.4: TCINFO (2.3.4.1), column descriptors (2.3.4.2), the row
// index BTH (2.3.4.3) and the row matrix (2.3.4.4), held in the heap or in a subnode.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/5e48be0d-a75a-4918-a277-50408ff96740

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import type { NodeView } from '../ndb/database.js';
import { asNid } from '../ndb/ids.js';
import { bthLeaves } from './bth.js';
import { ClientSig, Heap } from './heap.js';
import { LazyProperty, PropertyBag, type RawProperty } from './property.js';
import { fixedSize } from './proptype.js';

export interface Column {
  id: number;
  type: number;
  offset: number;
  size: number;
  bit: number;
}

const MAX_ROWS = 10_000_000;

/**
 * The row numbers of a TC's row index (TCROWID: dwRowID, then dwRowIndex, 4 bytes or 2 in ANSI
 * files; [MS-PST] 2.3.4.3), ascending, read in place from the BTH's leaves: a contents table of
 * 62,500 rows made an object and two views per row here, all alive at once, which V8 then took
 * for long-lived allocations and promoted the pass's short-lived ones after them.
 */
function rowNumbers(heap: Heap, hid: number): number[] {
  const { keySize, dataSize, leaves } = bthLeaves(heap, hid);
  const rows: number[] = [];
  for (const b of leaves) {
    for (let d = keySize; d < b.length; d += keySize + dataSize) rows.push(dataSize >= 4 ? u32(b, d) : dataSize >= 2 ? u16(b, d) : dataSize === 1 ? b[d]! : 0);
  }
  return rows.sort((a, b) => a - b);
}

export class TableContext {
  readonly columns: Column[];
  readonly rowCount: number;
  private readonly heap: Heap;
  private readonly rowSize: number;
  private readonly cebOffset: number;
  private readonly rowIndexes: number[];
  private readonly rowBlocks: Uint8Array[];
  private readonly rowsPerBlock: number;

  constructor(
    readonly node: NodeView,
    maxBlockData: number,
    private readonly codepage?: number,
  ) {
    const where = { layer: 'ltp' as const, id: node.describe() };
    this.heap = new Heap(node);
    if (this.heap.clientSig !== ClientSig.TableContext) {
      throw new PstFormatError('BAD_TC', `expected a table context (0x7C), found client signature 0x${this.heap.clientSig.toString(16)}`, where);
    }
    const info = this.heap.item(this.heap.userRoot);
    const cCols = info[1] ?? 0;
    if (info.length < 22 + cCols * 8 || info[0] !== ClientSig.TableContext) throw new PstFormatError('BAD_TC', 'TCINFO is truncated', where);
    this.cebOffset = u16(info, 6);
    this.rowSize = u16(info, 8);
    const hidRowIndex = u32(info, 10);
    const hnidRows = u32(info, 14);
    this.columns = [];
    for (let c = 0; c < cCols; c++) {
      const o = 22 + c * 8;
      const tag = u32(info, o);
      const col = { id: tag >>> 16, type: tag & 0xffff, offset: u16(info, o + 4), size: info[o + 6]!, bit: info[o + 7]! };
      if (col.offset + col.size > this.rowSize || col.bit >= cCols) {
        throw new PstFormatError('BAD_TC', `column 0x${tag.toString(16)} lies outside the ${this.rowSize}-byte row`, where);
      }
      this.columns.push(col);
    }
    if (this.cebOffset + Math.ceil(cCols / 8) > this.rowSize) throw new PstFormatError('BAD_TC', 'cell existence bitmap lies outside the row', where);

    // Row index: row id → row number; its size, not the matrix size, is the row count.
    const rows = hidRowIndex === 0 ? [] : rowNumbers(this.heap, hidRowIndex);
    if (rows.length > MAX_ROWS) throw new PstFormatError('LIMIT', `table declares ${rows.length} rows`, where);
    this.rowIndexes = rows;
    this.rowCount = rows.length;

    if (hnidRows === 0 || this.rowSize === 0) {
      this.rowBlocks = [];
      this.rowsPerBlock = 1;
    } else if ((hnidRows & 0x1f) === 0) {
      this.rowBlocks = [this.heap.item(hnidRows)];
      this.rowsPerBlock = Number.MAX_SAFE_INTEGER;
    } else {
      // Rows in a subnode never straddle blocks. [MS-PST] 2.3.4.4
      const sub = node.subnode(asNid(hnidRows));
      if (!sub) throw new PstFormatError('NOT_FOUND', `row matrix subnode 0x${hnidRows.toString(16)} is missing`, where);
      this.rowBlocks = sub.blocks();
      // Inflated blocks of 4 KiB-page files may hold more than 8 KiB: every block but the last is full.
      const capacity = node.layout.compressed && this.rowBlocks.length > 1 ? this.rowBlocks[0]!.length : maxBlockData;
      this.rowsPerBlock = Math.max(1, Math.floor(capacity / this.rowSize));
    }
  }

  /** Row `i` in row-index order (0 ≤ i < rowCount), as a property bag of the cells present. */
  row(i: number, only?: ReadonlySet<number>): PropertyBag {
    const bytes = this.rowBytes(i);
    const props = new Map<number, RawProperty>();
    for (const col of this.columns) {
      if (only && !only.has(col.id)) continue;
      if ((bytes[this.cebOffset + (col.bit >> 3)]! & (0x80 >> (col.bit & 7))) === 0) continue;
      const cell = bytes.subarray(col.offset, col.offset + col.size);
      const size = fixedSize(col.type);
      // Fixed values up to 8 bytes are in the row; everything else is an HNID. [MS-PST] 2.3.4.4.1
      if (size !== undefined && size <= 8) props.set(col.id, { id: col.id, type: col.type, bytes: cell.subarray(0, size) });
      else {
        const hnid = u32(cell, 0);
        props.set(col.id, new LazyProperty(col.id, col.type, () => this.heap.hnid(hnid)));
      }
    }
    return new PropertyBag(props, this.codepage);
  }

  /** The row id (dwRowID, column 0x67F2), which for hierarchy and contents tables is the child NID. */
  rowId(i: number): number {
    return u32(this.rowBytes(i), 0);
  }

  private rowBytes(i: number): Uint8Array {
    const n = this.rowIndexes[i];
    if (n === undefined) throw new RangeError(`row ${i} of ${this.rowCount}`);
    const block = this.rowBlocks[Math.floor(n / this.rowsPerBlock)];
    const start = (n % this.rowsPerBlock) * this.rowSize;
    if (!block || start + this.rowSize > block.length) {
      throw new PstFormatError('BAD_TC', `row ${n} lies outside the row matrix`, { layer: 'ltp', id: this.node.describe() });
    }
    return block.subarray(start, start + this.rowSize);
  }
}
