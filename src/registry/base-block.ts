// The REGF base block: the first 4096 bytes of a primary hive file (Suhanov, "Windows registry file
// format specification", Base block; libregf, "File header").

import { RegistryFormatError, type RegistryWarnings } from './errors.js';
import { filetimeToDate } from './filetime.js';

export const BASE_BLOCK_SIZE = 4096;

export interface BaseBlock {
  primarySequence: number;
  secondarySequence: number;
  /** Primary and secondary sequence numbers differ: a write was not finished, the logs hold newer data. */
  dirty: boolean;
  lastWritten: Date | undefined;
  major: number;
  minor: number;
  /** 0 for a primary file; a transaction log is 1, 2 or 6. */
  fileType: number;
  /** Of the root key's cell, relative to the first hbin. */
  rootCell: number;
  /** What the header says the hbins occupy. */
  hbinsSize: number;
  /** The file name Windows stored (its last 31 characters), for the report. */
  fileName: string;
}

/** XOR of the first 127 dwords, 0 read as 1 and -1 as -2 (Suhanov, Base block, notes). */
function checksum(b: Buffer): number {
  let x = 0;
  for (let i = 0; i < 508; i += 4) x ^= b.readUInt32LE(i);
  x >>>= 0;
  if (x === 0xffffffff) return 0xfffffffe;
  return x === 0 ? 1 : x;
}

export function readBaseBlock(b: Buffer, warnings: RegistryWarnings): BaseBlock {
  if (b.length < 4 || b.toString('latin1', 0, 4) !== 'regf') {
    throw new RegistryFormatError('NOT_A_HIVE', 'no "regf" signature: this is not a registry hive', 0);
  }
  if (b.length < BASE_BLOCK_SIZE) throw new RegistryFormatError('TRUNCATED', `the file ends at ${b.length} bytes, inside the 4096-byte base block`, b.length);
  const major = b.readUInt32LE(20);
  const minor = b.readUInt32LE(24);
  if (major !== 1 || minor < 2 || minor > 6) {
    throw new RegistryFormatError('UNSUPPORTED_VERSION', `hive format ${major}.${minor} is not one this reader knows (1.2 to 1.6)`, 20);
  }
  const fileType = b.readUInt32LE(28);
  if (fileType !== 0) throw new RegistryFormatError('NOT_A_HIVE', `file type ${fileType}: a transaction log, not a primary hive; give the hive it belongs to`, 28);
  const stored = b.readUInt32LE(508);
  const computed = checksum(b);
  if (stored !== computed) {
    warnings.add({ code: 'CHECKSUM', message: `the base block's checksum is 0x${hex(stored)}, its bytes give 0x${hex(computed)}: the header may be damaged`, offset: 508 });
  }
  const primarySequence = b.readUInt32LE(4);
  const secondarySequence = b.readUInt32LE(8);
  const dirty = primarySequence !== secondarySequence;
  if (dirty) {
    warnings.add({
      code: 'DIRTY',
      message: `the hive is dirty (sequence numbers ${primarySequence} and ${secondarySequence} differ): changes in its transaction logs (.LOG1, .LOG2) were not applied, so recent settings may be missing`,
      offset: 4,
    });
  }
  return {
    primarySequence,
    secondarySequence,
    dirty,
    lastWritten: filetimeToDate(b.readBigUInt64LE(12)),
    major,
    minor,
    fileType,
    rootCell: b.readUInt32LE(36),
    hbinsSize: b.readUInt32LE(40),
    fileName: b.toString('utf16le', 48, 112).replace(/\0.*$/s, ''),
  };
}

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');
