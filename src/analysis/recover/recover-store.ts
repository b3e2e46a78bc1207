// Older Message Managers and histories from a store's freed space (docs/format.md §5). Roots
// are node entries left in stale B-tree slots or freed leaf pages (a whole older message, with its
// subnodes), then heaps in freed blocks that no such message claimed (a manager's property
// context, an attachment table, an attachment with its blob). Nothing here is mixed with the
// live findings, and a blob whose bytes were partly reused is cut to what provably survives.

import {
  asBid,
  asNid,
  ClientSig,
  freedSubnodeLinks,
  heapClientSig,
  isInternal,
  Message,
  NidType,
  nidType,
  PropId,
  PstFormatError,
  PstNode,
  readPropertyContext,
  scanFreedSpace,
  TableContext,
  WarningSink,
  type Bid,
  type FreedBlocks,
  type FreedSpace,
  type NodeSlot,
  type NodeView,
  type PstStore,
} from '../../pst/index.js';
import type { Analysis } from '../locate/match-managers.js';
import { analyze, type AttachmentFinding, type ProfileFacts } from '../locate/match-managers.js';
import type { AttachmentCandidate } from '../locate/manager-candidate.js';
import { attachmentRows } from './attachment-rows.js';
import { attachmentData, type AttachmentData } from './attachment-data.js';
import { budgetWarnings, ItemCap, scanLimits } from './budget.js';
import { Locations } from './locations.js';
import { recoveredAttachment, recoveredHistory } from './assemble.js';
import type { RecoveredAttachmentFinding, RecoveredHistoryFinding, RecoveredLocationFinding, RecoveredManagerFinding, Recovery } from './types.js';

const MANAGER_CLASS = 'ipm.messagemanager';

/** `budgetBytes`: what the scan's candidates may take (README "Limits"). */
export function recoverStore(store: PstStore, live: Analysis, facts: ProfileFacts, budgetBytes: number): Recovery {
  const freed = scanFreedSpace(store.db, scanLimits(budgetBytes));
  const r = new Recoverer(store, freed, live, facts);
  r.fromNodeSlots();
  r.fromHeaps();
  budgetWarnings(store.warnings, freed, r.cap, r.attachments.length, budgetBytes);
  return {
    scan: { bytes: freed.bytesScanned, amap: freed.amap, blocks: freed.blocks.all().length, pages: freed.pagesFound, nodeSlots: freed.nodeSlots.length },
    managers: r.managers,
    attachments: r.cap.suspicious ? [] : r.attachments,
    // Past the suspicious count, what lies alone is a count in a warning, not a list.
    histories: r.cap.suspicious ? r.histories.filter((h) => h.manager !== undefined) : r.histories,
  };
}

class Recoverer {
  readonly managers: RecoveredManagerFinding[] = [];
  readonly attachments: RecoveredAttachmentFinding[] = [];
  readonly histories: RecoveredHistoryFinding[] = [];
  readonly cap = new ItemCap();
  /** Freed blocks already reported as part of a rebuilt message. */
  private readonly used = new Set<bigint>();
  private readonly blocks: FreedBlocks;
  private readonly where: Locations;
  private subnodeOf: Map<bigint, Bid> | undefined;

  constructor(
    private readonly store: PstStore,
    private readonly freed: FreedSpace,
    private readonly live: Analysis,
    private readonly facts: ProfileFacts,
  ) {
    this.blocks = freed.blocks;
    this.where = new Locations(freed);
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
      this.manager(msg, node, this.where.slot(s));
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
      const client = heapClientSig(data);
      if (client === undefined) continue;
      const node = new PstNode(this.blocks, asNid(0), b.bid, this.linkedSubnodes(b.bid));
      const location = this.where.block(b.bid, ['heap-signature']);
      try {
        if (client === ClientSig.PropertyContext) this.fromPc(node, location);
        else if (client === ClientSig.TableContext) this.fromAttachmentTable(node, location);
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
      return new Message(node, this.store.db.layout.maxBlockData, 1252);
    } catch (e) {
      if (e instanceof PstFormatError) return undefined;
      throw e;
    }
  }

  private manager(msg: Message, node: PstNode, location: RecoveredLocationFinding): void {
    if (!this.cap.take()) return;
    this.claim(node);
    const problems = new WarningSink();
    const attachments: { candidate: AttachmentCandidate; blob?: AttachmentData; node?: PstNode; size?: number }[] = [];
    try {
      for (const a of msg.attachments(problems)) {
        const blob = attachmentData(this.blocks, a.node as PstNode, a.props, problems);
        attachments.push({
          candidate: { index: a.index, filename: a.filename, longFilename: a.longFilename, displayName: a.displayName, additionalInfo: a.additionalInfo },
          blob,
          node: a.node as PstNode,
          size: a.props.int(PropId.AttachSize),
        });
      }
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      problems.fromError(e, 'attachment table');
    }
    // A row whose attachment object was overwritten is still listed, by the name and size the table gives.
    for (const row of attachmentRows(msg, this.store.db.layout.maxBlockData)) {
      if (!attachments.some((a) => a.candidate.index === row.index)) attachments.push({ candidate: { index: row.index, filename: row.filename, longFilename: row.longFilename }, size: row.size });
    }
    attachments.sort((a, b) => a.candidate.index - b.candidate.index);
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
      attachments: found.attachments.map((f, i) => recoveredAttachment(f, attachments[i]!.blob, attachments[i]!.size, attachments[i]!.node === undefined)),
      status: problems.list.length > 0 ? 'partial' : 'whole',
      problems: problems.list.map((w) => w.message),
      location,
    });
    found.attachments.forEach((f, i) => {
      const blob = attachments[i]!.blob;
      const node = attachments[i]!.node;
      if (f.role !== 'other' && blob && node && blob.data.length > 0) this.history(f, blob, this.where.node(node, location), index);
    });
  }

  private fromPc(node: PstNode, location: RecoveredLocationFinding): void {
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
    if (!this.cap.take()) return;
    const blob = attachmentData(this.blocks, node, props, new WarningSink());
    this.attachments.push({ ...recoveredAttachment(finding, blob, props.int(PropId.AttachSize), false), location });
    if (blob && blob.data.length > 0 && finding.role !== 'other') this.history(finding, blob, location);
  }

  /** An attachment table (0x671's TC) whose rows carry Blob / Restags names. */
  private fromAttachmentTable(node: PstNode, location: RecoveredLocationFinding): void {
    const tc = new TableContext(node, this.store.db.layout.maxBlockData, 1252);
    if (!tc.columns.some((c) => c.id === PropId.AttachFilename || c.id === PropId.AttachLongFilename)) return;
    for (let i = 0; i < tc.rowCount; i++) {
      const row = tc.row(i);
      const finding = this.attachmentFinding({ index: i, filename: row.string(PropId.AttachFilename), longFilename: row.string(PropId.AttachLongFilename) });
      if (finding && this.cap.take()) this.attachments.push({ ...recoveredAttachment(finding, undefined, row.int(PropId.AttachSize), true), location });
    }
  }

  /** Outlook's naming rules (analyze.ts) applied to one attachment; undefined when it names no history. */
  private attachmentFinding(a: AttachmentCandidate): AttachmentFinding | undefined {
    const f = analyze([{ messageClass: '', inInbox: false, attachments: [a] }], this.facts).managers[0]!.attachments[0]!;
    return f.role === 'other' ? undefined : f;
  }

  /** A recovered history, when the budget has room for it. */
  private history(f: AttachmentFinding, blob: AttachmentData, location: RecoveredLocationFinding, manager?: number): void {
    if (!(manager === undefined ? this.cap.takeLone() : this.cap.take())) return;
    this.histories.push(recoveredHistory(f, blob, location, this.live.histories, manager));
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

  /** The subnode tree of a block found alone, from the freed SLBLOCKs that name it. */
  private linkedSubnodes(bid: Bid): Bid {
    this.subnodeOf ??= freedSubnodeLinks(this.blocks, this.store.db.layout);
    return this.subnodeOf.get(bid & ~1n) ?? asBid(0n);
  }
}
