// The messages of one input that carry a POP3 origin, as the case keeps them: in columns (a row per
// message: interned servers, accounts, folders and .msg locations, the UIDs, NIDs and subjects as
// bytes, the times as numbers), never an object per message. A store's 100,000 downloads are then a
// few typed arrays, which a worker thread posts back cheaply, and a message's CasePlace is made only
// when a report writes it.

import { isoMillis } from '../iso-time.js';
import { Interned } from '../correlate/stored-strings.js';
import { UidIndex } from '../correlate/uid-index.js';

/**
 * A string per row, as bytes outside the JS heap: one after another in `bytes` (Latin-1 when every
 * unit fits a byte, else UTF-16LE), each row ending at `end[row]`. Nothing is a string until a report
 * asks for it, and the strings the analysis gave die young instead of filling the old generation.
 */
export interface StringColumn {
  bytes: Uint8Array;
  end: Int32Array;
  /** Per row: LATIN1, UTF16 or NONE. */
  kind: Uint8Array;
}

const [LATIN1, UTF16, NONE] = [0, 1, 2];

/** A column once the case shares its text across inputs: each row a key of `pool` (-1: none). */
export interface PooledColumn {
  pool: UidIndex;
  key: Int32Array;
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
  /** As the input's analysis made them; pooled once the case has the input (SharedText). */
  uid: StringColumn | PooledColumn;
  nid: StringColumn | PooledColumn;
  subject: StringColumn | PooledColumn;
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
  private bytes: Buffer;
  private used = 0;
  private readonly kind: Uint8Array;

  /** `end` is the column's part of its input's one block of numbers. */
  constructor(private readonly end: Int32Array) {
    // Sized by the rows (a guess of 16 bytes each, grown if short): a thousand small inputs take no 64 KiB each.
    this.bytes = Buffer.allocUnsafeSlow(Math.max(64, 16 * end.length));
    this.kind = new Uint8Array(end.length);
  }

  set(row: number, s: string | undefined): void {
    let kind = s === undefined ? NONE : LATIN1;
    if (s !== undefined) for (let c = 0; c < s.length && kind === LATIN1; c++) if (s.charCodeAt(c) > 0xff) kind = UTF16;
    const n = s === undefined ? 0 : kind === UTF16 ? 2 * s.length : s.length;
    if (this.used + n > this.bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.used + n, 2 * this.bytes.length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (s !== undefined) this.bytes.write(s, this.used, kind === UTF16 ? 'utf16le' : 'latin1');
    this.used += n;
    this.end[row] = this.used;
    this.kind[row] = kind;
  }

  done(): StringColumn {
    // A copy of the bytes used: a Buffer's may lie in Node's shared pool, and its spare room is left behind.
    return { bytes: new Uint8Array(this.bytes.subarray(0, this.used)), end: this.end, kind: this.kind };
  }
}

/** A Buffer over each column's bytes, made once: not a Buffer object per cell read. */
const views = new WeakMap<Uint8Array, Buffer>();

function cell(c: StringColumn | PooledColumn, row: number): string | undefined {
  if ('pool' in c) return c.key[row]! < 0 ? undefined : c.pool.key(c.key[row]!);
  const kind = c.kind[row]!;
  if (kind === NONE) return undefined;
  let view = views.get(c.bytes);
  if (!view) views.set(c.bytes, (view = Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.length)));
  return view.toString(kind === UTF16 ? 'utf16le' : 'latin1', row === 0 ? 0 : c.end[row - 1]!, c.end[row]!);
}

const ms = (d: Date | undefined): number => (d ? d.getTime() : NaN);

/** The columns of `list` (its length known before it is walked, as a lazy list's is). */
export function caseDownloads(list: Iterable<CaseDownload> & { readonly length: number }): CaseDownloads {
  const n = list.length;
  const [servers, accounts, folders, locations] = [new Interned(), new Interned(), new Interned(), new Interned()];
  // Every number of the input in one block (one allocation that lives as long as the case, not nine):
  // two columns of 8 bytes, then seven of 4 (four tables' indices and the three text columns' ends).
  const block = new ArrayBuffer(44 * n);
  const int32 = (k: number): Int32Array => new Int32Array(block, 16 * n + 4 * k * n, n);
  const [uid, nid, subject] = [new StringColumnBuilder(int32(4)), new StringColumnBuilder(int32(5)), new StringColumnBuilder(int32(6))];
  const out = { server: int32(0), account: int32(1), folder: int32(2), location: int32(3), created: new Float64Array(block, 0, n), delivered: new Float64Array(block, 8 * n, n) };
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

/** A time's ISO text, the last one kept: a case writes one message of several snapshots in a row,
 * each with the same creation and delivery times. */
class LastIso {
  private t = NaN;
  private text = '';
  of(t: number): string | undefined {
    if (Number.isNaN(t)) return undefined;
    if (t !== this.t) [this.t, this.text] = [t, isoMillis(t)];
    return this.text;
  }
}
const [createdIso, deliveredIso] = [new LastIso(), new LastIso()];

/** The message of row `row` as a report gives it. */
export function downloadMessage(d: CaseDownloads, row: number): CaseMessage {
  const location = d.locations[d.location[row]!];
  const out: CaseMessage = location !== undefined ? { location } : { folder: d.folders[d.folder[row]!], nid: cell(d.nid, row) };
  const subject = cell(d.subject, row);
  if (subject !== undefined) out.subject = subject;
  const created = createdIso.of(d.created[row]!);
  if (created !== undefined) out.created = created;
  const delivered = deliveredIso.of(d.delivered[row]!);
  if (delivered !== undefined) out.delivered = delivered;
  return out;
}

/**
 * The UIDs, NIDs and subjects of every input kept once for the whole case: snapshots of one store
 * hold mostly the same messages, and four copies of a 100,000-message mailbox's text are then one.
 */
export class SharedText {
  private readonly pools = { uid: new UidIndex(), nid: new UidIndex(), subject: new UidIndex() };

  /** The input's columns moved into the shared pools (its own bytes left to the collector). */
  adopt<T extends { downloads?: CaseDownloads }>(input: T): T {
    const d = input.downloads;
    if (!d) return input;
    for (const name of ['uid', 'nid', 'subject'] as const) {
      const pool = this.pools[name];
      const c = d[name];
      if ('pool' in c && c.pool === pool) continue;
      // The keys take the place of the ends (or of the other pool's keys), in the same block.
      const key = 'pool' in c ? c.key : c.end;
      let start = 0;
      for (let row = 0; row < d.count; row++) {
        const end = key[row]!;
        if ('pool' in c) key[row] = end < 0 ? -1 : pool.keyOf(c.pool.key(end));
        else key[row] = c.kind[row] === NONE ? -1 : pool.keyOfBytes(c.bytes, start, end, c.kind[row] === UTF16);
        start = end;
      }
      d[name] = { pool, key };
    }
    return input;
  }
}
