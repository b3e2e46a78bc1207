// The POP3 download history blob (Microsoft, "Parsing the message download history for a POP3
// account", https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/parsing-the-message-download-history-for-a-pop3-account): u16 version (3), u16 count, then `count` NUL-terminated UTF-8 tags
// `O c yyyyMMddHHmmss uid`. Decoding never throws on content: it returns every tag it can read
// and an anomaly, with its byte offset, for everything that is not as documented.

import { isAscii, isUtf8 } from 'node:buffer';
import { decodeAsciiUid, decodeUid, encodeUid } from './uid.js';

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
  | 'MISSING_NUL'
  | 'LIMIT';

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
  /** Bytes after the tags that are not decoded, as hex: at most the first MAX_TRAILER_HEX_BYTES (the TRAILER anomaly gives the whole size). */
  trailer?: string;
  anomalies: Anomaly[];
}

const BLOB_VERSION = 3;

// Hard limits (README "Limits"). The count is a 16-bit field, so a real blob holds at most 65,535
// tags; past the declared count only this many more are decoded, the rest is trailing data.
export const EXTRA_TAG_MARGIN = 64;
// RFC 1939 §7: a unique-id is 1 to 70 characters 0x21–0x7E. Longer ones are kept whole in the
// entry (JSON, NDJSON, CSV), flagged LIMIT, and cut to this length in the table.
export const MAX_UID_LENGTH = 70;
// A blob file read whole: a full blob is 65,535 tags of at most a few hundred bytes, and an xxd dump
// of one about four times that. Anything larger is not a blob; an endless input must not fill memory.
export const MAX_BLOB_INPUT_BYTES = 64 * 1024 * 1024;

export function blobTooLarge(size: number): BlobLimitError {
  return new BlobLimitError(`${size} bytes or more, over the ${MAX_BLOB_INPUT_BYTES}-byte limit on a blob (limit: decode input size)`);
}

/** Input refused at a documented limit before it is decoded. */
export class BlobLimitError extends Error {
  readonly code = 'LIMIT';
  constructor(message: string) {
    super(message);
    this.name = 'BlobLimitError';
  }
}

// A trailer is kept as hex up to this many bytes: 25 MB of junk after the tags is said by its size,
// not carried as 50 MB of hex in every report.
export const MAX_TRAILER_HEX_BYTES = 4096;

const OP_CHAR: Record<Operation, string> = { downloaded: '+', deleted: '-', 'downloaded-and-deleted': '&' };
const CONTENT_CHAR: Record<Content, string> = { none: ' ', header: 'h', body: 'b' };
// The same, indexed by character code for decoding: a dense array lookup, not a hash lookup.
const OPERATIONS = byCode(OP_CHAR);
const CONTENTS = byCode(CONTENT_CHAR);
const TAG_HEAD = 16; // operation, content and 14 digits
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const NON_ASCII = /[\x80-\xff]/;

function byCode<T extends string>(chars: Record<T, string>): (T | undefined)[] {
  const out = new Array<T | undefined>(128).fill(undefined);
  for (const [name, ch] of Object.entries(chars) as [T, string][]) out[ch.charCodeAt(0)] = name;
  return out;
}

/** Offset of the NUL that ends the tag at `offset`, or the end of the data when there is none. */
function tagStop(latin1: string, offset: number): number {
  const nul = latin1.indexOf('\0', offset);
  return nul < 0 ? latin1.length : nul;
}

/** Two decimal digits of `s` at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The tag's "yyyyMMddHHmmss" (at character 2) → ISO-8601 Z, or undefined when it is not a real instant. */
function tagTime(s: string): string | undefined {
  const c = twoDigits(s, 2);
  const y = twoDigits(s, 4);
  const mo = twoDigits(s, 6);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 10);
  const mi = twoDigits(s, 12);
  const sec = twoDigits(s, 14);
  if (c < 0 || y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  const year = c * 100 + y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (year < 1 || d > (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!)) return undefined;
  // One flat string from the digits' codes: cheaper for the garbage collector than joining slices.
  return String.fromCharCode(
    s.charCodeAt(2), s.charCodeAt(3), s.charCodeAt(4), s.charCodeAt(5), 0x2d, // yyyy-
    s.charCodeAt(6), s.charCodeAt(7), 0x2d, // MM-
    s.charCodeAt(8), s.charCodeAt(9), 0x54, // ddT
    s.charCodeAt(10), s.charCodeAt(11), 0x3a, // HH:
    s.charCodeAt(12), s.charCodeAt(13), 0x3a, // mm:
    s.charCodeAt(14), s.charCodeAt(15), 0x5a, // ssZ
  );
}

/**
 * The entry of the tag in `[at, stop)`, its anomalies pushed onto `out`. `latin1` is the whole blob
 * read as latin1, one character per byte: an ASCII tag (every tag Outlook writes) is a slice of it,
 * with no per-tag decoder call or byte view, which is what keeps a 65,535-tag blob fast.
 * Structural faults (length, operation, content, date) skip the tag; UID and encoding faults keep
 * it. Once the operation, content and date are accepted they are 16 ASCII bytes, so the UID starts
 * at byte `at + 16`.
 */
function parseTag(view: Buffer, latin1: string, asciiBlob: boolean, at: number, stop: number, index: number, out: Anomaly[]): BlobEntry | undefined {
  let text = latin1.slice(at, stop);
  const ascii = asciiBlob || !NON_ASCII.test(text);
  let hex: string | undefined;
  if (!ascii) {
    const bytes = view.subarray(at, stop);
    text = bytes.toString('utf8');
    if (!isUtf8(bytes)) {
      hex = bytes.toString('hex');
      out.push({ code: 'INVALID_UTF8', severity: 'warning', message: `tag ${index} is not valid UTF-8; its bytes are kept as hex`, offset: at });
    }
  }
  if (text.length < TAG_HEAD) {
    out.push({ code: 'SHORT_TAG', severity: 'error', message: `tag ${index} has ${text.length} characters, fewer than the 16 of operation, content and time`, offset: at });
    return undefined;
  }
  const operation = OPERATIONS[text.charCodeAt(0)];
  if (!operation) {
    out.push({ code: 'BAD_OPERATION', severity: 'error', message: `tag ${index} has unknown operation ${JSON.stringify(String.fromCodePoint(text.codePointAt(0)!))}`, offset: at });
    return undefined;
  }
  const content = CONTENTS[text.charCodeAt(1)];
  if (!content) {
    out.push({ code: 'BAD_CONTENT', severity: 'error', message: `tag ${index} has unknown content ${JSON.stringify(String.fromCodePoint(text.codePointAt(1)!))}`, offset: at + 1 });
    return undefined;
  }
  const time = tagTime(text);
  const timeRaw = text.slice(2, TAG_HEAD);
  if (!time) {
    out.push({ code: 'BAD_DATE', severity: 'error', message: `tag ${index} has an impossible date ${JSON.stringify(timeRaw)}`, offset: at + 2 });
    return undefined;
  }
  const encodedUid = text.slice(TAG_HEAD);
  const uidAt = at + TAG_HEAD;
  // An ASCII UID without escapes is its own decoding, and one with valid escapes costs only its
  // string; anything else goes through the full decoding, which says what is wrong.
  let uid = ascii ? (encodedUid.includes('$') ? decodeAsciiUid(view, uidAt, stop) : encodedUid) : undefined;
  let uidHex: string | undefined;
  if (uid === undefined) {
    const d = decodeUid(view, uidAt, stop);
    uid = d.uid;
    uidHex = d.uidHex;
    for (const e of d.badEscapes) out.push({ code: 'BAD_ESCAPE', severity: 'warning', message: `tag ${index} has a "$" not followed by two hex digits; kept as is`, offset: e });
    // A tag already reported as invalid UTF-8 is not reported again for its UID.
    if (uidHex !== undefined && hex === undefined) out.push({ code: 'INVALID_UTF8', severity: 'warning', message: `UID of tag ${index} is not valid UTF-8 once unescaped; its bytes are kept as hex`, offset: uidAt });
  }
  if (encodedUid.length === 0) out.push({ code: 'EMPTY_UID', severity: 'warning', message: `tag ${index} has no UID`, offset: uidAt });
  else if (uid.length > MAX_UID_LENGTH) {
    out.push({
      code: 'LIMIT',
      severity: 'warning',
      message: `UID of tag ${index} is ${uid.length} characters, longer than the ${MAX_UID_LENGTH} of RFC 1939 (limit: UID length); kept whole, cut in the table`,
      offset: uidAt,
    });
  }
  const entry: BlobEntry = { index, offset: at, tag: text, operation, content, time, timeRaw, uid, encodedUid };
  if (hex !== undefined) entry.tagHex = hex;
  if (uidHex !== undefined) entry.uidHex = uidHex;
  return entry;
}

// How "more tags than declared" is told from a trailer: past the declared count, a NUL-terminated,
// valid string of exactly the documented tag alphabet (operation, content, 14 digits, escaped UID)
// is an extra tag; the first thing that is not ends the tags, and everything from there on is the
// trailer. Outlook 2016's 8 bytes start with a NUL, so they are never taken for a tag.
const TAG_SHAPE = /^[+\-&][ hb]\d{14}[0-9A-Za-z$]*$/;

function looksLikeTag(latin1: string, at: number, stop: number): boolean {
  return stop < latin1.length && TAG_SHAPE.test(latin1.slice(at, stop));
}

export function decodeBlob(bytes: Uint8Array): DecodedBlob {
  const anomalies: Anomaly[] = [];
  const entries: BlobEntry[] = [];
  if (bytes.length < 4) {
    anomalies.push({ code: 'TOO_SHORT', severity: 'error', message: `blob is ${bytes.length} bytes, shorter than its 4-byte header`, offset: 0 });
    return { version: bytes.length >= 2 ? bytes[0]! | (bytes[1]! << 8) : undefined, entries, anomalies };
  }
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = view.toString('latin1');
  // One native check of all the tags spares a per-tag scan in the usual all-ASCII case (the header
  // is not text: a count of 128 tags or more has a byte over 0x7F).
  const asciiBlob = isAscii(view.subarray(4));
  const version = bytes[0]! | (bytes[1]! << 8);
  const declaredCount = bytes[2]! | (bytes[3]! << 8);
  if (version !== BLOB_VERSION) {
    anomalies.push({ code: 'BAD_VERSION', severity: 'warning', message: `blob version is ${version}, not ${BLOB_VERSION}; decoded as version 3`, offset: 0 });
  }

  let o = 4;
  let index = 0;
  for (; index < declaredCount && o < bytes.length; index++) {
    const stop = tagStop(latin1, o);
    if (stop === bytes.length) anomalies.push({ code: 'MISSING_NUL', severity: 'warning', message: `tag ${index} runs to the end of the blob without its NUL`, offset: stop });
    const entry = parseTag(view, latin1, asciiBlob, o, stop, index, anomalies);
    if (entry) entries.push(entry);
    o = stop + 1;
  }
  if (index < declaredCount) {
    anomalies.push({ code: 'COUNT_MISMATCH', severity: 'warning', message: `blob declares ${declaredCount} tags but holds ${index}`, offset: 2 });
  }
  const firstExtra = index;
  let limited = false;
  while (o < bytes.length) {
    const stop = tagStop(latin1, o);
    if (!looksLikeTag(latin1, o, stop)) break;
    if (index - firstExtra >= EXTRA_TAG_MARGIN) {
      limited = true;
      break;
    }
    const entry = parseTag(view, latin1, asciiBlob, o, stop, index++, anomalies);
    if (entry) entries.push(entry);
    o = stop + 1;
  }
  if (index > firstExtra) {
    anomalies.push({ code: 'EXTRA_TAGS', severity: 'warning', message: `blob declares ${declaredCount} tags but ${index - firstExtra} more follow them`, offset: 2 });
  }
  if (limited) {
    anomalies.push({
      code: 'LIMIT',
      severity: 'error',
      message: `more tags follow than the declared ${declaredCount} + ${EXTRA_TAG_MARGIN} decoded (limit: tags per blob); the ${bytes.length - o} bytes from here on are not decoded`,
      offset: o,
    });
  }
  let trailer: string | undefined;
  if (o < bytes.length) {
    const rest = bytes.subarray(o);
    trailer = Buffer.from(rest.subarray(0, MAX_TRAILER_HEX_BYTES)).toString('hex');
    // Outlook 2016 writes 8 bytes here, 4 zero then 4 others (seen in real stores): expected, so info.
    const outlook2016 = rest.length === 8 && rest[0] === 0 && rest[1] === 0 && rest[2] === 0 && rest[3] === 0;
    anomalies.push({
      code: 'TRAILER',
      severity: outlook2016 ? 'info' : 'warning',
      message: outlook2016
        ? 'the 8 bytes Outlook 2016 writes after the tags (not in the format description)'
        : `${rest.length} bytes after the tags that are not decoded${rest.length > MAX_TRAILER_HEX_BYTES ? ` (the trailer shows the first ${MAX_TRAILER_HEX_BYTES})` : ''}`,
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

function formatTagTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.0+)?Z$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO-8601 UTC time with whole seconds: ${iso}`);
  return m.slice(1).join('');
}

function encodeTag(e: TagInput): string {
  return `${OP_CHAR[e.operation]}${CONTENT_CHAR[e.content]}${formatTagTime(e.time)}${encodeUid(e.uid)}`;
}

export function encodeBlob(entries: readonly TagInput[], opts: EncodeOptions = {}): Uint8Array {
  const tags = entries.map((e) => Buffer.from(`${encodeTag(e)}\0`, 'utf8'));
  const header = Buffer.alloc(4);
  header.writeUInt16LE(opts.version ?? BLOB_VERSION, 0);
  header.writeUInt16LE(opts.declaredCount ?? entries.length, 2);
  return new Uint8Array(Buffer.concat([header, ...tags, opts.trailer ?? new Uint8Array(0)]));
}
