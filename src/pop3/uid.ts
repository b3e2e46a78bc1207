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

// Unescaped bytes never outnumber escaped ones, so one buffer, grown when needed, serves every call.
let scratch = Buffer.allocUnsafe(256);
// Shared by every well-formed UID: most calls then allocate only the UID string and the result.
const NO_BAD_ESCAPES: readonly number[] = Object.freeze([]);

/**
 * The UID held in `bytes[start, end)` (escaped UTF-8, as in a tag). Works on bytes, not on text,
 * so that bad-escape offsets are byte offsets and unescaped non-ASCII bytes are kept exactly.
 */
export function decodeUid(bytes: Uint8Array, start = 0, end = bytes.length): DecodedUid {
  if (scratch.length < end - start) scratch = Buffer.allocUnsafe(end - start);
  let badEscapes: number[] | undefined;
  let n = 0;
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
        (badEscapes ??= []).push(i);
      }
    }
    if (c >= 0x80) ascii = false;
    scratch[n++] = c;
  }
  const bad = badEscapes ?? NO_BAD_ESCAPES;
  if (ascii) return { uid: scratch.toString('latin1', 0, n), badEscapes: bad };
  const raw = scratch.subarray(0, n);
  if (isUtf8(raw)) return { uid: raw.toString('utf8'), badEscapes: bad };
  return { uid: raw.toString('utf8'), uidHex: raw.toString('hex'), badEscapes: bad };
}
