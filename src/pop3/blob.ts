// The POP3 download history blob (design.md §2; Microsoft, "Parsing the message download history
// for a POP3 account"): u16 version (3), u16 count, then `count` NUL-terminated UTF-8 tags
// `O c yyyyMMddHHmmss uid`. Decoding never throws on content: it returns every tag it can read
// and an anomaly, with its byte offset, for everything that is not as documented.

import { decodeUid, encodeUid } from './uid.js';

export type Operation = 'downloaded' | 'deleted' | 'downloaded-and-deleted';
export type Content = 'none' | 'header' | 'body';
export type Severity = 'info' | 'warning' | 'error';

export interface TagInput {
  operation: Operation;
  content: Content;
  /** ISO-8601 UTC with whole seconds, ending in Z. */
  time: string;
  uid: string;
}

export interface BlobEntry extends TagInput {
  /** Position of the tag among the blob's tags (skipped tags keep their number). */
  index: number;
  /** Byte offset of the tag within the blob. */
  offset: number;
  /** The tag's raw text. */
  tag: string;
  /** The tag's bytes as hex, when they are not valid UTF-8. */
  tagHex?: string;
  timeRaw: string;
  encodedUid: string;
  /** The unescaped UID bytes as hex, when they are not valid UTF-8. */
  uidHex?: string;
}

export type AnomalyCode =
  | 'TOO_SHORT'
  | 'BAD_VERSION'
  | 'COUNT_MISMATCH'
  | 'EXTRA_TAGS'
  | 'TRAILER'
  | 'SHORT_TAG'
  | 'BAD_OPERATION'
  | 'BAD_CONTENT'
  | 'BAD_DATE'
  | 'BAD_ESCAPE'
  | 'EMPTY_UID'
  | 'INVALID_UTF8'
  | 'MISSING_NUL';

export interface Anomaly {
  code: AnomalyCode;
  severity: Severity;
  message: string;
  offset: number;
}

export interface DecodedBlob {
  version?: number;
  declaredCount?: number;
  entries: BlobEntry[];
  /** Bytes after the declared tags that are not tags, as hex. */
  trailer?: string;
  anomalies: Anomaly[];
}

export const BLOB_VERSION = 3;

const OPERATIONS: Record<string, Operation> = { '+': 'downloaded', '-': 'deleted', '&': 'downloaded-and-deleted' };
const CONTENTS: Record<string, Content> = { ' ': 'none', h: 'header', b: 'body' };
const OP_CHAR: Record<Operation, string> = { downloaded: '+', deleted: '-', 'downloaded-and-deleted': '&' };
const CONTENT_CHAR: Record<Content, string> = { none: ' ', header: 'h', body: 'b' };
const TAG_HEAD = 16; // operation, content and 14 digits

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

interface RawTag {
  offset: number;
  /** Offset just past the tag's NUL (or the end of the data). */
  end: number;
  text: string;
  hex?: string;
  terminated: boolean;
}

/** The NUL-terminated string at `offset`, decoded without a TextDecoder call when it is ASCII. */
function readTag(b: Uint8Array, offset: number): RawTag {
  let i = offset;
  let ascii = true;
  while (i < b.length && b[i] !== 0) {
    if (b[i]! >= 0x80) ascii = false;
    i++;
  }
  const terminated = i < b.length;
  const bytes = b.subarray(offset, i);
  const end = terminated ? i + 1 : i;
  if (ascii) return { offset, end, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), terminated };
  try {
    return { offset, end, text: strictUtf8.decode(bytes), terminated };
  } catch {
    return { offset, end, text: lenientUtf8.decode(bytes), hex: Buffer.from(bytes).toString('hex'), terminated };
  }
}

/** "yyyyMMddHHmmss" → ISO-8601 Z, or undefined when it is not a real UTC instant. */
export function parseTagTime(raw: string): string | undefined {
  if (!/^\d{14}$/.test(raw)) return undefined;
  const y = +raw.slice(0, 4);
  const mo = +raw.slice(4, 6);
  const d = +raw.slice(6, 8);
  const h = +raw.slice(8, 10);
  const mi = +raw.slice(10, 12);
  const s = +raw.slice(12, 14);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (y < 1 || monthDays === undefined || d < 1 || d > monthDays || h > 23 || mi > 59 || s > 59) return undefined;
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}T${raw.slice(8, 10)}:${raw.slice(10, 12)}:${raw.slice(12, 14)}Z`;
}

type TagResult = { entry: BlobEntry; anomalies: Anomaly[] } | { entry: undefined; anomalies: Anomaly[] };

/** A tag's fields. Structural faults (length, operation, content, date) skip the tag; UID faults keep it. */
function parseTag(t: RawTag, index: number): TagResult {
  const a: Anomaly[] = [];
  const at = t.offset;
  if (t.hex !== undefined) a.push({ code: 'INVALID_UTF8', severity: 'warning', message: `tag ${index} is not valid UTF-8; its bytes are kept as hex`, offset: at });
  if (t.text.length < TAG_HEAD) {
    a.push({ code: 'SHORT_TAG', severity: 'error', message: `tag ${index} has ${t.text.length} characters, fewer than the 16 of operation, content and time`, offset: at });
    return { entry: undefined, anomalies: a };
  }
  const operation = OPERATIONS[t.text[0]!];
  if (!operation) {
    a.push({ code: 'BAD_OPERATION', severity: 'error', message: `tag ${index} has unknown operation ${JSON.stringify(t.text[0])}`, offset: at });
    return { entry: undefined, anomalies: a };
  }
  const content = CONTENTS[t.text[1]!];
  if (!content) {
    a.push({ code: 'BAD_CONTENT', severity: 'error', message: `tag ${index} has unknown content ${JSON.stringify(t.text[1])}`, offset: at + 1 });
    return { entry: undefined, anomalies: a };
  }
  const timeRaw = t.text.slice(2, TAG_HEAD);
  const time = parseTagTime(timeRaw);
  if (!time) {
    a.push({ code: 'BAD_DATE', severity: 'error', message: `tag ${index} has an impossible date ${JSON.stringify(timeRaw)}`, offset: at + 2 });
    return { entry: undefined, anomalies: a };
  }
  const encodedUid = t.text.slice(TAG_HEAD);
  const { uid, uidHex, badEscapes } = decodeUid(encodedUid);
  for (const e of badEscapes) {
    a.push({ code: 'BAD_ESCAPE', severity: 'warning', message: `tag ${index} has a "$" not followed by two hex digits; kept as is`, offset: at + TAG_HEAD + e });
  }
  if (uidHex !== undefined) a.push({ code: 'INVALID_UTF8', severity: 'warning', message: `UID of tag ${index} is not valid UTF-8 once unescaped; its bytes are kept as hex`, offset: at + TAG_HEAD });
  if (encodedUid.length === 0) a.push({ code: 'EMPTY_UID', severity: 'warning', message: `tag ${index} has no UID`, offset: at + TAG_HEAD });
  const entry: BlobEntry = { index, offset: at, tag: t.text, operation, content, time, timeRaw, uid, encodedUid };
  if (t.hex !== undefined) entry.tagHex = t.hex;
  if (uidHex !== undefined) entry.uidHex = uidHex;
  return { entry, anomalies: a };
}

/** A tag after the declared ones counts as an extra tag only if it looks like one; otherwise it is trailer. */
function looksLikeTag(t: RawTag): boolean {
  return t.terminated && t.hex === undefined && /^[+\-&][ hb]\d{14}[0-9A-Za-z$]*$/.test(t.text);
}

export function decodeBlob(bytes: Uint8Array): DecodedBlob {
  const anomalies: Anomaly[] = [];
  const entries: BlobEntry[] = [];
  if (bytes.length < 4) {
    anomalies.push({ code: 'TOO_SHORT', severity: 'error', message: `blob is ${bytes.length} bytes, shorter than its 4-byte header`, offset: 0 });
    return { version: bytes.length >= 2 ? bytes[0]! | (bytes[1]! << 8) : undefined, entries, anomalies };
  }
  const version = bytes[0]! | (bytes[1]! << 8);
  const declaredCount = bytes[2]! | (bytes[3]! << 8);
  if (version !== BLOB_VERSION) {
    anomalies.push({ code: 'BAD_VERSION', severity: 'warning', message: `blob version is ${version}, not ${BLOB_VERSION}; decoded as version 3`, offset: 0 });
  }
  const push = (r: TagResult): void => {
    if (r.entry) entries.push(r.entry);
    for (const x of r.anomalies) anomalies.push(x);
  };

  let o = 4;
  let index = 0;
  for (; index < declaredCount && o < bytes.length; index++) {
    const t = readTag(bytes, o);
    if (!t.terminated) anomalies.push({ code: 'MISSING_NUL', severity: 'warning', message: `tag ${index} runs to the end of the blob without its NUL`, offset: t.end });
    push(parseTag(t, index));
    o = t.end;
  }
  if (index < declaredCount) {
    anomalies.push({ code: 'COUNT_MISMATCH', severity: 'warning', message: `blob declares ${declaredCount} tags but holds ${index}`, offset: 2 });
  }
  // Past the declared tags: well-formed tags are extra tags; anything else is a trailer.
  const firstExtra = index;
  while (o < bytes.length) {
    const t = readTag(bytes, o);
    if (!looksLikeTag(t)) break;
    push(parseTag(t, index++));
    o = t.end;
  }
  if (index > firstExtra) {
    anomalies.push({ code: 'EXTRA_TAGS', severity: 'warning', message: `blob declares ${declaredCount} tags but ${index - firstExtra} more follow them`, offset: 2 });
  }
  let trailer: string | undefined;
  if (o < bytes.length) {
    const rest = bytes.subarray(o);
    trailer = Buffer.from(rest).toString('hex');
    // Outlook 2016 writes 8 bytes here, 4 zero then 4 others (design.md §1): expected, so info.
    const outlook2016 = rest.length === 8 && rest[0] === 0 && rest[1] === 0 && rest[2] === 0 && rest[3] === 0;
    anomalies.push({
      code: 'TRAILER',
      severity: outlook2016 ? 'info' : 'warning',
      message: outlook2016
        ? 'the 8 bytes Outlook 2016 writes after the tags (not in the format description)'
        : `${rest.length} bytes after the tags that are not tags`,
      offset: o,
    });
  }
  return { version, declaredCount, entries, ...(trailer !== undefined ? { trailer } : {}), anomalies };
}

export interface EncodeOptions {
  version?: number;
  /** Defaults to the number of entries; set it to make a blob whose count disagrees. */
  declaredCount?: number;
  trailer?: Uint8Array;
}

export function formatTagTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.0+)?Z$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO-8601 UTC time with whole seconds: ${iso}`);
  return m.slice(1).join('');
}

export function encodeTag(e: TagInput): string {
  return `${OP_CHAR[e.operation]}${CONTENT_CHAR[e.content]}${formatTagTime(e.time)}${encodeUid(e.uid)}`;
}

export function encodeBlob(entries: readonly TagInput[], opts: EncodeOptions = {}): Uint8Array {
  const tags = entries.map((e) => Buffer.from(`${encodeTag(e)}\0`, 'utf8'));
  const header = Buffer.alloc(4);
  header.writeUInt16LE(opts.version ?? BLOB_VERSION, 0);
  header.writeUInt16LE(opts.declaredCount ?? entries.length, 2);
  return new Uint8Array(Buffer.concat([header, ...tags, opts.trailer ?? new Uint8Array(0)]));
}
