// Property values for the writer: a type from [MS-OXCDATA] 2.11.1 and its bytes as stored.

import iconv from 'iconv-lite';
import { PropType } from '../../src/pst/ltp/proptype.js';

export interface PropValue {
  id: number;
  type: number;
  bytes: Uint8Array;
}

const FILETIME_UNIX_EPOCH = 116444736000000000n;

export const P = {
  unicode: (id: number, s: string): PropValue => ({ id, type: PropType.Unicode, bytes: new Uint8Array(Buffer.from(s, 'utf16le')) }),
  string8: (id: number, s: string, codepage = 1252): PropValue => ({ id, type: PropType.String8, bytes: new Uint8Array(iconv.encode(s, `cp${codepage}`)) }),
  binary: (id: number, b: Uint8Array): PropValue => ({ id, type: PropType.Binary, bytes: b }),
  int32: (id: number, n: number): PropValue => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n | 0);
    return { id, type: PropType.Int32, bytes: new Uint8Array(b) };
  },
  bool: (id: number, v: boolean): PropValue => ({ id, type: PropType.Boolean, bytes: Uint8Array.of(v ? 1 : 0) }),
  time: (id: number, d: Date): PropValue => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(d.getTime()) * 10000n + FILETIME_UNIX_EPOCH);
    return { id, type: PropType.SysTime, bytes: new Uint8Array(b) };
  },
};

/** A string in the store's flavour: UTF-16 in a Unicode file, the code page (Windows-1252 unless
 * given) in an ANSI one. */
export function text(id: number, s: string, ansi: boolean, codepage = 1252): PropValue {
  return ansi ? P.string8(id, s, codepage) : P.unicode(id, s);
}
