// What correlation needs to know of every normal message of a store, read in ONE pass over each
// message's property context and kept in parallel arrays (no object per message): class, flags,
// creation and delivery times, the POP3 origin (PidLidRemoteEntryId, account name and stamp), whether
// transport headers are present, the folder and its role, and what describes the message in a
// report. Nothing reads a message a second time. docs/format.md §4.

import { asNid, folderRoles, formatNid, ipmFolders, NamedProp, PropId, PstFormatError, withoutSubjectPrefix, type FolderRole, type Nid } from '../../pst/index.js';
import type { Folder, PstStore } from '../../pst/index.js';
import { folderPath } from '../locate/find-managers.js';
import type { ProgressCounter } from '../evidence/progress.js';
import { parseRemoteId } from './remote-id.js';
import { isReceivable } from './received.js';
import type { AttributionFacts } from './attribution.js';
import { Interned, StoredStrings } from './stored-strings.js';

/**
 * A message as a report describes it. A class, not an object literal: V8 moves a literal's
 * allocation site to the old generation once its objects tend to live long (a match's candidates
 * do), and the tens of thousands described while a report is written, which die at once, would then
 * pile up there until a full collection.
 */
export class StoreMessage {
  constructor(
    readonly folder: string,
    readonly nid: string,
    readonly subject: string | undefined,
    readonly from: string | undefined,
    readonly messageId: string | undefined,
    readonly created: Date | undefined,
    readonly delivered: Date | undefined,
  ) {}
}

const NO_REMOTE = -1;
const BAD_REMOTE = -2;

export class StoreMessages implements AttributionFacts {
  /** Messages read: the arrays below are sized for every listed message and filled to here. */
  private count = 0;
  private readonly nids: Uint32Array;
  private readonly folderOf: Int32Array;
  /** Seconds since 1970; NaN when the message has no such time. */
  private readonly createdSec: Float64Array;
  private readonly deliveredSec: Float64Array;
  private readonly flags: Int32Array;
  private readonly classOf: Int32Array;
  /** Index into `servers`, or NO_REMOTE / BAD_REMOTE. */
  private readonly serverOf: Int32Array;
  private readonly uids: (string | undefined)[] = [];
  private readonly accountOf: Int32Array;
  /** 1 when the account was read from PidLidInternetAccountStamp only (no account name). */
  private readonly accountByStamp: Uint8Array;
  private readonly headers: Uint8Array;
  private readonly subjects: StoredStrings;
  private readonly froms: StoredStrings;
  private readonly messageIds: StoredStrings;
  private readonly classes = new Interned();
  private readonly servers = new Interned();
  private readonly accounts = new Interned();
  /** A UID's message, or its messages when several name it (copies of one download). */
  private readonly byUid = new Map<string, number | number[]>();
  private readonly folderPaths: string[] = [];
  private readonly folderRole: (FolderRole | undefined)[] = [];
  private readonly folderInIpm: boolean[] = [];
  /** Message indices in creation-time order (messages without one left out). */
  private readonly order: Uint32Array;

  constructor(store: PstStore, folders: readonly Folder[], inboxNid: Nid | undefined, progress?: ProgressCounter) {
    const names = store.namedProps();
    const remoteId = names.id(NamedProp.RemoteEntryId);
    const accountName = names.id(NamedProp.InternetAccountName);
    const accountStamp = names.id(NamedProp.InternetAccountStamp);
    const roles = folderRoles(store, folders, inboxNid);
    const ipm = ipmFolders(store, folders);
    const all = this.listFolders(store, folders, roles, ipm, progress);
    const n = all.length;
    this.nids = new Uint32Array(n);
    this.folderOf = new Int32Array(n);
    this.createdSec = new Float64Array(n);
    this.deliveredSec = new Float64Array(n);
    this.flags = new Int32Array(n);
    this.classOf = new Int32Array(n);
    this.serverOf = new Int32Array(n);
    this.accountOf = new Int32Array(n);
    this.accountByStamp = new Uint8Array(n);
    this.headers = new Uint8Array(n);
    this.subjects = new StoredStrings(n, withoutSubjectPrefix);
    this.froms = new StoredStrings(n);
    this.messageIds = new StoredStrings(n);
    store.scanMessages(all, ({ nid, fi }, read) => {
      progress?.message();
      const where = this.folderPaths[fi]!;
      try {
        const m = read();
        const p = m.props;
        const i = this.count;
        let server = NO_REMOTE;
        let uid: string | undefined;
        let unescaped: string | undefined;
        const raw = remoteId === undefined ? undefined : p.raw(remoteId);
        if (raw) {
          const parsed = p.binary(remoteId!) ? parseRemoteId(raw.bytes) : { ok: false as const, reason: `has type 0x${raw.type.toString(16)}, not binary` };
          if (parsed.ok) {
            server = this.servers.of(parsed.id.server);
            uid = parsed.id.uid;
            unescaped = parsed.id.unescaped;
          } else {
            server = BAD_REMOTE;
            store.warnings.add({
              code: 'BAD_VALUE',
              layer: 'messaging',
              id: `nid ${formatNid(nid)}`,
              message: `message ${formatNid(nid)} in "${where}": its PidLidRemoteEntryId ${parsed.reason}; it is not taken as a POP3 download`,
            });
          }
        }
        const stamp = accountStamp === undefined ? undefined : p.string(accountStamp);
        // The stamp is `<8 hex digits>\x01<account>`: the account when the name is missing.
        const named = accountName === undefined ? undefined : p.string(accountName);
        const account = named ?? stamp?.split('\x01')[1];
        this.nids[i] = nid;
        this.folderOf[i] = fi;
        this.createdSec[i] = seconds(p.time(PropId.CreationTime));
        this.deliveredSec[i] = seconds(p.time(PropId.MessageDeliveryTime));
        this.flags[i] = p.int(PropId.MessageFlags) ?? 0;
        this.classOf[i] = this.classes.of(m.messageClass ?? '');
        this.serverOf[i] = server;
        this.uids[i] = uid;
        this.accountOf[i] = this.accounts.of(account?.toLowerCase());
        this.accountByStamp[i] = named === undefined && account !== undefined ? 1 : 0;
        this.headers[i] = p.has(PropId.TransportMessageHeaders) ? 1 : 0;
        this.subjects.set(i, p.storedString(PropId.Subject));
        this.froms.set(i, p.storedString(PropId.SenderSmtpAddress) ?? p.storedString(PropId.SenderEmailAddress) ?? p.storedString(PropId.SenderName));
        this.messageIds.set(i, p.storedString(PropId.InternetMessageId));
        // Indexed only once the whole message is read: one that fails half-way leaves no trace.
        if (uid !== undefined) this.indexUid(uid, i);
        if (unescaped !== undefined) this.indexUid(unescaped, i);
        this.count++;
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `message ${formatNid(nid)} in "${where}"`);
      }
    });
    const timed: number[] = [];
    for (let i = 0; i < this.count; i++) if (!Number.isNaN(this.createdSec[i]!)) timed.push(i);
    this.order = Uint32Array.from(timed).sort((a, b) => this.createdSec[a]! - this.createdSec[b]! || this.nids[a]! - this.nids[b]!);
  }

  /** Each folder's path, role and place, and its messages' NIDs (in folder order). */
  private listFolders(store: PstStore, folders: readonly Folder[], roles: Map<Nid, FolderRole>, ipm: Set<Nid>, progress: ProgressCounter | undefined): { nid: Nid; fi: number }[] {
    const all: { nid: Nid; fi: number }[] = [];
    folders.forEach((folder, fi) => {
      this.folderPaths.push(folderPath(folder));
      this.folderRole.push(roles.get(folder.nid));
      this.folderInIpm.push(ipm.has(folder.nid));
      try {
        for (const nid of folder.messageNids()) all.push({ nid, fi });
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `contents of "${folderPath(folder)}"`);
      }
      // A folder counts as read once its contents are listed: its messages are read below, in file order.
      progress?.folder();
    });
    return all;
  }

  private indexUid(uid: string, i: number): void {
    const had = this.byUid.get(uid);
    if (had === undefined) this.byUid.set(uid, i);
    else if (typeof had === 'number') {
      if (had !== i) this.byUid.set(uid, [had, i]);
    } else if (had[had.length - 1] !== i) had.push(i);
  }

  get size(): number {
    return this.count;
  }

  /** Messages whose PidLidRemoteEntryId names this UID (as written or unescaped). */
  withUid(uid: string): readonly number[] {
    const had = this.byUid.get(uid);
    return had === undefined ? [] : typeof had === 'number' ? [had] : had;
  }

  /** Messages created within [from, to] (seconds), in time order. */
  createdBetween(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = this.firstCreatedAt(from); k < this.order.length && this.createdSec[this.order[k]!]! <= to; k++) out.push(this.order[k]!);
    return out;
  }

  firstCreatedAt(second: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.createdSec[this.order[mid]!]! < second) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get timedCount(): number {
    return this.order.length;
  }

  byCreation(k: number): number {
    return this.order[k]!;
  }

  /** Every message with a readable POP3 origin. */
  *downloaded(): Generator<number> {
    for (let i = 0; i < this.count; i++) if (this.serverOf[i]! >= 0) yield i;
  }

  created(i: number): number {
    return this.createdSec[i]!;
  }

  delivered(i: number): number {
    return this.deliveredSec[i]!;
  }

  nid(i: number): number {
    return this.nids[i]!;
  }

  /** The POP3 server of the message's remote id; undefined without a readable one. */
  server(i: number): string | undefined {
    const s = this.serverOf[i]!;
    return s >= 0 ? this.servers.values[s] : undefined;
  }

  uid(i: number): string | undefined {
    return this.uids[i];
  }

  hasBadRemoteId(i: number): boolean {
    return this.serverOf[i] === BAD_REMOTE;
  }

  /** The account (lower case) the message was downloaded by, from its name or its stamp. */
  account(i: number): string | undefined {
    const a = this.accountOf[i]!;
    return a >= 0 ? this.accounts.values[a] : undefined;
  }

  /** Whether account(i) comes from PidLidInternetAccountStamp, the message naming no account. */
  accountFromStamp(i: number): boolean {
    return this.accountByStamp[i] === 1;
  }

  /** The path of the message's folder. */
  folder(i: number): string {
    return this.folderPaths[this.folderOf[i]!]!;
  }

  hasTransportHeaders(i: number): boolean {
    return this.headers[i] === 1;
  }

  inIpmSubtree(i: number): boolean {
    return this.folderInIpm[this.folderOf[i]!]!;
  }

  /**
   * Whether the creation-time rule may consider the message: a received class, no POP3 remote id
   * (readable or not), not in Sent Items, Outbox or Drafts, not unsent (docs/format.md §4.1).
   */
  receivedWithoutOrigin(i: number): boolean {
    return this.serverOf[i] === NO_REMOTE && this.mayHaveBeenReceived(i);
  }

  /** A received class, outside Sent Items, Outbox and Drafts, not flagged unsent. */
  mayHaveBeenReceived(i: number): boolean {
    return isReceivable(this.classes.values[this.classOf[i]!]!, this.folderRole[this.folderOf[i]!], this.flags[i]!);
  }

  describe(i: number): StoreMessage {
    return new StoreMessage(
      this.folderPaths[this.folderOf[i]!]!,
      formatNid(asNid(this.nids[i]!)),
      this.subjects.get(i),
      this.froms.get(i),
      this.messageIds.get(i),
      date(this.createdSec[i]!),
      date(this.deliveredSec[i]!),
    );
  }
}

const seconds = (d: Date | undefined): number => (d ? Math.floor(d.getTime() / 1000) : NaN);
const date = (sec: number): Date | undefined => (Number.isNaN(sec) ? undefined : new Date(sec * 1000));
