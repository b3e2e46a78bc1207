// The node database: opens a file, and hands out nodes (data + subnodes) by NID. [MS-PST] 2.2

import { PstFormatError, WarningSink } from '../file/errors.js';
import { readHeader, type Header } from '../file/header.js';
import { u32 } from '../file/bytes.js';
import { pstCrc } from './crc.js';
import type { ByteSource } from '../file/source.js';
import { BlockReader, DecodedBytes, isInternal, type BlockBytes, type BlockPlace, type BlockSource } from './block.js';
import { BlockRuns } from './block-runs.js';
import { bbtKey, BlockBTree, NodeBTree } from './node-block-trees.js';
import { dataBlockIds, dataTreeIds } from './datatree.js';
import { asBid, asNid, formatNid, type Bid, type Nid } from './ids.js';
import { layoutOf, type Layout } from './layout.js';
import { orderBy } from './order-by.js';
import { readSubnodes, type SubnodeEntry } from './subnode.js';

/** What the LTP layer needs of a node: its data blocks and its subnodes. A live node and one
 * rebuilt from freed space both provide it. */
export interface NodeView {
  readonly nid: Nid;
  /** The file's layout: how a heap's HIDs split into block and allocation index. */
  readonly layout: Layout;
  blocks(): Uint8Array[];
  /** The same blocks as a heap reads them: a range at a time (BlockBytes). */
  heapBlocks(): BlockBytes[];
  subnode(nid: Nid): NodeView | undefined;
  /** File offset of byte `at` of data block `index`, for error messages. */
  fileOffset(index: number, at: number): number | undefined;
  data(): Uint8Array;
  describe(): string;
}

/** Where a node's blocks come from: the live BBT, or blocks rebuilt from freed space. */
export interface BlockContext {
  readonly blocks: BlockSource;
  readonly layout: Layout;
}

/** A node of the NBT or of a subnode tree: its data and its own subnodes. */
export class PstNode implements NodeView {
  private subs: Map<Nid, SubnodeEntry> | undefined;

  /** `once`: where the node's data block lies (offset, stored size), for a scan that reads it once
   * into reused memory (NodeDatabase.scanInFileOrder), and the scan's reads that hold its bytes. */
  constructor(
    private readonly db: BlockContext,
    readonly nid: Nid,
    readonly bidData: Bid,
    readonly bidSub: Bid,
    private readonly once?: { reader: BlockReader; runs: BlockRuns; k: number } & BlockPlace,
  ) {}

  get layout(): Layout {
    return this.db.layout;
  }

  /** The node's data blocks, in order (a heap-on-node is addressed per block). */
  blocks(): Uint8Array[] {
    if (this.once) return this.heapBlocks().map((b) => b.range(0, b.length));
    return this.blockIds().map((bid) => this.db.blocks.read(bid));
  }

  /** In a scan (scanInFileOrder), the node's block is decoded only where the heap reads it. */
  heapBlocks(): BlockBytes[] {
    if (this.once) return [this.once.reader.readOnce(this.bidData, this.once, this.once.runs.bytes(this.once.k))];
    return this.blocks().map((b) => new DecodedBytes(b));
  }

  blockIds(): Bid[] {
    return dataBlockIds(this.db.blocks, this.db.layout, this.bidData);
  }

  /** Every block the node's bytes depend on: its data tree, the top of its subnode tree, and its subnodes' own. */
  treeBlockIds(depth = 0): Bid[] {
    const out = dataTreeIds(this.db.blocks, this.db.layout, this.bidData);
    if (this.bidSub === 0n || depth > 4) return out;
    out.push(this.bidSub);
    for (const nid of this.subnodeNids()) out.push(...(this.subnode(nid)?.treeBlockIds(depth + 1) ?? []));
    return out;
  }

  /** File offset of byte `at` of data block `index`, for error messages. */
  fileOffset(index: number, at: number): number | undefined {
    try {
      const bid = this.blockIds()[index];
      const ib = bid === undefined ? undefined : this.db.blocks.offsetOf(bid);
      return ib === undefined ? undefined : ib + at;
    } catch {
      return undefined;
    }
  }

  data(): Uint8Array {
    const parts = this.blocks();
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts);
  }

  subnode(nid: Nid): PstNode | undefined {
    const e = this.subnodes().get(nid);
    return e ? new PstNode(this.db, e.nid, e.bidData, e.bidSub) : undefined;
  }

  subnodeNids(): Nid[] {
    return [...this.subnodes().keys()];
  }

  describe(): string {
    return `nid ${formatNid(this.nid)}`;
  }

  private subnodes(): Map<Nid, SubnodeEntry> {
    this.subs ??= readSubnodes(this.db.blocks, this.db.layout, this.bidSub);
    return this.subs;
  }
}

export class NodeDatabase implements BlockContext {
  readonly header: Header;
  readonly layout: Layout;
  readonly blocks: BlockReader;
  readonly bbt: BlockBTree;
  readonly nbt: NodeBTree;

  constructor(
    readonly source: ByteSource,
    readonly warnings: WarningSink = new WarningSink(),
  ) {
    this.header = readHeader(source);
    if (this.header.fileEof > source.size) {
      warnings.add({
        code: 'TRUNCATED',
        layer: 'file',
        offset: source.size,
        message: `file is ${source.size} bytes but its header says ${this.header.fileEof}: it was cut short; reporting what can be read`,
      });
    }
    this.checkHeaderCrc();
    this.layout = layoutOf(this.header.variant);
    this.bbt = new BlockBTree(source, this.layout, warnings, this.header.bbt);
    this.nbt = new NodeBTree(source, this.layout, warnings, this.header.nbt);
    this.blocks = new BlockReader(source, this.layout, this.bbt, this.header.encryption, warnings);
  }

  /** dwCRCPartial (471 bytes from offset 8) and, in Unicode files, dwCRCFull (516 bytes): a
   * mismatch is a warning, since a damaged header may still point to readable B-trees. [MS-PST] 2.2.2.6 */
  private checkHeaderCrc(): void {
    const h = this.source.read(0, Math.min(this.source.size, 528));
    const checks: [number, number][] = this.header.variant === 'ansi' ? [[4, 471]] : [[4, 471], [524, 516]];
    for (const [at, length] of checks) {
      if (h.length < Math.max(at + 4, 8 + length)) continue;
      if (pstCrc(h.subarray(8, 8 + length)) !== u32(h, at)) {
        this.warnings.add({ code: 'CRC_MISMATCH', layer: 'file', offset: at, message: 'header CRC does not match the header; read anyway' });
      }
    }
  }

  node(nid: Nid): PstNode | undefined {
    const e = this.nbt.find(nid);
    return e ? new PstNode(this, e.nid, asBid(e.bidData), asBid(e.bidSub)) : undefined;
  }

  /** Every node of the NBT, in NID order: an independent view of what the store holds. */
  *allNodes(): Generator<{ nid: Nid; parent: Nid }> {
    for (const e of this.nbt.entries()) yield { nid: e.nid, parent: e.nidParent };
  }

  /**
   * Visits nodes in the order their data lies in the file (nodes that cannot be placed last, in the
   * order given), so a pass over every message reads the file once, forward. The NBT and BBT are
   * searched once for all of them (findSorted), and each node's first data block is read into memory
   * the next node reuses: `node`, and every byte read through it, is only valid during its `visit`.
   * Only those blocks' own bytes are read (BlockRuns), not the attachment data between them.
   * A node that is not in the NBT is visited with `node` undefined. `nids[i]` is the i-th node's NID,
   * and `visit` is given that i: a pass over a million messages makes no object per message.
   */
  scanInFileOrder(nids: ArrayLike<number>, visit: (i: number, node: NodeView | undefined) => void): void {
    const n = nids.length;
    const { found, bidData, bidSub, at, cb, inflated } = this.placeNodes(nids);
    // Blocks start on 64-byte boundaries, so offsets ÷ 64 are whole keys below 2^32 (orderBy's radix
    // path) in files under 256 GiB; nodes not placed sort after every block.
    let last = 0;
    for (let i = 0; i < n; i++) if (at[i]! !== Number.MAX_VALUE && at[i]! > last) last = at[i]!;
    const order = orderBy(n, (i) => (at[i]! === Number.MAX_VALUE ? last + 64 : at[i]!) / 64);
    const spans = gather(order, (i) => (cb[i]! >= 0 ? (this.blocks.span(at[i]!, cb[i]!) ?? 0) : 0), new Int32Array(order.length));
    const runs = new BlockRuns(this.source, gather(order, (i) => at[i]!, new Float64Array(order.length)), spans);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const once = cb[i]! >= 0 ? { reader: this.blocks, runs, k, ib: at[i]!, cb: cb[i]!, cbInflated: inflated[i]! } : undefined;
      visit(i, found[i] ? new PstNode(this, asNid(nids[i]!), asBid(bidData[i]!), asBid(bidSub[i]!), once) : undefined);
    }
  }

  /**
   * Each node's NBT entry and its data block's place, found in one descent of each B-tree for all of
   * them (findSorted). A function of its own so that the lookups' sorted keys and orders (five
   * arrays, 32 MB for a million nodes) are garbage before the scan reads a block.
   */
  private placeNodes(nids: ArrayLike<number>): NodePlaces {
    const n = nids.length;
    // Kept in typed arrays, not entry objects: for 100,000 messages the difference is megabytes.
    const found = new Uint8Array(n);
    const bidData = new BigUint64Array(n);
    const bidSub = new BigUint64Array(n);
    const at = new Float64Array(n).fill(Number.MAX_VALUE);
    const cb = new Int32Array(n).fill(-1);
    const inflated = new Int32Array(n);
    const byNid = orderBy(n, (i) => nids[i]!);
    const sorted = gather(byNid, (i) => nids[i]!, new Float64Array(byNid.length));
    this.nbt.findSorted(sorted, (k, e) => {
      // One NID listed twice (in two folders' contents, or twice in one) is found for each listing.
      for (let j = k; j < n && sorted[j] === sorted[k]; j++) {
        const i = byNid[j]!;
        found[i] = 1;
        bidData[i] = e.bidData;
        bidSub[i] = e.bidSub;
      }
    });
    // Data blocks (not XBLOCKs) are located in one more descent; the others are read as usual.
    const keyOf = new Float64Array(n).fill(Number.NaN);
    for (let i = 0; i < n; i++) {
      const bid = asBid(bidData[i]!);
      if (found[i] && !isInternal(bid)) keyOf[i] = bbtKey(bid) ?? Number.NaN;
    }
    const byBid = orderBy(n, (i) => keyOf[i]!);
    const keys = gather(byBid, (i) => keyOf[i]!, new Float64Array(byBid.length));
    this.bbt.findSorted(keys, (k, e) => {
      for (let j = k; j < keys.length && keys[j] === keys[k]; j++) {
        at[byBid[j]!] = e.ib;
        cb[byBid[j]!] = e.cb;
        inflated[byBid[j]!] = e.cbInflated;
      }
    });
    for (let i = 0; i < n; i++) if (found[i] && cb[i]! < 0) at[i] = this.blocks.offsetOf(asBid(bidData[i]!)) ?? Number.MAX_VALUE;
    return { found, bidData, bidSub, at, cb, inflated };
  }

  requireNode(nid: Nid): PstNode {
    const n = this.node(nid);
    if (!n) throw new PstFormatError('NOT_FOUND', 'node is not in the node B-tree', { layer: 'ndb', id: `nid ${formatNid(nid)}` });
    return n;
  }
}

/** Per node (the scan's i): whether the NBT has it, its NBT entry, and its data block's offset (MAX_VALUE
 * when not placed), stored size (-1 when the BBT does not give it) and inflated size. */
interface NodePlaces {
  found: Uint8Array;
  bidData: BigUint64Array;
  bidSub: BigUint64Array;
  at: Float64Array;
  cb: Int32Array;
  inflated: Int32Array;
}

/** `value(order[k])` into `out[k]` for each k. A loop: TypedArray.from with a mapping function goes
 * through the iterator protocol, about 0.2 s per million elements against 0.03 s. */
function gather<A extends Float64Array | Int32Array>(order: Uint32Array, value: (i: number) => number, out: A): A {
  for (let k = 0; k < order.length; k++) out[k] = value(order[k]!);
  return out;
}
