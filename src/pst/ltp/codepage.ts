// 8-bit strings (PT_STRING8, [MS-OXCDATA] 2.11.1) are in the code page of the machine that wrote
// them: the one a message declares (PidTagMessageCodepage, else PidTagInternetCodepage, [MS-OXCMSG]
// 2.2.1.4), else the store's, else Windows-1252. iconv-lite decodes them: Node's TextDecoder reads
// "windows-1252" as Latin-1 (0x80 as U+0080, not €). Pure-ASCII strings, nearly all of them, skip it.

import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import type * as Iconv from 'iconv-lite';

export const WINDOWS_1252 = 1252;
const UTF8 = 65001;

/** Declared code pages read as another, as the WHATWG Encoding Standard does for mail: us-ascii and
 * iso-8859-1 are windows-1252, iso-8859-9 is windows-1254 (the Windows pages are supersets). */
const READ_AS: ReadonlyMap<number, number> = new Map([
  [20127, 1252],
  [28591, 1252],
  [28599, 1254],
]);

// Loaded on the first string that is not ASCII: most runs never need its tables.
let iconv: typeof Iconv | undefined;
const loadIconv = (): typeof Iconv => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv);

const known = new Map<number, string | undefined>();

/** iconv-lite's name for a Windows code page, or undefined when it has none. Windows-1252 and
 * UTF-8 are known without loading it. */
function encodingName(codepage: number): string | undefined {
  if (codepage === WINDOWS_1252 || codepage === UTF8) return `cp${codepage}`;
  if (known.has(codepage)) return known.get(codepage);
  const name = `cp${codepage}`;
  const found = Number.isInteger(codepage) && codepage > 0 && loadIconv().encodingExists(name) ? name : undefined;
  known.set(codepage, found);
  return found;
}

/** The code page strings are read in: the first of the declared ones (message, then store) that can
 * be decoded, else Windows-1252. */
export function resolveCodepage(...declared: (number | undefined)[]): number {
  for (const d of declared) {
    if (d === undefined) continue;
    const cp = READ_AS.get(d) ?? d;
    if (encodingName(cp) !== undefined) return cp;
  }
  return WINDOWS_1252;
}

/** Buffer's own one-byte-per-character copy, called on the bytes in place: making a Buffer view of
 * each string first cost as much again as the decoding. */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;

/** An 8-bit string's bytes in `codepage` (one resolveCodepage gave; another is read as Windows-1252). */
export function decodeString8(bytes: Uint8Array, codepage: number): string {
  if (isAscii(bytes)) return latin1Slice.call(bytes, 0, bytes.length);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (codepage === UTF8) return view.toString('utf8');
  return loadIconv().decode(view, encodingName(codepage) ?? 'cp1252');
}
