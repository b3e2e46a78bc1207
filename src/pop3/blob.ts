// The POP3 download history blob (Microsoft, "Parsing the message download history for a POP3
// account", https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/parsing-the-message-download-history-for-a-pop3-account): u16 version (3), u16 count, then `count` NUL-terminated UTF-8 tags
// `O c yyyyMMddHHmmss uid`. Decoding never throws on content: it returns every tag it can read
// and an anomaly, with its byte offset, for everything that is not as documented.

import { isAscii, isUtf8 } from 'node:buffer';
import { decodeUid, encodeUid, unescapeAsciiUid } from './uid.js';

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

// Hard limits (docs/limits.md). The count is a 16-bit field, so a real blob holds at most 65,535
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

/** Whether the tag's "yyyyMMddHHmmss" (at character `b + 2` of `s`) is a real instant. */
function realTime(s: string, b: number): boolean {
  const c = twoDigits(s, b + 2);
  const y = twoDigits(s, b + 4);
  const mo = twoDigits(s, b + 6);
  const d = twoDigits(s, b + 8);
  const h = twoDigits(s, b + 10);
  const mi = twoDigits(s, b + 12);
  const sec = twoDigits(s, b + 14);
  if (c < 0 || y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return false;
  const year = c * 100 + y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return year >= 1 && d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!);
}

// Where each character of the ISO-8601 form comes from: a digit of "yyyyMMddHHmmss" (its index
// from the tag's start), or, negated, a separator's code.
const ISO_FROM = [2, 3, 4, 5, -0x2d, 6, 7, -0x2d, 8, 9, -0x54, 10, 11, -0x3a, 12, 13, -0x3a, 14, 15, -0x5a];
const ISO_LENGTH = ISO_FROM.length;

/** What a tag whose text is not the blob's own latin1 slice (not ASCII) or whose UID needed the full decoding keeps. */
interface OddTag {
  text?: string;
  tagHex?: string;
  uid?: string;
  uidHex?: string;
}

/**
 * The accepted tags of one blob, kept as numbers until the end, then made into entries whose
 * strings are slices: the tag and the time and UID as written of the blob's latin1 text, the
 * ISO-8601 time and the unescaped UID of two strings made once for the whole blob. A string per tag
 * for those two would cost a native call or a copy each, and 24–32 more bytes a tag for the
 * collector to copy (65,535 tags: 2 MB).
 */
class AcceptedTags {
  private count = 0;
  private readonly index: Int32Array;
  private readonly at: Int32Array;
  private readonly stop: Int32Array;
  private readonly op: Uint8Array;
  private readonly content: Uint8Array;
  /** Where the tag's unescaped UID starts in `uids`; -1 when it is the UID as written (no escapes). */
  private readonly uidAt: Int32Array;
  private readonly uidLength: Int32Array;
  private readonly times: Buffer;
  private readonly uids: Buffer;
  private uidEnd = 0;
  private readonly odd = new Map<number, OddTag>();

  constructor(maxTags: number, blobBytes: number) {
    this.index = new Int32Array(maxTags);
    this.at = new Int32Array(maxTags);
    this.stop = new Int32Array(maxTags);
    this.op = new Uint8Array(maxTags);
    this.content = new Uint8Array(maxTags);
    this.uidAt = new Int32Array(maxTags);
    this.uidLength = new Int32Array(maxTags);
    this.times = Buffer.allocUnsafe(maxTags * ISO_LENGTH);
    this.uids = Buffer.allocUnsafe(blobBytes);
  }

  /**
   * Unescapes the ASCII UID in `view[start, end)` after the UIDs already kept; its length, or -1
   * when it is not clean ASCII once unescaped (nothing is kept then).
   */
  unescapeUid(view: Buffer, start: number, end: number): number {
    return unescapeAsciiUid(view, start, end, this.uids, this.uidEnd);
  }

  /**
   * Keeps the tag at `[at, stop)` whose text is `s` from `b` (operation, content and time already
   * checked). `uidLength` is that of the UID unescaped by `unescapeUid` just before, or -1 when the
   * UID is as written or in `odd`.
   */
  add(index: number, at: number, stop: number, s: string, b: number, uidLength: number, odd: OddTag | undefined): void {
    const k = this.count++;
    this.index[k] = index;
    this.at[k] = at;
    this.stop[k] = stop;
    this.op[k] = s.charCodeAt(b);
    this.content[k] = s.charCodeAt(b + 1);
    for (let i = 0, t = k * ISO_LENGTH; i < ISO_LENGTH; i++, t++) {
      const from = ISO_FROM[i]!;
      this.times[t] = from < 0 ? -from : s.charCodeAt(b + from);
    }
    this.uidAt[k] = uidLength < 0 ? -1 : this.uidEnd;
    this.uidLength[k] = uidLength;
    if (uidLength > 0) this.uidEnd += uidLength;
    if (odd) this.odd.set(k, odd);
  }

  entries(latin1: string): BlobEntry[] {
    const times = this.times.toString('latin1', 0, this.count * ISO_LENGTH);
    const uids = this.uids.toString('latin1', 0, this.uidEnd);
    // Sized once: grown entry by entry it would be copied a dozen times.
    const entries = new Array<BlobEntry>(this.count);
    for (let k = 0; k < this.count; k++) {
      const odd = this.odd.get(k);
      const at = this.at[k]!;
      const tag = odd?.text ?? latin1.slice(at, this.stop[k]);
      const encodedUid = tag.slice(TAG_HEAD);
      const uidAt = this.uidAt[k]!;
      const entry: BlobEntry = {
        index: this.index[k]!,
        offset: at,
        tag,
        operation: OPERATIONS[this.op[k]!]!,
        content: CONTENTS[this.content[k]!]!,
        time: times.slice(k * ISO_LENGTH, (k + 1) * ISO_LENGTH),
        timeRaw: tag.slice(2, TAG_HEAD),
        uid: odd?.uid ?? (uidAt < 0 ? encodedUid : uids.slice(uidAt, uidAt + this.uidLength[k]!)),
        encodedUid,
      };
      if (odd?.tagHex !== undefined) entry.tagHex = odd.tagHex;
      if (odd?.uidHex !== undefined) entry.uidHex = odd.uidHex;
      entries[k] = entry;
    }
    return entries;
  }
}

/** Whether `bytes[start, end)` holds a "$" (an escape). */
function hasDollar(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 0x24) return true;
  return false;
}

/**
 * Checks the tag in `[at, stop)`, keeps it in `kept` when it is accepted, and pushes its anomalies
 * onto `out`. `latin1` is the whole blob read as latin1, one character per byte: an ASCII tag (every
 * tag Outlook writes) is read from it where it stands, with no per-tag decoder call or byte view,
 * which is what keeps a 65,535-tag blob fast. Structural faults (length, operation, content, date)
 * skip the tag; UID and encoding faults keep it. Once the operation, content and date are accepted
 * they are 16 ASCII bytes, so the UID starts at byte `at + 16`.
 */
function parseTag(view: Buffer, latin1: string, asciiBlob: boolean, at: number, stop: number, index: number, out: Anomaly[], kept: AcceptedTags): void {
  const ascii = asciiBlob || !NON_ASCII.test(latin1.slice(at, stop));
  // The tag's text is `s` from `b`: the blob's own latin1 when ASCII, else the tag decoded as UTF-8.
  let s = latin1;
  let b = at;
  let length = stop - at;
  // Made only for a tag that needs strings of its own: never for one Outlook wrote.
  let odd: OddTag | undefined;
  if (!ascii) {
    const bytes = view.subarray(at, stop);
    s = bytes.toString('utf8');
    odd = { text: s };
    b = 0;
    length = s.length;
    if (!isUtf8(bytes)) {
      odd.tagHex = bytes.toString('hex');
      out.push({ code: 'INVALID_UTF8', severity: 'warning', message: `tag ${index} is not valid UTF-8; its bytes are kept as hex`, offset: at });
    }
  }
  if (length < TAG_HEAD) {
    out.push({ code: 'SHORT_TAG', severity: 'error', message: `tag ${index} has ${length} characters, fewer than the 16 of operation, content and time`, offset: at });
    return;
  }
  if (!OPERATIONS[s.charCodeAt(b)]) {
    out.push({ code: 'BAD_OPERATION', severity: 'error', message: `tag ${index} has unknown operation ${JSON.stringify(String.fromCodePoint(s.codePointAt(b)!))}`, offset: at });
    return;
  }
  if (!CONTENTS[s.charCodeAt(b + 1)]) {
    out.push({ code: 'BAD_CONTENT', severity: 'error', message: `tag ${index} has unknown content ${JSON.stringify(String.fromCodePoint(s.codePointAt(b + 1)!))}`, offset: at + 1 });
    return;
  }
  if (!realTime(s, b)) {
    out.push({ code: 'BAD_DATE', severity: 'error', message: `tag ${index} has an impossible date ${JSON.stringify(s.slice(b + 2, b + TAG_HEAD))}`, offset: at + 2 });
    return;
  }
  const uidAt = at + TAG_HEAD;
  // An ASCII UID without escapes is its own decoding, and one with valid escapes costs only its
  // bytes; anything else goes through the full decoding, which says what is wrong.
  let uidLength = -1; // unescaped into `kept`; -1: the UID as written, or decoded into `odd`
  let fullDecoding = !ascii;
  if (ascii && hasDollar(view, uidAt, stop)) {
    uidLength = kept.unescapeUid(view, uidAt, stop);
    fullDecoding = uidLength < 0;
  }
  let uidChars = uidLength >= 0 ? uidLength : length - TAG_HEAD;
  if (fullDecoding) {
    const d = decodeUid(view, uidAt, stop);
    odd ??= {};
    odd.uid = d.uid;
    uidChars = d.uid.length;
    if (d.uidHex !== undefined) odd.uidHex = d.uidHex;
    for (const e of d.badEscapes) out.push({ code: 'BAD_ESCAPE', severity: 'warning', message: `tag ${index} has a "$" not followed by two hex digits; kept as is`, offset: e });
    // A tag already reported as invalid UTF-8 is not reported again for its UID.
    if (d.uidHex !== undefined && odd.tagHex === undefined) out.push({ code: 'INVALID_UTF8', severity: 'warning', message: `UID of tag ${index} is not valid UTF-8 once unescaped; its bytes are kept as hex`, offset: uidAt });
  }
  if (length === TAG_HEAD) out.push({ code: 'EMPTY_UID', severity: 'warning', message: `tag ${index} has no UID`, offset: uidAt });
  else if (uidChars > MAX_UID_LENGTH) {
    out.push({
      code: 'LIMIT',
      severity: 'warning',
      message: `UID of tag ${index} is ${uidChars} characters, longer than the ${MAX_UID_LENGTH} of RFC 1939 (limit: UID length); kept whole, cut in the table`,
      offset: uidAt,
    });
  }
  kept.add(index, at, stop, s, b, uidLength, odd);
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
  if (bytes.length < 4) {
    anomalies.push({ code: 'TOO_SHORT', severity: 'error', message: `blob is ${bytes.length} bytes, shorter than its 4-byte header`, offset: 0 });
    return { version: bytes.length >= 2 ? bytes[0]! | (bytes[1]! << 8) : undefined, entries: [], anomalies };
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

  // Every tag takes at least a byte, and at most EXTRA_TAG_MARGIN follow the declared ones.
  const kept = new AcceptedTags(Math.min(declaredCount + EXTRA_TAG_MARGIN, bytes.length - 4), bytes.length);
  let o = 4;
  let index = 0;
  for (; index < declaredCount && o < bytes.length; index++) {
    const stop = tagStop(latin1, o);
    if (stop === bytes.length) anomalies.push({ code: 'MISSING_NUL', severity: 'warning', message: `tag ${index} runs to the end of the blob without its NUL`, offset: stop });
    parseTag(view, latin1, asciiBlob, o, stop, index, anomalies, kept);
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
    parseTag(view, latin1, asciiBlob, o, stop, index++, anomalies, kept);
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
  return { version, declaredCount, entries: kept.entries(latin1), ...(trailer !== undefined ? { trailer } : {}), anomalies };
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
