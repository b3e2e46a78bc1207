// The file header, [MS-PST] 2.2.2.6, and its ROOT structure, 2.2.2.5.

import { PstFormatError } from './errors.js';
import type { ByteSource } from './source.js';
import { u16, u32, u64 } from './bytes.js';

export type Variant = 'unicode' | 'ansi' | 'unicode-4k';
export type Encryption = 'none' | 'permute' | 'cyclic';

/** A block reference: block id and absolute file offset. [MS-PST] 2.2.2.4 */
export interface BlockRef {
  /** Raw block id; the ndb layer brands it. */
  bid: bigint;
  ib: number;
}

export interface Header {
  variant: Variant;
  encryption: Encryption;
  wVer: number;
  fileEof: number;
  nbt: BlockRef;
  bbt: BlockRef;
  /** ROOT.fAMapValid is 0x01 or 0x02: the allocation maps describe the file. [MS-PST] 2.2.2.5 */
  amapValid: boolean;
}

const MAGIC = 0x4e444221; // "!BDN" little-endian
const HEADER_BYTES = 564;
/** The newest wVer known: 37, a 4 KiB-page OST. A later one may change the layout and is refused. */
const LAST_KNOWN_WVER = 37;

/**
 * Where the fields that differ between ANSI and Unicode lie in the HEADER ([MS-PST] 2.2.2.6,
 * https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/c9876f5a-664b-46a3-9887-ba63f113abf5)
 * and its ROOT (2.2.2.5). Each BREF is a BID then an IB, `idSize` bytes each. The reader and our
 * writer (tools/pstwrite) both take them from here.
 */
export const HEADER_OFFSETS = {
  ansi: { wVer: 14, idSize: 4, root: 164, fileEof: 164 + 4, amapLast: 164 + 8, amapFree: 164 + 12, nbt: 164 + 20, bbt: 164 + 28, amapValid: 164 + 36, crypt: 461 },
  unicode: { wVer: 23, idSize: 8, root: 180, fileEof: 180 + 4, amapLast: 180 + 12, amapFree: 180 + 20, nbt: 180 + 36, bbt: 180 + 52, amapValid: 180 + 68, crypt: 513 },
} as const;

export function readHeader(src: ByteSource): Header {
  if (src.size < 4 || u32(src.read(0, 4), 0) !== MAGIC) {
    throw new PstFormatError('NOT_A_PST', 'no !BDN signature: this is not a PST or OST file', { layer: 'file', offset: 0 });
  }
  if (src.size < 512) {
    throw new PstFormatError('TRUNCATED', `file is ${src.size} bytes, shorter than a PST header`, { layer: 'file', offset: 0 });
  }
  const h = src.read(0, Math.min(HEADER_BYTES, src.size));
  const wVer = u16(h, 10);
  let variant: Variant;
  let nbt: BlockRef;
  let bbt: BlockRef;
  let fileEof: number;
  let cryptOffset: number;
  let amapFlag: number;
  if (wVer === 14 || wVer === 15) {
    const at = HEADER_OFFSETS.ansi;
    variant = 'ansi';
    fileEof = u32(h, at.fileEof);
    nbt = { bid: BigInt(u32(h, at.nbt)), ib: u32(h, at.nbt + 4) };
    bbt = { bid: BigInt(u32(h, at.bbt)), ib: u32(h, at.bbt + 4) };
    cryptOffset = at.crypt;
    amapFlag = h[at.amapValid]!;
  } else if (wVer >= HEADER_OFFSETS.unicode.wVer && wVer <= LAST_KNOWN_WVER) {
    // wVer 36 and 37: Outlook 2013+ OSTs with 4 KiB pages; the header is laid out as in Unicode files.
    const at = HEADER_OFFSETS.unicode;
    variant = wVer === 36 || wVer === 37 ? 'unicode-4k' : 'unicode';
    fileEof = readU64(h, at.fileEof, 'ibFileEof');
    nbt = { bid: u64(h, at.nbt), ib: readU64(h, at.nbt + 8, 'NBT root offset') };
    bbt = { bid: u64(h, at.bbt), ib: readU64(h, at.bbt + 8, 'BBT root offset') };
    cryptOffset = at.crypt;
    amapFlag = h[at.amapValid]!;
  } else {
    throw new PstFormatError('UNSUPPORTED_VARIANT', `unknown file version wVer=${wVer}: not one pophist reads (14 and 15 ANSI, 23 Unicode, 36 and 37 Outlook 2013+ OST)`, { layer: 'file', offset: 10 });
  }
  const crypt = h[cryptOffset];
  const encryption: Encryption | undefined = crypt === 0 ? 'none' : crypt === 1 ? 'permute' : crypt === 2 ? 'cyclic' : undefined;
  if (encryption === undefined) {
    throw new PstFormatError('UNSUPPORTED_ENCRYPTION', `unknown bCryptMethod ${crypt}`, { layer: 'file', offset: cryptOffset });
  }
  return { variant, encryption, wVer, fileEof, nbt, bbt, amapValid: amapFlag === 1 || amapFlag === 2 };
}

function readU64(b: Uint8Array, o: number, what: string): number {
  const v = u64(b, o);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PstFormatError('OUT_OF_RANGE', `${what} ${v} is not a usable file offset`, { layer: 'file', offset: o });
  }
  return Number(v);
}
