// A store's message facts held in memory, for testing the correlation rules without writing a PST:
// the same facts the rules and attribution read from StoreMessages, with the same eligibility rule
// (isReceivable) and the same description of a message.

import { StoreMessage } from '../../src/analysis/correlate/store-message.js';
import { isReceivable } from '../../src/analysis/correlate/received.js';
import type { AttributionFacts } from '../../src/analysis/correlate/attribution.js';
import type { FolderRole } from '../../src/pst/index.js';

export interface FactRow {
  nid: number;
  folder?: string;
  role?: FolderRole;
  messageClass?: string;
  flags?: number;
  /** Seconds since 1970. */
  created?: number;
  delivered?: number;
  /** A readable PidLidRemoteEntryId: POP://server/uid. */
  remote?: { server: string; uid: string };
  badRemote?: boolean;
  account?: string;
  /** The account is read from PidLidInternetAccountStamp only. */
  stampOnly?: boolean;
  /** Outside the IPM subtree (e.g. a search folder's own items). */
  outsideIpm?: boolean;
  subject?: string;
}

export class FactsInMemory implements AttributionFacts {
  private readonly keys = new Map<string, number>();
  constructor(private readonly rows: readonly FactRow[]) {}

  get size(): number {
    return this.rows.length;
  }

  /** Numbered by server and UID in the order first asked for. */
  downloadKey(i: number): number {
    const r = this.row(i).remote!;
    const key = `${r.server}\0${r.uid}`;
    if (!this.keys.has(key)) this.keys.set(key, this.keys.size);
    return this.keys.get(key)!;
  }

  private row(i: number): FactRow {
    return this.rows[i]!;
  }

  withUid(uid: string): readonly number[] {
    return this.rows.flatMap((r, i) => (r.remote?.uid === uid ? [i] : []));
  }

  createdBetween(from: number, to: number): readonly number[] {
    return this.rows
      .map((r, i) => [r.created ?? NaN, i] as const)
      .filter(([c]) => c >= from && c <= to)
      .sort((a, b) => a[0] - b[0])
      .map(([, i]) => i);
  }

  /** Messages with a creation time, by time then NID, as StoreMessages keeps them. */
  private get order(): number[] {
    return this.rows
      .map((_, i) => i)
      .filter((i) => this.rows[i]!.created !== undefined)
      .sort((a, b) => this.created(a) - this.created(b) || this.nid(a) - this.nid(b));
  }

  firstCreatedAt(second: number): number {
    const k = this.order.findIndex((i) => this.created(i) >= second);
    return k < 0 ? this.order.length : k;
  }

  get timedCount(): number {
    return this.order.length;
  }

  byCreation(k: number): number {
    return this.order[k]!;
  }

  *downloaded(): Iterable<number> {
    for (const [i, r] of this.rows.entries()) if (r.remote) yield i;
  }

  created(i: number): number {
    return this.row(i).created ?? NaN;
  }

  delivered(i: number): number {
    return this.row(i).delivered ?? NaN;
  }

  nid(i: number): number {
    return this.row(i).nid;
  }

  server(i: number): string | undefined {
    return this.row(i).remote?.server;
  }

  uid(i: number): string | undefined {
    return this.row(i).remote?.uid;
  }

  hasBadRemoteId(i: number): boolean {
    return this.row(i).badRemote === true;
  }

  account(i: number): string | undefined {
    return this.row(i).account?.toLowerCase();
  }

  accountFromStamp(i: number): boolean {
    return this.row(i).stampOnly === true;
  }

  folder(i: number): string {
    return this.row(i).folder ?? '/Inbox';
  }

  inIpmSubtree(i: number): boolean {
    return this.row(i).outsideIpm !== true;
  }

  mayHaveBeenReceived(i: number): boolean {
    const r = this.row(i);
    return isReceivable(r.messageClass ?? 'IPM.Note', r.role, r.flags ?? 0);
  }

  receivedWithoutOrigin(i: number): boolean {
    const r = this.row(i);
    return r.remote === undefined && r.badRemote !== true && this.mayHaveBeenReceived(i);
  }

  describe(i: number): StoreMessage {
    const r = this.row(i);
    const date = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000));
    return new StoreMessage(r.folder ?? '/Inbox', `0x${r.nid.toString(16)}`, r.subject, undefined, undefined, date(r.created), date(r.delivered));
  }
}
