// The node database: opens a file, and hands out nodes (data + subnodes) by NID. [MS-PST] 2.2

import { PstFormatError, WarningSink } from '../file/errors.js';
import { readHeader, type Header } from '../file/header.js';
import { u32 } from '../file/bytes.js';
import { pstCrc } from './crc.js';
import type { ByteSource } from '../file/source.js';
import { BlockReader, type BlockSource } from './block.js';
import { BlockBTree, NodeBTree } from './btree.js';
import { dataBlockIds } from './datatree.js';
import { asBid, formatNid, type Bid, type Nid } from './ids.js';
import { ANSI, UNICODE, type Layout } from './layout.js';
import { readSubnodes, type SubnodeEntry } from './subnode.js';

/** What the LTP layer needs of a node: its data blocks and its subnodes. A live node and one
 * rebuilt from freed space both provide it. */
export interface NodeView {
  readonly nid: Nid;
  blocks(): Uint8Array[];
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

  constructor(
    private readonly db: BlockContext,
    readonly nid: Nid,
    readonly bidData: Bid,
    readonly bidSub: Bid,
  ) {}

  /** The node's data blocks, in order (a heap-on-node is addressed per block). */
  blocks(): Uint8Array[] {
    return this.blockIds().map((bid) => this.db.blocks.read(bid));
  }

  blockIds(): Bid[] {
    return dataBlockIds(this.db.blocks, this.db.layout, this.bidData);
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
    this.layout = this.header.variant === 'ansi' ? ANSI : UNICODE;
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
   * The nodes in the order their data lies in the file (nodes that cannot be placed last, in the
   * order given): reading them so goes through the file once, forward, instead of once per folder.
   */
  inFileOrder<T extends { nid: Nid }>(items: readonly T[]): T[] {
    const at = new Float64Array(items.length);
    items.forEach((item, i) => {
      const e = this.nbt.find(item.nid);
      at[i] = (e && this.blocks.offsetOf(asBid(e.bidData))) ?? Number.MAX_VALUE;
    });
    return Array.from(at.keys())
      .sort((a, b) => at[a]! - at[b]! || a - b)
      .map((i) => items[i]!);
  }

  requireNode(nid: Nid): PstNode {
    const n = this.node(nid);
    if (!n) throw new PstFormatError('NOT_FOUND', 'node is not in the node B-tree', { layer: 'ndb', id: `nid ${formatNid(nid)}` });
    return n;
  }
}
