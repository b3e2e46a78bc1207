// Decoding a history blob (see blob.ts for its layout). Decoding never throws on content: it
// returns every tag it can read and an anomaly, with its byte offset, for everything that is not
// as documented.

import { isAscii, isUtf8 } from 'node:buffer';
import { AcceptedTags, type OddTag } from './accepted-tags.js';
import { BLOB_VERSION, EXTRA_TAG_MARGIN, MAX_TRAILER_HEX_BYTES, MAX_UID_LENGTH, OPERATIONS, CONTENTS, TAG_HEAD, type BlobAnomaly, type DecodedBlob } from './blob.js';
import { decodeUid } from './uid-escape.js';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const NON_ASCII = /[\x80-\xff]/;


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
function parseTag(view: Buffer, latin1: string, asciiBlob: boolean, at: number, stop: number, index: number, out: BlobAnomaly[], kept: AcceptedTags): void {
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
// trailer (docs/format.md §3.3). Outlook 2016's 8 bytes start with a NUL, so they are never taken for a tag.
const TAG_SHAPE = /^[+\-&][ hb]\d{14}[0-9A-Za-z$]*$/;

function looksLikeTag(latin1: string, at: number, stop: number): boolean {
  return stop < latin1.length && TAG_SHAPE.test(latin1.slice(at, stop));
}

export function decodeBlob(bytes: Uint8Array): DecodedBlob {
  const anomalies: BlobAnomaly[] = [];
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
