// Tie each downloaded UID to the message its download created: in a real Outlook 2016 store each
// tag's UTC time equalled, to the second, that message's PR_CREATION_TIME, in whatever folder it
// later went. Only rules are reported, never guesses: exact, or near within a window.

import { PstFormatError } from '../pst/file/errors.js';
import { asNid, formatNid, type Nid } from '../pst/ndb/ids.js';
import type { Folder } from '../pst/messaging/folder.js';
import { PropId } from '../pst/messaging/proptags.js';
import type { PstStore } from '../pst/messaging/store.js';
import { folderPath } from './locate.js';
import type { ProgressCounter } from './progress.js';

/** A message of the store, described in full only when it is reported. */
export interface StoreMessage {
  folder: string;
  nid: string;
  subject?: string;
  from?: string;
  messageId?: string;
  created: Date;
  delivered?: Date;
}

export interface Correlation {
  status: 'matched' | 'ambiguous' | 'not-in-store';
  rule?: 'exact' | 'near';
  deltaSeconds?: number;
  candidates: StoreMessage[];
}

/**
 * Every normal message of the store that has a creation time, sorted by it, kept as three numbers
 * per message (NID, folder, second) so that a store of 100,000 messages indexes in little memory.
 */
export class MessageIndex {
  private readonly nids: number[] = [];
  private readonly folderOf: number[] = [];
  private readonly seconds: number[] = [];
  private order: Uint32Array = new Uint32Array(0);
  /** Folder paths, made once per folder: a long `unexplained` list then shares them. */
  private readonly paths: string[] = [];

  constructor(
    private readonly store: PstStore,
    private readonly folders: readonly Folder[],
    progress?: ProgressCounter,
  ) {
    const all: { nid: Nid; fi: number }[] = [];
    folders.forEach((folder, fi) => {
      try {
        for (const nid of folder.messageNids()) all.push({ nid, fi });
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `contents of "${folderPath(folder)}"`);
      }
      // A folder counts as read once its contents are listed: its messages are read below, in file order.
      progress?.folder();
    });
    for (const { nid, fi } of store.db.inFileOrder(all)) {
      progress?.message();
      try {
        const created = store.messageCreated(nid);
        if (!created) continue;
        this.nids.push(nid);
        this.folderOf.push(fi);
        this.seconds.push(Math.floor(created.getTime() / 1000));
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `message ${formatNid(nid)} in "${folderPath(folders[fi]!)}"`);
      }
    }
    this.order = Uint32Array.from(this.seconds, (_, i) => i).sort((a, b) => this.seconds[a]! - this.seconds[b]! || this.nids[a]! - this.nids[b]!);
  }

  get size(): number {
    return this.order.length;
  }

  /** Creation second of the k-th message in time order. */
  second(k: number): number {
    return this.seconds[this.order[k]!]!;
  }

  /** First position whose second is ≥ sec. */
  lowerBound(sec: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.second(mid) < sec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Positions of the messages created within [from, to]. */
  range(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = this.lowerBound(from); k < this.size && this.second(k) <= to; k++) out.push(k);
    return out;
  }

  nidAt(k: number): string {
    return formatNid(asNid(this.nids[this.order[k]!]!));
  }

  /** The full description, read again from the store: only reported messages pay for it. */
  describe(k: number): StoreMessage {
    const i = this.order[k]!;
    const m = this.store.message(asNid(this.nids[i]!));
    const p = m.props;
    return {
      folder: (this.paths[this.folderOf[i]!] ??= folderPath(this.folders[this.folderOf[i]!]!)),
      nid: formatNid(m.nid),
      subject: m.subject,
      from: p.string(PropId.SenderSmtpAddress) ?? p.string(PropId.SenderEmailAddress) ?? p.string(PropId.SenderName),
      messageId: p.string(PropId.InternetMessageId),
      created: m.created ?? new Date(this.seconds[i]! * 1000),
      delivered: p.time(PropId.MessageDeliveryTime),
    };
  }
}

export function correlate(timeIso: string, index: MessageIndex, windowSeconds: number): Correlation {
  const sec = Math.floor(Date.parse(timeIso) / 1000);
  const exact = index.range(sec, sec);
  if (exact.length > 0) {
    return { status: exact.length === 1 ? 'matched' : 'ambiguous', rule: 'exact', deltaSeconds: 0, candidates: exact.map((k) => index.describe(k)) };
  }
  // Near: the smallest non-zero distance within the window that has any message.
  for (let d = 1; d <= windowSeconds; d++) {
    const near = [...index.range(sec - d, sec - d), ...index.range(sec + d, sec + d)];
    if (near.length > 0) {
      return {
        status: near.length === 1 ? 'matched' : 'ambiguous',
        rule: 'near',
        deltaSeconds: index.second(near[0]!) - sec,
        candidates: near.map((k) => index.describe(k)),
      };
    }
  }
  return { status: 'not-in-store', candidates: [] };
}

/** Store messages created within [from, to] that no tag's correlation named. */
export function unexplained(index: MessageIndex, fromIso: string, toIso: string, explained: ReadonlySet<string>): StoreMessage[] {
  const from = Math.floor(Date.parse(fromIso) / 1000);
  const to = Math.floor(Date.parse(toIso) / 1000);
  return index
    .range(from, to)
    .filter((k) => !explained.has(index.nidAt(k)))
    .map((k) => index.describe(k));
}
