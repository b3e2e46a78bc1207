// Opening evidence files. Only regular files are evidence: each is opened read-only (never for
// writing) and non-blocking (a FIFO with no writer must not hang the run), and checked with fstat
// before a byte is read. A path may be raw bytes: a file whose name is not UTF-8 is read like any other.

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** A path as the system knows it: a string, or the raw bytes of a name that is not UTF-8. */
export type EvidencePath = string | Buffer;

/**
 * The path for the report: UTF-8, with each byte that is not part of valid UTF-8 as `\xNN` and,
 * so that such an escape is never read as part of the name, each backslash of the name doubled.
 */
export function displayPath(p: EvidencePath): string {
  if (typeof p === 'string') return p;
  let out = '';
  let i = 0;
  while (i < p.length) {
    // The longest valid UTF-8 run from here, then one escaped byte.
    let j = p.length;
    while (j > i && !isUtf8(p.subarray(i, j))) j--;
    if (j > i) {
      out += p.subarray(i, j).toString('utf8').replace(/\\/g, '\\\\');
      i = j;
    } else {
      out += `\\x${p[i]!.toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** A path that is not a regular file: refused before it is read. */
export class NotAFileError extends Error {
  readonly code = 'NOT_A_FILE';
  constructor(what: string) {
    super(`${what}, not a regular file: only regular files are read as evidence`);
    this.name = 'NotAFileError';
  }
}

/** What a file that is not regular is, in words. */
export function fileType(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Read-only, non-blocking, regular files only. The caller closes the descriptor. */
export function openEvidence(path: EvidencePath): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new NotAFileError(`it is ${fileType(st)}`);
  }
  return { fd, size: st.size };
}

/** Positional reads of `[offset, offset + length)`, short only at the end of the file. */
function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, offset + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

/** The file's size and first `length` bytes. */
export function readHead(path: EvidencePath, length: number): { size: number; head: Uint8Array } {
  const { fd, size } = openEvidence(path);
  try {
    return { size, head: new Uint8Array(readAt(fd, 0, length)) };
  } finally {
    closeSync(fd);
  }
}

/** A whole file that must fit in memory, refused over `limit` bytes before anything is read. */
export function readWhole(path: EvidencePath, limit: number, onTooLarge: (size: number) => Error): Uint8Array {
  const { fd, size } = openEvidence(path);
  try {
    if (size > limit) throw onTooLarge(size);
    return new Uint8Array(readAt(fd, 0, size));
  } finally {
    closeSync(fd);
  }
}

/** sha256File's read buffer, kept: a case hashes a thousand stores of equal size, and a buffer
 * allocated and freed per store leaves the allocator fragments it does not give back. */
let hashBuffer: Buffer | undefined;

/** The sha256 of the file's first `size` bytes: the size the run read it at, however it grows. */
export function sha256File(path: EvidencePath, size: number): string {
  const hash = createHash('sha256');
  const { fd } = openEvidence(path);
  try {
    hashBuffer ??= Buffer.allocUnsafeSlow(1 << 20);
    const buf = hashBuffer;
    for (let pos = 0; pos < size; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
