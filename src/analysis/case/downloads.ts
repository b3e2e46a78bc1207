// The messages of one input that carry a POP3 origin, as the case keeps them: in columns (a row per
// message: interned servers, accounts, folders and .msg locations, the UIDs, NIDs and subjects each
// one string with offsets, the times as numbers), never an object per message. A store's 100,000
// downloads are then a few typed arrays and strings, which a worker thread posts back cheaply, and
// a message's CasePlace is made only when a report writes it.

import { isoDate } from '../iso-time.js';
import { Interned } from '../correlate/stored-strings.js';

/** Strings one after another in `text`: row i is `length[i]` units from `start[i]`; length -1 is none. */
export interface StringColumn {
  text: string;
  start: Int32Array;
  length: Int32Array;
}

export interface CaseDownloads {
  count: number;
  /** Each column of indices refers to its table of distinct values; -1 is none. */
  servers: string[];
  server: Int32Array;
  accounts: string[];
  account: Int32Array;
  folders: string[];
  folder: Int32Array;
  locations: string[];
  location: Int32Array;
  uid: StringColumn;
  nid: StringColumn;
  subject: StringColumn;
  /** Milliseconds since 1970; NaN for none. */
  created: Float64Array;
  delivered: Float64Array;
}

/** Where a message lies: a store's folder and NID, or a .msg file's `top` or embedded message. */
export interface CaseMessage {
  folder?: string;
  nid?: string;
  location?: string;
  subject?: string;
  created?: string;
  delivered?: string;
}

/** A message with a POP3 origin as the analysis gives it: `POP://server/uid`, downloaded by `account`. */
export interface CaseDownload {
  server: string;
  uid: string;
  account?: string;
  message: { folder?: string; nid?: string; location?: string; subject?: string; created?: Date; delivered?: Date };
}

class StringColumnBuilder {
  private readonly parts: string[] = [];
  private at = 0;
  readonly start: Int32Array;
  readonly length: Int32Array;

  constructor(rows: number) {
    this.start = new Int32Array(rows);
    this.length = new Int32Array(rows);
  }

  set(row: number, s: string | undefined): void {
    this.start[row] = this.at;
    this.length[row] = s === undefined ? -1 : s.length;
    if (s === undefined) return;
    this.parts.push(s);
    this.at += s.length;
  }

  done(): StringColumn {
    return { text: this.parts.join(''), start: this.start, length: this.length };
  }
}

const cell = (c: StringColumn, row: number): string | undefined => {
  const n = c.length[row]!;
  return n < 0 ? undefined : c.text.slice(c.start[row]!, c.start[row]! + n);
};

const ms = (d: Date | undefined): number => (d ? d.getTime() : NaN);

/** The columns of `list` (its length known before it is walked, as a lazy list's is). */
export function caseDownloads(list: Iterable<CaseDownload> & { readonly length: number }): CaseDownloads {
  const n = list.length;
  const [servers, accounts, folders, locations] = [new Interned(), new Interned(), new Interned(), new Interned()];
  const [uid, nid, subject] = [new StringColumnBuilder(n), new StringColumnBuilder(n), new StringColumnBuilder(n)];
  const out = { server: new Int32Array(n), account: new Int32Array(n), folder: new Int32Array(n), location: new Int32Array(n), created: new Float64Array(n), delivered: new Float64Array(n) };
  let i = 0;
  for (const d of list) {
    const m = d.message;
    out.server[i] = servers.of(d.server);
    out.account[i] = accounts.of(d.account);
    out.folder[i] = folders.of(m.folder);
    out.location[i] = locations.of(m.location);
    uid.set(i, d.uid);
    nid.set(i, m.nid);
    subject.set(i, m.subject);
    out.created[i] = ms(m.created);
    out.delivered[i] = ms(m.delivered);
    i++;
  }
  return { count: n, servers: servers.values, accounts: accounts.values, folders: folders.values, locations: locations.values, uid: uid.done(), nid: nid.done(), subject: subject.done(), ...out };
}

export const downloadServer = (d: CaseDownloads, row: number): string => d.servers[d.server[row]!]!;

export const downloadAccount = (d: CaseDownloads, row: number): string | undefined => d.accounts[d.account[row]!];

export const downloadUid = (d: CaseDownloads, row: number): string => cell(d.uid, row)!;

const iso = (t: number): string | undefined => (Number.isNaN(t) ? undefined : isoDate(new Date(t)));

/** The message of row `row` as a report gives it. */
export function downloadMessage(d: CaseDownloads, row: number): CaseMessage {
  const location = d.locations[d.location[row]!];
  const out: CaseMessage = location !== undefined ? { location } : { folder: d.folders[d.folder[row]!], nid: cell(d.nid, row) };
  const subject = cell(d.subject, row);
  if (subject !== undefined) out.subject = subject;
  const created = iso(d.created[row]!);
  if (created !== undefined) out.created = created;
  const delivered = iso(d.delivered[row]!);
  if (delivered !== undefined) out.delivered = delivered;
  return out;
}
