// Older Message Managers and histories from a store's freed space (design: "Freed space"). Roots
// are node entries left in stale B-tree slots or freed leaf pages (a whole older message, with its
// subnodes), then heaps in freed blocks that no such message claimed (a manager's property
// context, an attachment table, an attachment with its blob). Nothing here is mixed with the
// live findings, and a blob whose bytes were partly reused is cut to what provably survives.

import { PstFormatError, WarningSink } from '../pst/file/errors.js';
import { isInternal } from '../pst/ndb/block.js';
import { PstNode, type NodeView } from '../pst/ndb/database.js';
import { scanFreedSpace, type FreedBlocks, type FreedSpace, type Overwrite } from '../pst/ndb/freed.js';
import { asBid, asNid, formatBid, formatNid, NidType, nidType, SpecialNid, type Bid } from '../pst/ndb/ids.js';
import { readId } from '../pst/ndb/layout.js';
import type { NodeSlot } from '../pst/ndb/stale.js';
import { ClientSig } from '../pst/ltp/heap.js';
import { readPcHnid, readPropertyContext } from '../pst/ltp/propcontext.js';
import type { PropertyBag } from '../pst/ltp/property.js';
import { PropType } from '../pst/ltp/proptype.js';
import { TableContext } from '../pst/ltp/tablecontext.js';
import { Message } from '../pst/messaging/message.js';
import { PropId } from '../pst/messaging/proptags.js';
import type { PstStore } from '../pst/messaging/store.js';
import { analyze, type Analysis, type AttachmentFinding, type ManagerFinding, type ProfileFacts } from './select.js';
import { decodeBlob, type BlobEntry, type DecodedBlob } from './blob.js';
import type { AttachmentCandidate } from './candidate.js';
import type { Correlation } from './correlate.js';

const MANAGER_CLASS = 'ipm.messagemanager';

export type Validation = 'trailer-crc' | 'trailer-crc-mismatch' | 'heap-signature' | 'btree-slot';

/** Where a recovered item lies and why it is believed. */
export interface RecoveredLocation {
  offset: number;
  bid: string;
  /** The node id, when a B-tree slot named it. */
  nid?: string;
  /** `stale-slot`: named by a slot past cEnt of a live leaf page; `free`: in space the live trees do not use. */
  allocation: 'free' | 'stale-slot';
  /** How `free` was established: the AMap, a freed B-tree leaf page, or absence from the live BBT. */
  freeBy?: 'amap' | 'free-page' | 'not-in-bbt';
  validation: Validation[];
}

export interface RecoveredAttachment {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  role: 'history' | 'restags' | 'other';
  smtp?: string;
  accountUid?: string;
  /** Bytes of its data that survive (a partly reused blob counts what is left). */
  size?: number;
  dataSurvives: boolean;
  /** Set when the record was found alone (an attachment table row or PC), not inside a recovered manager. */
  location?: RecoveredLocation;
}

export interface RecoveredManager {
  messageClass: string;
  subject?: string;
  profileName?: string;
  key?: string;
  keyText?: string;
  matchedBy: ManagerFinding['matchedBy'];
  created?: Date;
  modified?: Date;
  attachments: RecoveredAttachment[];
  /** `partial` when parts of the message (attachments, subnodes) could not be rebuilt. */
  status: 'whole' | 'partial';
  problems: string[];
  location: RecoveredLocation;
}

export interface OlderOnlyUid {
  uid: string;
  operation: BlobEntry['operation'];
  time: string;
  /** The message its download created, where the store still holds one (set by the caller that correlates). */
  correlation?: Correlation;
}

export interface RecoveredHistory {
  /** Index into the recovered managers, when the blob came with one. */
  manager?: number;
  attachment?: string;
  role: 'history' | 'restags';
  account: { smtp?: string; uid?: string };
  /** whole: every byte validated; partial: the tags outside reused bytes; damaged: bytes changed where nothing says which, so no tag is reported. */
  status: 'whole' | 'partial' | 'damaged';
  lost: Overwrite[];
  blob: DecodedBlob;
  span?: { first: string; last: string };
  /** Compared with the live history of the same account, when there is one. */
  live?: { history: number; olderOnly: OlderOnlyUid[] };
  location: RecoveredLocation;
}

export interface Recovery {
  scan: { bytes: number; amap: FreedSpace['amap']; blocks: number; pages: number; nodeSlots: number };
  managers: RecoveredManager[];
  attachments: RecoveredAttachment[];
  histories: RecoveredHistory[];
}

interface Blob {
  data: Uint8Array;
  lost: Overwrite[];
  damaged: boolean;
}

export function recoverStore(store: PstStore, live: Analysis, facts: ProfileFacts): Recovery {
  const freed = scanFreedSpace(store.db);
  const r = new Recoverer(store, freed, live, facts);
  r.fromNodeSlots();
  r.fromHeaps();
  return {
    scan: { bytes: freed.bytesScanned, amap: freed.amap, blocks: freed.blocks.all().length, pages: freed.pagesFound, nodeSlots: freed.nodeSlots.length },
    managers: r.managers,
    attachments: r.attachments,
    histories: r.histories,
  };
}

class Recoverer {
  readonly managers: RecoveredManager[] = [];
  readonly attachments: RecoveredAttachment[] = [];
  readonly histories: RecoveredHistory[] = [];
  /** Freed blocks already reported as part of a rebuilt message. */
  private readonly used = new Set<bigint>();
  private readonly blocks: FreedBlocks;
  private subnodeOf: Map<bigint, Bid> | undefined;

  constructor(
    private readonly store: PstStore,
    private readonly freed: FreedSpace,
    private readonly live: Analysis,
    private readonly facts: ProfileFacts,
  ) {
    this.blocks = freed.blocks;
  }

  /** Older FAI message nodes named by stale or freed NBT slots. */
  fromNodeSlots(): void {
    const seen = new Set<string>();
    for (const s of this.freed.nodeSlots) {
      const key = `${s.nid}:${s.bidData}:${s.bidSub}`;
      if (seen.has(key) || this.isLiveNode(s)) continue;
      seen.add(key);
      const node = new PstNode(this.blocks, s.nid, s.bidData, s.bidSub);
      const msg = this.message(node);
      if (!msg || msg.messageClass?.toLowerCase() !== MANAGER_CLASS) continue;
      this.manager(msg, node, this.slotLocation(s));
    }
  }

  /** Heaps in freed blocks no rebuilt message claimed: a manager's PC, attachment PCs and tables. */
  fromHeaps(): void {
    for (const b of this.blocks.all()) {
      if (isInternal(b.bid) || this.used.has(b.bid & ~1n)) continue;
      if (!b.crcOk && b.overwritten.length === 0) continue;
      let data: Uint8Array;
      try {
        data = this.blocks.read(b.bid);
      } catch (e) {
        if (e instanceof PstFormatError) continue;
        throw e;
      }
      if (data.length < 12 || data[2] !== 0xec) continue;
      const node = new PstNode(this.blocks, asNid(0), b.bid, this.linkedSubnodes(b.bid));
      const location = this.blockLocation(b.bid, ['heap-signature']);
      try {
        if (data[3] === ClientSig.PropertyContext) this.fromPc(node, location);
        else if (data[3] === ClientSig.TableContext) this.fromAttachmentTable(node, location);
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
      }
    }
  }

  private isLiveNode(s: NodeSlot): boolean {
    try {
      const n = this.store.db.node(s.nid);
      return n !== undefined && n.bidData === s.bidData && n.bidSub === s.bidSub;
    } catch (e) {
      if (e instanceof PstFormatError) return false;
      throw e;
    }
  }

  private message(node: NodeView): Message | undefined {
    try {
      return new Message(node, this.store.db.layout.maxBlockData, this.store.codepage);
    } catch (e) {
      if (e instanceof PstFormatError) return undefined;
      throw e;
    }
  }

  private manager(msg: Message, node: PstNode, location: RecoveredLocation): void {
    this.claim(node);
    const problems = new WarningSink();
    const attachments: { candidate: AttachmentCandidate; blob?: Blob; node: PstNode }[] = [];
    try {
      for (const a of msg.attachments(problems)) {
        const blob = this.blobOf(a.node as PstNode, a.props, problems);
        attachments.push({
          candidate: { index: a.index, filename: a.filename, longFilename: a.longFilename, displayName: a.displayName, additionalInfo: a.additionalInfo },
          blob,
          node: a.node as PstNode,
        });
      }
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      problems.fromError(e, 'attachment table');
    }
    const found = analyze(
      [{ messageClass: msg.messageClass ?? 'IPM.MessageManager', subject: msg.subject, conversationKey: msg.props.binary(PropId.ConversationKey), searchKey: msg.props.binary(PropId.SearchKey), created: msg.created, modified: msg.modified, inInbox: false, attachments: attachments.map((a) => a.candidate) }],
      this.facts,
    ).managers[0]!;
    const index = this.managers.length;
    this.managers.push({
      messageClass: msg.messageClass ?? 'IPM.MessageManager',
      subject: msg.subject,
      profileName: found.profileName,
      key: found.key,
      keyText: found.keyText,
      matchedBy: found.matchedBy,
      created: msg.created,
      modified: msg.modified,
      attachments: found.attachments.map((f, i) => this.attachmentRecord(f, attachments[i]!.blob)),
      status: problems.list.length > 0 ? 'partial' : 'whole',
      problems: problems.list.map((w) => w.message),
      location,
    });
    found.attachments.forEach((f, i) => {
      const blob = attachments[i]!.blob;
      if (f.role !== 'other' && blob && blob.data.length > 0) this.history(f, blob, this.nodeLocation(attachments[i]!.node, location), index);
    });
  }

  private fromPc(node: PstNode, location: RecoveredLocation): void {
    const props = readPropertyContext(node, 1252);
    const cls = props.string(PropId.MessageClass);
    if (cls?.toLowerCase() === MANAGER_CLASS) {
      const msg = this.message(node);
      if (msg) this.manager(msg, node, location);
      return;
    }
    const candidate: AttachmentCandidate = {
      index: 0,
      filename: props.string(PropId.AttachFilename),
      longFilename: props.string(PropId.AttachLongFilename),
      displayName: props.string(PropId.DisplayName),
      additionalInfo: props.binary(PropId.AttachAdditionalInfo),
    };
    const finding = this.attachmentFinding(candidate);
    if (!finding || props.raw(PropId.AttachMethod) === undefined) return;
    this.claim(node);
    const blob = this.blobOf(node, props, new WarningSink());
    this.attachments.push({ ...this.attachmentRecord(finding, blob), location });
    if (blob && blob.data.length > 0 && finding.role !== 'other') this.history(finding, blob, location);
  }

  /** An attachment table (0x671's TC) whose rows carry Blob / Restags names. */
  private fromAttachmentTable(node: PstNode, location: RecoveredLocation): void {
    const tc = new TableContext(node, this.store.db.layout.maxBlockData, this.store.codepage);
    if (!tc.columns.some((c) => c.id === PropId.AttachFilename || c.id === PropId.AttachLongFilename)) return;
    for (let i = 0; i < tc.rowCount; i++) {
      const row = tc.row(i);
      const finding = this.attachmentFinding({ index: i, filename: row.string(PropId.AttachFilename), longFilename: row.string(PropId.AttachLongFilename) });
      if (finding) this.attachments.push({ ...this.attachmentRecord(finding, undefined), size: row.int(PropId.AttachSize), dataSurvives: false, location });
    }
  }

  /** Outlook's naming rules (analyze.ts) applied to one attachment; undefined when it names no history. */
  private attachmentFinding(a: AttachmentCandidate): AttachmentFinding | undefined {
    const f = analyze([{ messageClass: '', inInbox: false, attachments: [a] }], this.facts).managers[0]!.attachments[0]!;
    return f.role === 'other' ? undefined : f;
  }

  private attachmentRecord(f: AttachmentFinding, blob: Blob | undefined): RecoveredAttachment {
    const c = f.candidate;
    return {
      filename: c.filename,
      longFilename: c.longFilename,
      displayName: c.displayName,
      role: f.role,
      smtp: f.smtp,
      accountUid: f.accountUid,
      size: blob && !blob.damaged ? blob.data.length - blob.lost.reduce((n, l) => n + (l.to - l.from), 0) : undefined,
      dataSurvives: blob !== undefined && !blob.damaged && (blob.lost.length === 0 || blob.data.length > 0),
    };
  }

  /** PidTagAttachDataBinary with what is known of its damage: reused byte ranges, or a CRC that fails where nothing says why. */
  private blobOf(node: PstNode, props: PropertyBag, problems: WarningSink): Blob | undefined {
    try {
      const raw = props.raw(PropId.AttachDataBinary);
      if (!raw || raw.type !== PropType.Binary) return undefined;
      const hnid = readPcHnid(node, PropId.AttachDataBinary);
      const holder = hnid !== undefined && (hnid & 0x1f) !== 0 ? node.subnode(asNid(hnid)) : node;
      if (!holder) return undefined;
      const data = raw.bytes;
      const lost: Overwrite[] = [];
      let damaged = false;
      let at = 0;
      const inHeap = holder === node;
      for (const bid of (holder as PstNode).blockIds()) {
        const b = this.blocks.freed(bid);
        const size = this.blocks.size(bid);
        if (b && !b.crcOk) {
          if (b.overwritten.length === 0) damaged = true;
          // A value in the heap sits somewhere in its block: find where, to shift the ranges.
          const base = inHeap ? Buffer.from(this.blocks.read(bid)).indexOf(Buffer.from(data)) : at;
          for (const o of b.overwritten) {
            const from = Math.max(0, o.from - base);
            const to = Math.min(data.length, o.to - base);
            if (to > from) lost.push({ from, to, by: o.by });
          }
        }
        at += size;
      }
      return { data, lost, damaged };
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      problems.fromError(e, 'attachment data');
      return undefined;
    }
  }

  private history(f: AttachmentFinding, blob: Blob, location: RecoveredLocation, manager?: number): void {
    const role = f.role === 'restags' ? 'restags' : 'history';
    const account = { smtp: f.smtp, uid: f.accountUid };
    const decoded = blob.damaged ? { entries: [], anomalies: [] } : survivingTags(blob.data, blob.lost);
    const status = blob.damaged ? 'damaged' : blob.lost.length > 0 ? 'partial' : 'whole';
    const times = decoded.entries.map((e) => e.time).filter((t) => t !== '').sort();
    const h: RecoveredHistory = { manager, attachment: f.candidate.longFilename ?? f.candidate.filename, role, account, status, lost: blob.lost, blob: decoded, location };
    if (times.length > 0) h.span = { first: times[0]!, last: times[times.length - 1]! };
    const liveIndex = this.live.histories.findIndex((l) => l.role === role && sameAccount(l.account, account));
    if (liveIndex >= 0) {
      const liveUids = new Set(this.live.histories[liveIndex]!.blob.entries.map((e) => e.uid));
      const olderOnly = new Map<string, OlderOnlyUid>();
      for (const e of decoded.entries) if (!liveUids.has(e.uid) && !olderOnly.has(e.uid)) olderOnly.set(e.uid, { uid: e.uid, operation: e.operation, time: e.time });
      h.live = { history: liveIndex, olderOnly: [...olderOnly.values()] };
    }
    this.histories.push(h);
  }

  /** Mark a rebuilt node's freed blocks, and its subnodes', as reported. */
  private claim(node: PstNode): void {
    const mark = (n: PstNode): void => {
      try {
        for (const bid of n.blockIds()) this.used.add(bid & ~1n);
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
      }
    };
    mark(node);
    try {
      for (const nid of node.subnodeNids()) {
        const sub = node.subnode(nid);
        if (!sub) continue;
        mark(sub);
        if (nidType(nid) === NidType.ATTACHMENT) this.claim(sub);
      }
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
    }
  }

  /** bidData → bidSub from every freed SLBLOCK: the subnodes of a block found alone. */
  private linkedSubnodes(bid: Bid): Bid {
    if (!this.subnodeOf) {
      this.subnodeOf = new Map();
      const L = this.store.db.layout;
      const s = L.idSize;
      for (const b of this.blocks.all()) {
        if (!isInternal(b.bid) || !b.crcOk) continue;
        const data = this.blocks.read(b.bid);
        if (data[0] !== 0x02 || data[1] !== 0) continue;
        const count = data[2]! | (data[3]! << 8);
        for (let i = 0; i < count; i++) {
          const o = L.subnodeHeaderSize + i * 3 * s;
          if (o + 3 * s > data.length) break;
          if (readId(data, o, L) === BigInt(SpecialNid.ATTACHMENT_TABLE)) continue;
          this.subnodeOf.set(readId(data, o + s, L) & ~1n, asBid(readId(data, o + 2 * s, L)));
        }
      }
    }
    return this.subnodeOf.get(bid & ~1n) ?? asBid(0n);
  }

  private blockLocation(bid: Bid, extra: Validation[]): RecoveredLocation {
    const b = this.blocks.freed(bid);
    const amap = this.freed.amap === 'valid';
    return {
      offset: this.blocks.offsetOf(bid) ?? 0,
      bid: formatBid(bid),
      allocation: 'free',
      freeBy: b ? (amap ? 'amap' : 'not-in-bbt') : undefined,
      validation: [b && !b.crcOk ? 'trailer-crc-mismatch' : 'trailer-crc', ...(b?.via === 'block-slot' ? (['btree-slot'] as const) : []), ...extra],
    };
  }

  private slotLocation(s: NodeSlot): RecoveredLocation {
    const at = this.blockLocation(s.bidData, ['btree-slot', 'heap-signature']);
    const stale = s.pastEnd && this.freed.liveNodePage(s.page);
    return { ...at, nid: formatNid(s.nid), allocation: stale ? 'stale-slot' : 'free', freeBy: stale ? at.freeBy : 'free-page' };
  }

  private nodeLocation(node: PstNode, parent: RecoveredLocation): RecoveredLocation {
    try {
      const first = node.blockIds()[0];
      return first === undefined ? parent : this.blockLocation(first, ['heap-signature']);
    } catch (e) {
      if (e instanceof PstFormatError) return parent;
      throw e;
    }
  }
}

function sameAccount(a: { smtp?: string; uid?: string }, b: { smtp?: string; uid?: string }): boolean {
  if (a.smtp !== undefined && b.smtp !== undefined) return a.smtp.toLowerCase() === b.smtp.toLowerCase();
  return a.uid !== undefined && a.uid === b.uid;
}

/**
 * The tags whose every byte lies outside the reused ranges. Before the first reused byte the
 * ordinary decoding holds. After it, a tag counts only between two NULs that both survived (so
 * its start is known), and only if it decodes whole; its index then counts surviving tags.
 */
function survivingTags(data: Uint8Array, lost: readonly Overwrite[]): DecodedBlob {
  const whole = decodeBlob(data);
  if (lost.length === 0) return whole;
  const inLost = (i: number): boolean => lost.some((l) => i >= l.from && i < l.to);
  const firstLost = Math.min(...lost.map((l) => l.from));
  const length = (e: BlobEntry): number => (e.tagHex !== undefined ? e.tagHex.length / 2 : Buffer.byteLength(e.tag, 'utf8')) + 1;
  const entries = whole.entries.filter((e) => e.offset + length(e) <= firstLost);
  // Counting anomalies say nothing once bytes are known to be lost.
  const anomalies = whole.anomalies.filter((a) => a.offset < firstLost && !['COUNT_MISMATCH', 'EXTRA_TAGS', 'TRAILER', 'MISSING_NUL'].includes(a.code));
  let start = -1;
  for (let i = firstLost; i < data.length; i++) {
    if (data[i] !== 0 || inLost(i)) continue;
    let clean = start >= 0 && i > start;
    for (let k = start; clean && k < i; k++) clean = !inLost(k);
    const e = clean ? oneTag(data.subarray(start, i), start, entries.length) : undefined;
    if (e) entries.push(e);
    start = i + 1;
  }
  const headerLost = firstLost < 4;
  return { version: headerLost ? undefined : whole.version, declaredCount: headerLost ? undefined : whole.declaredCount, entries, anomalies };
}

/** One tag's bytes decoded by the blob decoder itself (as a one-tag blob); undefined unless it is a whole, well-formed tag. */
function oneTag(tag: Uint8Array, offset: number, index: number): BlobEntry | undefined {
  const one = new Uint8Array(tag.length + 5);
  one.set([3, 0, 1, 0]);
  one.set(tag, 4);
  const d = decodeBlob(one);
  const e = d.entries[0];
  if (!e || d.anomalies.some((a) => a.severity === 'error')) return undefined;
  return { ...e, index, offset };
}
