// The messaging layer of the writer ([MS-PST] 2.4): message store, folders with their hierarchy,
// contents and associated contents tables, messages (normal and FAI) with attachments, the
// name-to-id map and the receive-folder table. Messages are written as they are added; the folder
// tables, which need every row, at finish().

import { createHash } from 'node:crypto';
import { PropType } from '../../src/pst/ltp/proptype.js';
import { PropId } from '../../src/pst/messaging/proptags.js';
import { NidType, SpecialNid } from '../../src/pst/ndb/ids.js';
import { BlockFile, type Deleted, type Encryption, type SubnodeRef, type Variant } from './blockfile.js';
import { buildPc, buildTc, type ColumnSpec, type LtpNode } from './ltp.js';
import { NameMapBuilder, type NamedValue } from './namemap.js';
import { P, text, type PropValue } from './props.js';
import { ContentsRows, SpillDir, type ContentsRow } from './contents-rows.js';

export interface AttachmentSpec {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  additionalInfo?: Uint8Array;
  data: Uint8Array;
}

export interface MessageSpec {
  messageClass: string;
  subject?: string;
  senderName?: string;
  senderEmail?: string;
  body?: string;
  created?: Date;
  modified?: Date;
  delivered?: Date;
  flags?: number;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  internetMessageId?: string;
  /** PR_TRANSPORT_MESSAGE_HEADERS: the Received: lines of a message that came over the wire. */
  transportHeaders?: string;
  /** Named properties, stored under the ids the store's name-to-id map gives them. */
  named?: NamedValue[];
  /** ANSI stores: the code page the message declares (PidTagMessageCodepage) and its strings are
   * written in. Without it a message declares 1252 in a 1252 store, and nothing in another. */
  codepage?: number;
  attachments?: AttachmentSpec[];
}

/** Folders the store or the root folder names by entry id. [MS-OXOSFLD] 2.2 */
export type SpecialFolder = 'sent-items' | 'outbox' | 'drafts';

export interface WriterOptions {
  variant: Variant;
  encryption: Encryption;
  displayName?: string;
  /** Write allocation maps (fAMapValid set): needed to describe freed space. */
  maps?: boolean;
  /** 4 KiB-page OSTs: zlib-compress the data blocks that get smaller. */
  compress?: boolean;
  /** ANSI stores: the code page of 8-bit strings, declared on the store (PidTagMessageCodepage). */
  codepage?: number;
}

export interface FolderHandle {
  readonly nid: number;
}

interface FolderState extends FolderHandle {
  name: string;
  parent: number;
  containerClass?: string;
  children: FolderState[];
  contents: ContentsRows;
  associated: ContentsRows;
}

const MSGFLAG_HASATTACH = 0x10;

/** The store's record key (PR_RECORD_KEY, also the provider UID in its entry ids), derived from its display name so a test can name it. */
export function storeRecordKey(displayName: string | undefined): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`pophist:${displayName ?? ''}`).digest().subarray(0, 16));
}

const FOLDER_VALID = 0x1 | 0x8 | 0x80; // IPM subtree, wastebasket, finder valid

export class PstWriter {
  readonly root: FolderHandle;
  readonly ipmSubtree: FolderHandle;
  readonly deletedItems: FolderHandle;
  readonly searchRoot: FolderHandle;
  private readonly file: BlockFile;
  private readonly ansi: boolean;
  private readonly folders = new Map<number, FolderState>();
  private readonly providerUid: Uint8Array;
  private nextFolder = 0x401;
  private nextMessage = 0x10001;
  private nextAssoc = 0x8001;
  private inbox: FolderHandle | undefined;
  private readonly names = new NameMapBuilder();
  private readonly special = new Map<SpecialFolder, FolderHandle>();
  private readonly spill = new SpillDir();

  constructor(
    path: string,
    private readonly opts: WriterOptions,
  ) {
    this.file = new BlockFile(path, opts.variant, opts.encryption, opts.maps ?? false, opts.compress ?? false);
    this.ansi = opts.variant === 'ansi';
    this.providerUid = storeRecordKey(opts.displayName);
    const root: FolderState = { nid: SpecialNid.ROOT_FOLDER, name: '', parent: SpecialNid.ROOT_FOLDER, children: [], contents: new ContentsRows(this.spill), associated: new ContentsRows(this.spill) };
    this.folders.set(root.nid, root);
    this.root = root;
    this.ipmSubtree = this.addFolder(root, 'Top of Personal Folders');
    this.deletedItems = this.addFolder(this.ipmSubtree, 'Deleted Items');
    this.searchRoot = this.addFolder(root, 'Search Root');
  }

  addFolder(parent: FolderHandle, name: string, containerClass = 'IPF.Note'): FolderHandle {
    const nid = (this.nextFolder++ << 5) | NidType.NORMAL_FOLDER;
    const f: FolderState = { nid, name, parent: parent.nid, containerClass, children: [], contents: new ContentsRows(this.spill), associated: new ContentsRows(this.spill) };
    this.folders.set(nid, f);
    this.state(parent).children.push(f);
    return f;
  }

  /** The folder the receive-folder table names for "", IPM and Report.IPM. */
  setInbox(folder: FolderHandle): void {
    this.inbox = folder;
  }

  /** Name a folder Sent Items, Outbox (on the store) or Drafts (on the root folder). */
  setSpecialFolder(role: SpecialFolder, folder: FolderHandle): void {
    this.special.set(role, folder);
  }

  addMessage(folder: FolderHandle, m: MessageSpec): number {
    const nid = (this.nextMessage++ << 5) | NidType.NORMAL_MESSAGE;
    this.writeMessage(nid, folder, m, this.state(folder).contents);
    return nid;
  }

  addAssociated(folder: FolderHandle, m: MessageSpec): number {
    const nid = (this.nextAssoc++ << 5) | NidType.ASSOC_MESSAGE;
    this.writeMessage(nid, folder, m, this.state(folder).associated);
    return nid;
  }

  /** An associated message written, then deleted the way Outlook deletes one when it recreates it:
   * its node and blocks leave the B-trees (the AMap marks them free), the NBT leaf page that held it
   * stays in freed space as the B-tree's copy-on-write leaves it, and every byte stays in place. */
  addDeletedAssociated(folder: FolderHandle, m: MessageSpec): Deleted {
    const nid = (this.nextAssoc++ << 5) | NidType.ASSOC_MESSAGE;
    const mark = this.file.mark();
    this.writeMessage(nid, folder, m, new ContentsRows());
    const gone = this.file.deleteSince(mark);
    this.file.writeFreedLeaf(gone.nodes);
    return gone;
  }

  /** The next block written reuses freed space at `ib`, overwriting what was there. */
  reuseAt(ib: number): void {
    this.file.reuseAt(ib);
  }

  finish(): void {
    for (const f of this.folders.values()) this.writeFolder(f);
    this.writeLtp(SpecialNid.MESSAGE_STORE, 0, buildPc(this.file, this.storeProps()));
    this.writeLtp(SpecialNid.NAME_TO_ID_MAP, 0, buildPc(this.file, this.names.props()));
    this.writeLtp(SpecialNid.RECEIVE_FOLDER_TABLE, 0, this.receiveFolderTable());
    this.file.finish();
    this.spill.remove();
  }

  private state(h: FolderHandle): FolderState {
    const f = this.folders.get(h.nid);
    if (!f) throw new Error(`unknown folder 0x${h.nid.toString(16)}`);
    return f;
  }

  private t(id: number, s: string, codepage = this.opts.codepage): PropValue {
    return text(id, s, this.ansi, codepage);
  }

  private writeMessage(nid: number, folder: FolderHandle, m: MessageSpec, rows: ContentsRows): void {
    const atts = m.attachments ?? [];
    const cp = m.codepage ?? this.opts.codepage;
    const t = (id: number, s: string): PropValue => this.t(id, s, cp);
    const flags = (m.flags ?? 0) | (atts.length > 0 ? MSGFLAG_HASATTACH : 0);
    const size = atts.reduce((a, x) => a + x.data.length, 0) + (m.body?.length ?? 0) * 2 + 512;
    const props: PropValue[] = [t(PropId.MessageClass, m.messageClass), P.int32(PropId.MessageFlags, flags), P.int32(PropId.MessageSize, size)];
    if (m.subject !== undefined) props.push(t(PropId.Subject, m.subject));
    if (m.senderName !== undefined) props.push(t(PropId.SenderName, m.senderName), t(PropId.SentRepresentingName, m.senderName));
    if (m.senderEmail !== undefined) props.push(t(PropId.SenderEmailAddress, m.senderEmail), t(0x0c1e, 'SMTP'));
    if (m.body !== undefined) props.push(t(PropId.Body, m.body));
    if (m.created) props.push(P.time(PropId.CreationTime, m.created));
    if (m.modified ?? m.created) props.push(P.time(PropId.LastModificationTime, (m.modified ?? m.created)!));
    if (m.delivered) props.push(P.time(PropId.MessageDeliveryTime, m.delivered), P.time(PropId.ClientSubmitTime, m.delivered));
    if (m.conversationKey) props.push(P.binary(PropId.ConversationKey, m.conversationKey));
    if (m.searchKey) props.push(P.binary(PropId.SearchKey, m.searchKey));
    if (m.internetMessageId !== undefined) props.push(t(PropId.InternetMessageId, m.internetMessageId));
    if (m.transportHeaders !== undefined) props.push(t(PropId.TransportMessageHeaders, m.transportHeaders));
    if (m.named) props.push(...this.names.resolve(m.named));
    if (this.ansi && (m.codepage !== undefined || this.opts.codepage === undefined)) props.push(P.int32(PropId.MessageCodepage, cp ?? 1252));
    const pc = buildPc(this.file, props);
    const subs: SubnodeRef[] = [...pc.subnodes, ...this.attachments(atts, cp)];
    this.file.addNode(nid, this.file.writeData(pc.blocks), this.file.writeSubnodes(subs), folder.nid);
    rows.push({
      nid,
      messageClass: m.messageClass,
      subject: m.subject ?? '',
      flags,
      size,
      delivered: m.delivered?.getTime(),
      modified: (m.modified ?? m.created)?.getTime(),
    });
  }

  /** The attachment table (subnode 0x671), each attachment's PC, and an empty recipient table (0x692). */
  private attachments(atts: readonly AttachmentSpec[], cp: number | undefined): SubnodeRef[] {
    const out: SubnodeRef[] = [];
    const rows: { rowId: number; values: PropValue[] }[] = [];
    atts.forEach((a, i) => {
      const nid = ((0x400 + i) << 5) | NidType.ATTACHMENT;
      const props: PropValue[] = [
        P.int32(PropId.AttachMethod, 1),
        P.int32(PropId.AttachSize, a.data.length + 200),
        P.int32(PropId.AttachNum, i),
        P.int32(0x370b, -1), // PR_RENDERING_POSITION: not rendered in the body
        P.binary(PropId.AttachDataBinary, a.data),
      ];
      if (a.filename !== undefined) props.push(this.t(PropId.AttachFilename, a.filename, cp));
      if (a.longFilename !== undefined) props.push(this.t(PropId.AttachLongFilename, a.longFilename, cp));
      if (a.displayName !== undefined) props.push(this.t(PropId.DisplayName, a.displayName, cp));
      if (a.additionalInfo) props.push(P.binary(PropId.AttachAdditionalInfo, a.additionalInfo));
      const pc = buildPc(this.file, props);
      out.push({ nid, bidData: this.file.writeData(pc.blocks), bidSub: this.file.writeSubnodes(pc.subnodes) });
      const row: PropValue[] = [P.int32(PropId.AttachMethod, 1), P.int32(PropId.AttachSize, a.data.length + 200), P.int32(0x370b, -1)];
      if (a.filename !== undefined) row.push(this.t(PropId.AttachFilename, a.filename, cp));
      if (a.longFilename !== undefined) row.push(this.t(PropId.AttachLongFilename, a.longFilename, cp));
      rows.push({ rowId: nid, values: row });
    });
    const str = this.ansi ? PropType.String8 : PropType.Unicode;
    const attCols: ColumnSpec[] = [
      { id: PropId.AttachSize, type: PropType.Int32 },
      { id: PropId.AttachFilename, type: str },
      { id: PropId.AttachMethod, type: PropType.Int32 },
      { id: PropId.AttachLongFilename, type: str },
      { id: 0x370b, type: PropType.Int32 },
    ];
    out.push(this.subnodeOf(SpecialNid.ATTACHMENT_TABLE, buildTc(this.file, attCols, rows)));
    const recipCols: ColumnSpec[] = [
      { id: 0x0c15, type: PropType.Int32 }, // PR_RECIPIENT_TYPE
      { id: PropId.DisplayName, type: str },
      { id: 0x3003, type: str }, // PR_EMAIL_ADDRESS
    ];
    out.push(this.subnodeOf(SpecialNid.RECIPIENT_TABLE, buildTc(this.file, recipCols, [])));
    return out;
  }

  private subnodeOf(nid: number, node: LtpNode): SubnodeRef {
    return { nid, bidData: this.file.writeData(node.blocks), bidSub: this.file.writeSubnodes(node.subnodes) };
  }

  private writeLtp(nid: number, parent: number, node: LtpNode): void {
    this.file.addNode(nid, this.file.writeData(node.blocks), this.file.writeSubnodes(node.subnodes), parent);
  }

  private writeFolder(f: FolderState): void {
    const str = this.ansi ? PropType.String8 : PropType.Unicode;
    const props: PropValue[] = [
      this.t(PropId.DisplayName, f.name),
      P.int32(PropId.ContentCount, f.contents.length),
      P.int32(PropId.ContentUnreadCount, 0),
      P.bool(PropId.Subfolders, f.children.length > 0),
      P.int32(PropId.AssocContentCount, f.associated.length),
    ];
    if (f.containerClass) props.push(this.t(0x3613, f.containerClass));
    const drafts = this.special.get('drafts');
    if (f.nid === SpecialNid.ROOT_FOLDER && drafts) props.push(P.binary(PropId.IpmDraftsEntryId, this.entryId(drafts.nid)));
    this.writeLtp(f.nid, f.parent, buildPc(this.file, props));
    const index = f.nid >>> 5;
    const hierarchyCols: ColumnSpec[] = [
      { id: PropId.DisplayName, type: str },
      { id: PropId.ContentCount, type: PropType.Int32 },
      { id: PropId.ContentUnreadCount, type: PropType.Int32 },
      { id: PropId.Subfolders, type: PropType.Boolean },
      { id: 0x3613, type: str },
    ];
    const hierarchyRows = f.children.map((c) => ({
      rowId: c.nid,
      values: [
        this.t(PropId.DisplayName, c.name),
        P.int32(PropId.ContentCount, c.contents.length),
        P.int32(PropId.ContentUnreadCount, 0),
        P.bool(PropId.Subfolders, c.children.length > 0),
        ...(c.containerClass ? [this.t(0x3613, c.containerClass)] : []),
      ],
    }));
    this.writeLtp((index << 5) | NidType.HIERARCHY_TABLE, 0, buildTc(this.file, hierarchyCols, hierarchyRows));
    const contentsCols: ColumnSpec[] = [
      { id: PropId.MessageClass, type: str },
      { id: PropId.Subject, type: str },
      { id: PropId.MessageDeliveryTime, type: PropType.SysTime },
      { id: PropId.MessageFlags, type: PropType.Int32 },
      { id: PropId.MessageSize, type: PropType.Int32 },
      { id: PropId.LastModificationTime, type: PropType.SysTime },
    ];
    const row = (r: ContentsRow) => ({
      rowId: r.nid,
      values: [
        this.t(PropId.MessageClass, r.messageClass),
        this.t(PropId.Subject, r.subject),
        P.int32(PropId.MessageFlags, r.flags),
        P.int32(PropId.MessageSize, r.size),
        ...(r.delivered !== undefined ? [P.time(PropId.MessageDeliveryTime, new Date(r.delivered))] : []),
        ...(r.modified !== undefined ? [P.time(PropId.LastModificationTime, new Date(r.modified))] : []),
      ],
    });
    const rows = (t: ContentsRows) => ((all) => ({ length: all.length, get: (i: number) => row(all.get(i)) }))(t.take());
    this.writeLtp((index << 5) | NidType.CONTENTS_TABLE, 0, buildTc(this.file, contentsCols, rows(f.contents)));
    this.writeLtp((index << 5) | NidType.ASSOC_CONTENTS_TABLE, 0, buildTc(this.file, contentsCols, rows(f.associated)));
  }

  private entryId(nid: number): Uint8Array {
    const b = Buffer.alloc(24);
    b.set(this.providerUid, 4);
    b.writeUInt32LE(nid, 20);
    return new Uint8Array(b);
  }

  private storeProps(): PropValue[] {
    const special: PropValue[] = [];
    const sent = this.special.get('sent-items');
    const outbox = this.special.get('outbox');
    if (sent) special.push(P.binary(PropId.IpmSentMailEntryId, this.entryId(sent.nid)));
    if (outbox) special.push(P.binary(PropId.IpmOutboxEntryId, this.entryId(outbox.nid)));
    return [
      ...special,
      this.t(PropId.DisplayName, this.opts.displayName ?? 'Personal Folders'),
      ...(this.ansi && this.opts.codepage !== undefined ? [P.int32(PropId.MessageCodepage, this.opts.codepage)] : []),
      P.binary(PropId.RecordKey, this.providerUid),
      P.binary(PropId.IpmSubtreeEntryId, this.entryId(this.ipmSubtree.nid)),
      P.binary(PropId.IpmWastebasketEntryId, this.entryId(this.deletedItems.nid)),
      P.binary(PropId.FinderEntryId, this.entryId(this.searchRoot.nid)),
      P.int32(0x35df, FOLDER_VALID), // PR_VALID_FOLDER_MASK
    ];
  }

  /** [MS-PST] 2.4.7 receive folder table: message class → folder NID. */
  private receiveFolderTable(): LtpNode {
    const str = this.ansi ? PropType.String8 : PropType.Unicode;
    const inbox = this.inbox?.nid ?? SpecialNid.ROOT_FOLDER;
    const map: [string, number][] = this.inbox
      ? [
          ['', inbox],
          ['IPM', inbox],
          ['Report.IPM', inbox],
          ['IPC', SpecialNid.ROOT_FOLDER],
        ]
      : [['', SpecialNid.ROOT_FOLDER]];
    return buildTc(
      this.file,
      [
        { id: PropId.MessageClass, type: str },
        { id: PropId.ReceiveFolderNid, type: PropType.Int32 },
      ],
      map.map(([cls, nid], i) => ({ rowId: i + 1, values: [this.t(PropId.MessageClass, cls), P.int32(PropId.ReceiveFolderNid, nid)] })),
    );
  }
}
