// The UID escaping of the POP3 history: every byte of the UTF-8 UID that is not an ASCII letter or
// digit is written `$` + two hex digits (`-` → `$2d`). Decoding accepts either case of hex.

import { isUtf8 } from 'node:buffer';

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

// What each byte becomes once encoded; a table so that encoding a large fixture does no formatting.
const ENCODED_BYTE = Array.from({ length: 256 }, (_, b) => (isAlnum(b) ? String.fromCharCode(b) : `$${b.toString(16).padStart(2, '0')}`));

export function encodeUid(uid: string): string {
  let out = '';
  for (const b of Buffer.from(uid, 'utf8')) out += ENCODED_BYTE[b];
  return out;
}

export interface DecodedUid {
  uid: string;
  /** Set when the unescaped bytes are not valid UTF-8: the bytes, as hex. */
  uidHex?: string;
  /** Offsets, in the same byte array as the input, of each `$` not followed by two hex digits (kept literally). */
  badEscapes: readonly number[];
}

// Value of each byte as a hex digit, -1 when it is not one.
const HEX_VALUE = Int8Array.from({ length: 256 }, (_, c) =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1,
);

// One unescaping at a time, into shared state: unescaped bytes never outnumber escaped ones, so one
// buffer, grown when needed, serves every decodeUid call.
const unescaped = { bytes: Buffer.allocUnsafe(256), ascii: true, badEscapes: [] as number[] };

/** Unescapes `bytes[start, end)` into `out` from `at`; returns the count written and sets `unescaped.ascii` and `.badEscapes`. */
function unescape(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  if (unescaped.badEscapes.length > 0) unescaped.badEscapes.length = 0;
  let n = at;
  let ascii = true;
  for (let i = start; i < end; i++) {
    let c = bytes[i]!;
    if (c === 0x24) {
      const hi = i + 2 < end ? HEX_VALUE[bytes[i + 1]!]! : -1;
      const lo = hi >= 0 ? HEX_VALUE[bytes[i + 2]!]! : -1;
      if (lo >= 0) {
        c = (hi << 4) | lo;
        i += 2;
      } else {
        unescaped.badEscapes.push(i);
      }
    }
    if (c >= 0x80) ascii = false;
    out[n++] = c;
  }
  unescaped.ascii = ascii;
  return n - at;
}

/**
 * Unescapes the UID held in `bytes[start, end)` into `out` from `at` when it unescapes cleanly to
 * ASCII, as every UID Outlook writes does, and returns its length; otherwise returns -1 (what it
 * wrote is then to be overwritten), and `decodeUid` says what is wrong. `out` has room for
 * `end - start` bytes from `at`: unescaped bytes never outnumber escaped ones.
 */
export function unescapeAsciiUid(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  const n = unescape(bytes, start, end, out, at);
  return unescaped.ascii && unescaped.badEscapes.length === 0 ? n : -1;
}

/**
 * The UID held in `bytes[start, end)` (escaped UTF-8, as in a tag). Works on bytes, not on text,
 * so that bad-escape offsets are byte offsets and unescaped non-ASCII bytes are kept exactly.
 */
export function decodeUid(bytes: Uint8Array, start = 0, end = bytes.length): DecodedUid {
  if (unescaped.bytes.length < end - start) unescaped.bytes = Buffer.allocUnsafe(end - start);
  const n = unescape(bytes, start, end, unescaped.bytes, 0);
  const badEscapes = [...unescaped.badEscapes];
  const raw = unescaped.bytes.subarray(0, n);
  if (unescaped.ascii) return { uid: raw.toString('latin1'), badEscapes };
  if (isUtf8(raw)) return { uid: raw.toString('utf8'), badEscapes };
  return { uid: raw.toString('utf8'), uidHex: raw.toString('hex'), badEscapes };
}
