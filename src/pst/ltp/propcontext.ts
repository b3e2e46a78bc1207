// Property context (PC), [MS-PST] 2.3.3: a BTH of PidTag → (type, value or HNID) on a heap.
// https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/294c83c6-ff92-42f5-b6b6-876c29fa9737

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError } from '../file/errors.js';
import type { NodeView } from '../ndb/database.js';
import { bthFind, bthLeaves } from './bth.js';
import { ClientSig, Heap } from './heap.js';
import { LazyProperty, PropertyBag, type PropertyLookup, type RawProperty } from './property.js';
import { fixedSize } from './proptype.js';

export function readPropertyContext(node: NodeView, codepage?: number): PropertyBag {
  const heap = new Heap(node);
  if (heap.clientSig !== ClientSig.PropertyContext) {
    throw new PstFormatError('BAD_PC', `expected a property context (0xBC), found client signature 0x${heap.clientSig.toString(16)}`, {
      layer: 'ltp',
      id: node.describe(),
    });
  }
  const { keySize, dataSize, leaves } = bthLeaves(heap, heap.userRoot);
  if (keySize !== 2 || dataSize !== 6) {
    throw new PstFormatError('BAD_PC', `PC BTH has key ${keySize} / data ${dataSize}, expected 2 / 6`, { layer: 'ltp', id: node.describe() });
  }
  return new PropertyBag(new PcProperties(heap, leaves), codepage);
}

/** PC records are 8 bytes: wPropId, wPropType, dwValueHnid. [MS-PST] 2.3.3.3 */
const PC_RECORD = 8;

/**
 * A PC's properties, found in its BTH leaf records when asked for: a message has a few dozen, and a
 * pass over every message asks for a dozen of them, so no object is made per record. A PC of one leaf
 * whose keys rise strictly (the BTH's order, [MS-PST] 2.3.2.3; checked once, at the first lookup) is
 * searched by halves; any other is scanned whole, and when an id appears twice the later record counts.
 */
class PcProperties implements PropertyLookup {
  /** Whether the one leaf's keys rise strictly; undefined until the first lookup. */
  private ordered: boolean | undefined;
  /** The record the last locate() found. */
  private leaf: Uint8Array = EMPTY;
  private at = -1;

  constructor(
    private readonly heap: Heap,
    private readonly leaves: readonly Uint8Array[],
  ) {}

  get(id: number): RawProperty | undefined {
    if (!this.locate(id)) return undefined;
    const { leaf, at } = this;
    const type = u16(leaf, at + 2);
    const size = fixedSize(type);
    // Values of at most 4 bytes sit in the record itself; the rest are HNIDs. [MS-PST] 2.3.3.3
    if (size !== undefined && size <= 4) return { id, type, bytes: leaf.subarray(at + 4, at + 4 + size) };
    const hnid = u32(leaf, at + 4);
    return new LazyProperty(id, type, () => this.heap.hnid(hnid));
  }

  has(id: number): boolean {
    return this.locate(id);
  }

  *keys(): Generator<number> {
    const seen = new Set<number>();
    for (const b of this.leaves) for (let o = 0; o < b.length; o += PC_RECORD) seen.add(u16(b, o));
    yield* seen;
  }

  /** Sets `leaf` and `at` to `id`'s record, when there is one. */
  private locate(id: number): boolean {
    if (this.leaves.length === 1 && (this.ordered ??= rising(this.leaves[0]!))) {
      const b = this.leaves[0]!;
      for (let lo = 0, hi = b.length / PC_RECORD - 1; lo <= hi; ) {
        const mid = (lo + hi) >>> 1;
        const key = u16(b, mid * PC_RECORD);
        if (key === id) return this.found(b, mid * PC_RECORD);
        if (key < id) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    }
    let hit = false;
    for (const b of this.leaves) for (let o = 0; o < b.length; o += PC_RECORD) if (u16(b, o) === id) hit = this.found(b, o);
    return hit;
  }

  private found(leaf: Uint8Array, at: number): true {
    this.leaf = leaf;
    this.at = at;
    return true;
  }
}

const EMPTY = new Uint8Array(0);

/** Whether a leaf's keys rise strictly, so that a search by halves finds what a scan would. */
function rising(b: Uint8Array): boolean {
  for (let o = PC_RECORD; o < b.length; o += PC_RECORD) if (u16(b, o) <= u16(b, o - PC_RECORD)) return false;
  return true;
}

/** One property of a PC, found without reading the others (e.g. a creation time for each message). */
export function readPcProperty(node: NodeView, id: number): RawProperty | undefined {
  const heap = new Heap(node);
  if (heap.clientSig !== ClientSig.PropertyContext) {
    throw new PstFormatError('BAD_PC', `expected a property context (0xBC), found client signature 0x${heap.clientSig.toString(16)}`, {
      layer: 'ltp',
      id: node.describe(),
    });
  }
  const data = bthFind(heap, heap.userRoot, id);
  if (!data || data.length < 6) return undefined;
  const type = u16(data, 0);
  const size = fixedSize(type);
  return size !== undefined && size <= 4 ? { id, type, bytes: data.subarray(2, 2 + size) } : { id, type, bytes: heap.hnid(u32(data, 2)) };
}

/** The HNID of a variable-size property (a heap item, or a subnode's NID): which structure holds
 * a value, for a reader that must know what part of the file it came from. */
export function readPcHnid(node: NodeView, id: number): number | undefined {
  const heap = new Heap(node);
  const data = heap.clientSig === ClientSig.PropertyContext ? bthFind(heap, heap.userRoot, id) : undefined;
  if (!data || data.length < 6) return undefined;
  const size = fixedSize(u16(data, 0));
  return size !== undefined && size <= 4 ? undefined : u32(data, 2);
}
