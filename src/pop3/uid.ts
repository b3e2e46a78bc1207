// The UID escaping of the POP3 history: every byte of the UTF-8 UID that is not an ASCII letter or
// digit is written `$` + two hex digits (`-` → `$2d`). Decoding accepts either case of hex.

const HEX = '0123456789abcdef';

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

export function encodeUid(uid: string): string {
  let out = '';
  for (const b of Buffer.from(uid, 'utf8')) out += isAlnum(b) ? String.fromCharCode(b) : `$${HEX[b >> 4]}${HEX[b & 15]}`;
  return out;
}

export interface DecodedUid {
  uid: string;
  /** Set when the unescaped bytes are not valid UTF-8: the bytes, as hex. */
  uidHex?: string;
  /** Offsets (within the encoded text) of `$` not followed by two hex digits; kept literally. */
  badEscapes: number[];
}

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export function decodeUid(encoded: string): DecodedUid {
  // Fast path: nothing escaped.
  if (!encoded.includes('$')) return { uid: encoded, badEscapes: [] };
  const bytes: number[] = [];
  const badEscapes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c === 0x24) {
      const hi = i + 2 < encoded.length ? hexValue(encoded.charCodeAt(i + 1)) : -1;
      const lo = i + 2 < encoded.length ? hexValue(encoded.charCodeAt(i + 2)) : -1;
      if (hi >= 0 && lo >= 0) {
        bytes.push((hi << 4) | lo);
        i += 2;
        continue;
      }
      badEscapes.push(i);
    }
    if (c < 0x80) {
      bytes.push(c);
      continue;
    }
    // Unescaped non-ASCII (not written by Outlook): keep it as its UTF-8 bytes.
    const cp = encoded.codePointAt(i)!;
    if (cp > 0xffff) i++;
    bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
  }
  const raw = Uint8Array.from(bytes);
  try {
    return { uid: strictUtf8.decode(raw), badEscapes };
  } catch {
    return { uid: lenientUtf8.decode(raw), uidHex: Buffer.from(raw).toString('hex'), badEscapes };
  }
}
