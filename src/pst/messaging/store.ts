// The message store (NID 0x21, [MS-PST] 2.4.3) and the entry points of the messaging layer.

import { PstFormatError, WarningSink, type PstWarning } from '../file/errors.js';
import type { Encryption, Variant } from '../file/header.js';
import { FileSource, type ByteSource } from '../file/source.js';
import { NodeDatabase, PstNode, type NodeView } from '../ndb/database.js';
import type { BlockProblem } from '../ndb/block.js';
import { asNid, formatBid, formatNid, SpecialNid, type Nid } from '../ndb/ids.js';
import { resolveCodepage, WINDOWS_1252 } from '../ltp/codepage.js';
import { readPcProperty, readPropertyContext } from '../ltp/propcontext.js';
import { filetimeMillis } from '../ltp/property.js';
import { PropType } from '../ltp/proptype.js';
import { PropertyBag } from '../ltp/property.js';
import { TableContext } from '../ltp/tablecontext.js';
import { entryIdNid } from './entryid.js';
import { Folder } from './folder.js';
import { Message } from './message.js';
import { readNameToIdMap, type NameToIdMap } from './namedprops.js';
import { PropId } from './proptags.js';

export interface ReceiveFolderEntry {
  messageClass: string;
  folderNid: Nid;
}

export class PstStore {
  readonly db: NodeDatabase;
  readonly props: PropertyBag;
  readonly warnings: WarningSink;
  /** The code page of the store's 8-bit strings: the one its own properties declare
   * (PidTagMessageCodepage, else PidTagCodePageId), else Windows-1252. A message may declare its own. */
  readonly codepage: number;
  private names: NameToIdMap | undefined;

  constructor(source: ByteSource) {
    this.warnings = new WarningSink();
    this.db = new NodeDatabase(source, this.warnings);
    try {
      const props = readPropertyContext(this.db.requireNode(SpecialNid.MESSAGE_STORE), WINDOWS_1252);
      this.codepage = resolveCodepage(props.int(PropId.MessageCodepage), props.int(PropId.CodePageId));
      this.props = props.withCodepage(this.codepage);
    } catch (e) {
      // In a cut file the store's own structures may be what is missing: say so plainly.
      if (e instanceof PstFormatError && e.code === 'OUT_OF_RANGE' && this.db.header.fileEof > source.size) {
        throw new PstFormatError(
          'TRUNCATED',
          `file was cut at ${source.size} bytes (its header says ${this.db.header.fileEof}) and the store's root structures lie past the cut: ${e.message}`,
          { layer: e.layer, id: e.id, offset: e.offset },
        );
      }
      throw e;
    }
    const eof = this.db.header.fileEof;
    if (source.size > eof) {
      this.warnings.add({
        code: 'PAST_EOF',
        layer: 'file',
        offset: eof,
        message: `${source.size - eof} bytes after the end the header declares (ibFileEof ${eof}), not read as part of the store`,
      });
    }
  }

  /** How the file is laid out, and the code page of its 8-bit strings when that is not Windows-1252. */
  get format(): { variant: Variant; encryption: Encryption; codepage?: number } {
    const { variant, encryption } = this.db.header;
    return this.codepage === WINDOWS_1252 ? { variant, encryption } : { variant, encryption, codepage: this.codepage };
  }

  get displayName(): string | undefined {
    return this.props.string(PropId.DisplayName);
  }

  get recordKey(): Uint8Array | undefined {
    return this.props.binary(PropId.RecordKey);
  }

  get bytesRead(): number {
    return this.db.source.bytesRead;
  }

  get warningList(): readonly PstWarning[] {
    return this.warnings.list;
  }

  /** The name-to-id map (NID 0x61), read once; a store without one maps no name. [MS-PST] 2.4.7 */
  namedProps(): NameToIdMap {
    if (!this.names) {
      const node = this.db.node(SpecialNid.NAME_TO_ID_MAP);
      let props: PropertyBag | undefined;
      try {
        props = node ? readPropertyContext(node, this.codepage) : undefined;
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        this.warnings.fromError(e, 'name-to-id map');
      }
      this.names = readNameToIdMap(props ?? new PropertyBag(new Map()), this.warnings);
    }
    return this.names;
  }

  rootFolder(): Folder {
    return this.folder(SpecialNid.ROOT_FOLDER);
  }

  /** The IPM subtree ("Top of Personal Folders"), from the store's PR_IPM_SUBTREE_ENTRYID. */
  ipmSubtreeNid(): Nid | undefined {
    return entryIdNid(this.props.binary(PropId.IpmSubtreeEntryId));
  }

  /** A folder by NID; its path is `parentPath` plus its name, or [] for the root (no parent given). */
  folder(nid: Nid, parentPath?: readonly string[], parentNid?: Nid): Folder {
    const node = this.db.node(nid);
    if (!node) throw new PstFormatError('NOT_FOUND', 'folder node is not in the node B-tree', { layer: 'messaging', id: `nid ${formatNid(nid)}` });
    const props = readPropertyContext(node, this.codepage);
    const path = parentPath ? [...parentPath, props.string(PropId.DisplayName) ?? ''] : [];
    return new Folder(this, nid, props, path, parentNid);
  }

  message(nid: Nid): Message {
    const node = this.db.node(nid);
    if (!node) throw new PstFormatError('NOT_FOUND', 'message node is not in the node B-tree', { layer: 'messaging', id: `nid ${formatNid(nid)}` });
    return new Message(node, this.db.layout.maxBlockData, this.codepage);
  }

  /**
   * Every listed message (`nids[i]`, visited with i), in the order its data lies in the file, read
   * once (NodeDatabase.scanInFileOrder): `read()` gives the message, or throws what `message(nid)`
   * would. The message, and every byte read through it, is only valid during its `visit`: keep
   * strings and numbers, not views.
   */
  scanMessageNids(nids: ArrayLike<number>, visit: (i: number, read: () => Message) => void): void {
    this.db.scanInFileOrder(nids, (i, node) =>
      visit(i, () => {
        if (!node) throw new PstFormatError('NOT_FOUND', 'message node is not in the node B-tree', { layer: 'messaging', id: `nid ${formatNid(asNid(nids[i]!))}` });
        return new Message(node, this.db.layout.maxBlockData, this.codepage);
      }),
    );
  }

  /** A message's PR_CREATION_TIME alone, without reading its other properties. */
  messageCreated(nid: Nid): Date | undefined {
    const node = this.db.node(nid);
    if (!node) throw new PstFormatError('NOT_FOUND', 'message node is not in the node B-tree', { layer: 'messaging', id: `nid ${formatNid(nid)}` });
    const p = readPcProperty(node, PropId.CreationTime);
    return p && p.type === PropType.SysTime && p.bytes.length >= 8 ? new Date(filetimeMillis(p.bytes, 0)) : undefined;
  }

  /** Every folder below the root, depth first. A damaged folder is reported and its subtree skipped. */
  *walk(): Generator<Folder> {
    const seen = new Set<Nid>();
    const stack: Folder[] = [this.rootFolder()];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f.nid)) continue; // a hierarchy that loops back is reported once, not followed
      seen.add(f.nid);
      yield f;
      try {
        stack.push(...f.subfolders().reverse());
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        this.warnings.gap(e, `subfolders of "/${f.path.join('/')}"`);
      }
    }
  }

  /** The receive-folder table (NID 0x62B): message class → folder. [MS-PST] 2.4.7 */
  receiveFolders(): ReceiveFolderEntry[] {
    const node = this.db.node(SpecialNid.RECEIVE_FOLDER_TABLE);
    if (!node) return [];
    const table = new TableContext(node, this.db.layout.maxBlockData, this.codepage);
    const out: ReceiveFolderEntry[] = [];
    for (let i = 0; i < table.rowCount; i++) {
      const row = table.row(i);
      const nid = row.int(PropId.ReceiveFolderNid);
      if (nid !== undefined) out.push({ messageClass: row.string(PropId.MessageClass) ?? '', folderNid: asNid(nid) });
    }
    return out;
  }

  /**
   * The blocks of a node's tree (data, and subnodes unless told not) that fail their size, signature or CRC check, read
   * afresh; each such block's warning is told what it holds. Empty for a node not of this file's B-trees.
   */
  damagedBlocks(node: NodeView, holds: string, subnodes = true): DamagedBlock[] {
    if (!(node instanceof PstNode)) return [];
    const out: DamagedBlock[] = [];
    try {
      for (const bid of subnodes ? node.treeBlockIds() : node.blockIds()) {
        const bad = this.db.blocks.check(bid);
        if (!bad) continue;
        out.push({ bid: formatBid(bid), ...bad });
        this.warnings.holds(`block ${formatBid(bid)}`, holds);
      }
    } catch (e) {
      // A tree that cannot be walked was already a read error of the node itself.
      if (!(e instanceof PstFormatError)) throw e;
    }
    return out;
  }

  close(): void {
    this.db.source.close();
  }
}

export interface DamagedBlock {
  bid: string;
  /** File offset of the block. */
  offset: number;
  problem: BlockProblem;
}

/** Open a PST/OST read-only. Throws PstFormatError (e.g. NOT_A_PST) when the file cannot be read as one. */
export function openPst(path: string | Buffer): PstStore {
  const source = new FileSource(path);
  try {
    return new PstStore(source);
  } catch (e) {
    source.close();
    throw e;
  }
}
