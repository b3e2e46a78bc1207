// What correlation needs to know of every normal message of a store, read in ONE pass over each
// message's property context and kept in parallel arrays (no object per message): class, flags,
// creation and delivery times, the POP3 origin (PidLidRemoteEntryId, account name and stamp), whether
// transport headers are present, the folder and its role, and what describes the message in a
// report. Nothing reads a message a second time. docs/format.md §4.

import { asNid, folderRoles, formatNid, ipmFolders, NamedProp, orderBy, PropId, PstFormatError, withoutSubjectPrefix, type FolderRole, type Nid } from '../../pst/index.js';
import type { Folder, PstStore } from '../../pst/index.js';
import { folderPath } from '../locate/find-managers.js';
import type { ProgressCounter } from '../evidence/progress.js';
import { parseRemoteId } from './remote-id.js';
import { isReceivable } from './received.js';
import type { AttributionFacts } from './attribution.js';
import { Interned, LastDecoded, StoredStrings } from './stored-strings.js';
import { UidIndex } from './uid-index.js';
import { MessagePlace, StoreMessage } from './store-message.js';

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
  /** The message's UID as its key in `byUid`, -1 without one. */
  private readonly uidKey: Int32Array;
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
  /** The values most messages share, decoded again only when they change from one message to the next. */
  private readonly text = { messageClass: new LastDecoded(), account: new LastDecoded(), stamp: new LastDecoded() };
  /** A UID's messages (several when copies of one download name it), as written and unescaped. */
  private readonly byUid = new UidIndex();
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
    const n = all.nids.length;
    this.nids = new Uint32Array(n);
    this.uidKey = new Int32Array(n).fill(-1);
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
    store.scanMessageNids(all.nids, (listed, read) => {
      const [nid, fi] = [asNid(all.nids[listed]!), all.folder[listed]!];
      progress?.message();
      const where = this.folderPaths[fi]!;
      try {
        const m = read();
        const p = m.props;
        const i = this.count;
        let server = NO_REMOTE;
        let uid: string | undefined;
        let unescaped: string | undefined;
        const remote = remoteId === undefined ? undefined : p.binary(remoteId); // its heap item found once
        const raw = remote === undefined && remoteId !== undefined ? p.raw(remoteId) : undefined; // to name a wrong type
        if (remote || raw) {
          const parsed = remote ? parseRemoteId(remote) : { ok: false as const, reason: `has type 0x${raw!.type.toString(16)}, not binary` };
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
        const stamp = accountStamp === undefined ? undefined : this.text.stamp.of(p.storedString(accountStamp));
        // The stamp is `<8 hex digits>\x01<account>`: the account when the name is missing.
        const named = accountName === undefined ? undefined : this.text.account.of(p.storedString(accountName));
        const account = named ?? stamp?.split('\x01')[1];
        this.nids[i] = nid;
        this.folderOf[i] = fi;
        this.createdSec[i] = seconds(p.timeMillis(PropId.CreationTime));
        this.deliveredSec[i] = seconds(p.timeMillis(PropId.MessageDeliveryTime));
        this.flags[i] = p.int(PropId.MessageFlags) ?? 0;
        this.classOf[i] = this.classes.of(this.text.messageClass.of(p.storedString(PropId.MessageClass)) ?? '');
        this.serverOf[i] = server;
        this.accountOf[i] = this.accounts.of(account?.toLowerCase());
        this.accountByStamp[i] = named === undefined && account !== undefined ? 1 : 0;
        this.headers[i] = p.has(PropId.TransportMessageHeaders) ? 1 : 0;
        this.subjects.set(i, p.storedString(PropId.Subject));
        this.froms.set(i, p.storedString(PropId.SenderSmtpAddress) ?? p.storedString(PropId.SenderEmailAddress) ?? p.storedString(PropId.SenderName));
        this.messageIds.set(i, p.storedString(PropId.InternetMessageId));
        // Indexed only once the whole message is read: one that fails half-way leaves no trace.
        if (uid !== undefined) this.uidKey[i] = this.byUid.add(uid, i);
        if (unescaped !== undefined) this.byUid.add(unescaped, i);
        this.count++;
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `message ${formatNid(nid)} in "${where}"`);
      }
    });
    this.order = timeOrder(this.count, this.createdSec, this.nids);
  }

  /** Each folder's path, role and place, and its messages' NIDs (in folder order) with their folder's index. */
  private listFolders(store: PstStore, folders: readonly Folder[], roles: Map<Nid, FolderRole>, ipm: Set<Nid>, progress: ProgressCounter | undefined): { nids: Uint32Array; folder: Int32Array } {
    const lists: Nid[][] = [];
    folders.forEach((folder, fi) => {
      this.folderPaths.push(folderPath(folder));
      this.folderRole.push(roles.get(folder.nid));
      this.folderInIpm.push(ipm.has(folder.nid));
      lists[fi] = [];
      try {
        lists[fi] = folder.messageNids();
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `contents of "${folderPath(folder)}"`);
      }
      // A folder counts as read once its contents are listed: its messages are read below, in file order.
      progress?.folder();
    });
    // Typed arrays, not an object per message: a million of them were tens of megabytes of heap.
    const nids = new Uint32Array(lists.reduce((sum, l) => sum + l.length, 0));
    const folder = new Int32Array(nids.length);
    lists.reduce((k, l, fi) => (nids.set(l, k), folder.fill(fi, k, k + l.length), k + l.length), 0);
    return { nids, folder };
  }

  get size(): number {
    return this.count;
  }

  /** Messages whose PidLidRemoteEntryId names this UID (as written or unescaped). */
  withUid(uid: string): readonly number[] {
    return this.byUid.get(uid);
  }

  /** Messages created within [from, to] (seconds), in time order: a view of the creation order, not
   * a copy (the window of a history may hold most of a million messages). */
  createdBetween(from: number, to: number): Uint32Array {
    const first = this.firstCreatedAt(from);
    let end = first;
    while (end < this.order.length && this.createdSec[this.order[end]!]! <= to) end++;
    return this.order.subarray(first, end);
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
    const k = this.uidKey[i]!;
    return k < 0 ? undefined : this.byUid.key(k);
  }

  downloadKey(i: number): number {
    return this.uidKey[i]! * this.servers.values.length + this.serverOf[i]!;
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

  place(i: number): MessagePlace {
    return new MessagePlace(this.folderPaths[this.folderOf[i]!]!, formatNid(asNid(this.nids[i]!)), this.subjects.get(i), date(this.createdSec[i]!), date(this.deliveredSec[i]!));
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

/** Messages 0 to count - 1 with a time, by time (a radix sort for whole seconds from 1970 to 2106; a
 * comparator sort of them all took 0.4 s per million), then by NID among those of one second. */
export function timeOrder(count: number, sec: Float64Array, nids: Uint32Array): Uint32Array {
  const order = orderBy(count, (i) => sec[i]!);
  for (let k = 0, end = 1; k < order.length; k = end++) {
    while (end < order.length && sec[order[end]!] === sec[order[k]!]) end++;
    if (end - k > 1) order.subarray(k, end).sort((a, b) => nids[a]! - nids[b]! || a - b);
  }
  return order;
}

const seconds = (ms: number | undefined): number => (ms === undefined ? NaN : Math.floor(ms / 1000));
const date = (sec: number): Date | undefined => (Number.isNaN(sec) ? undefined : new Date(sec * 1000));
