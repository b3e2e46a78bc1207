// Which files a run reads, and what each one is: typed by its first bytes, never by its name. Only
// regular files are evidence: each is opened read-only and non-blocking (a FIFO with no writer must
// not hang the run) and checked with fstat before a byte is read. Names are walked as bytes, so a
// file whose name is not UTF-8 is read like any other.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { isCompoundFile } from '../msg/read.js';
import { escapeText } from '../report/escape.js';

export type InputKind = 'pst' | 'ost' | 'msg' | 'unknown';

/** A path as the system knows it: a string, or the raw bytes of a name that is not UTF-8. */
export type EvidencePath = string | Buffer;

const EVIDENCE_EXTENSIONS = new Set(['.pst', '.ost', '.msg']);

/** The path for the report: UTF-8, with each byte that is not part of valid UTF-8 as `\xNN`. */
export function displayPath(p: EvidencePath): string {
  if (typeof p === 'string') return p;
  let out = '';
  let i = 0;
  while (i < p.length) {
    // The longest valid UTF-8 run from here, then one escaped byte.
    let j = p.length;
    while (j > i && !isUtf8(p.subarray(i, j))) j--;
    if (j > i) {
      out += p.subarray(i, j).toString('utf8');
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
  constructor(readonly what: string) {
    super(`${what}, not a regular file: only regular files are read as evidence`);
    this.name = 'NotAFileError';
  }
}

/** What a non-regular file is, in words. */
function fileType(st: Stats): string {
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

export function readPrefix(path: EvidencePath, length: number): Buffer {
  const { fd } = openEvidence(path);
  try {
    return readAt(fd, 0, length);
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

/** `!BDN` then wMagicClient "SO" for an OST, "SM" for a PST ([MS-PST] 2.2.2.6); a compound file is a .msg. */
export function kindOf(head: Uint8Array): InputKind {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 10));
  if (b.subarray(0, 4).toString('latin1') === '!BDN') return b.subarray(8, 10).toString('latin1') === 'SO' ? 'ost' : 'pst';
  if (isCompoundFile(b)) return 'msg';
  return 'unknown';
}

export function sniffKind(path: EvidencePath): InputKind {
  return kindOf(readPrefix(path, 10));
}

export function sha256File(path: EvidencePath): string {
  const hash = createHash('sha256');
  const { fd } = openEvidence(path);
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export interface ExpandedInput {
  path: EvidencePath;
  /** Set when the path cannot be read as evidence at all. */
  error?: { code: string; message: string };
}

export interface SkippedInput {
  path: string;
  why: string;
}

export interface Expansion {
  inputs: ExpandedInput[];
  /** Files in walked directories that are not read, each with why. */
  skipped: SkippedInput[];
  /** Subdirectories not entered because -r was not given. */
  subdirectories: number;
  /** Symbolic links not followed because they lead to a directory already walked. */
  links: number;
}

// yargs drops a lone "-" from an array positional (and hands it to a single one as ""), so main()
// renames it to this, which no real argument can be: it holds a NUL.
export const STDIN_ARG = '\0-';
export const isStdin = (p: string): boolean => p === STDIN_ARG || p === '-' || p === '';

/**
 * Node decodes its arguments as UTF-8 and puts U+FFFD where a byte is not: such an argument is
 * looked up again, as bytes, in /proc/self/cmdline (Linux), so the file it names can be opened.
 */
export function rawArgument(arg: string): EvidencePath {
  if (!arg.includes('\uFFFD')) return arg;
  try {
    const all = readPrefix('/proc/self/cmdline', 1 << 20).toString('latin1').split('\0');
    const hit = all.map((a) => Buffer.from(a, 'latin1')).find((b) => !isUtf8(b) && b.toString('utf8') === arg);
    return hit ?? arg;
  } catch {
    return arg;
  }
}

/** Named files are always taken; in a directory, evidence by extension or signature, in byte order of names. */
export function expandInputs(paths: readonly string[], recursive: boolean): Expansion {
  const out: Expansion = { inputs: [], skipped: [], subdirectories: 0, links: 0 };
  const seen = new Set<string>();
  for (const arg of paths) {
    if (isStdin(arg)) {
      out.inputs.push({
        path: '-',
        error: { code: 'NOT_A_FILE', message: 'standard input cannot be inspected: a PST is read by position, not in one pass; save it to a file and name the file' },
      });
      continue;
    }
    const p = rawArgument(arg);
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      out.inputs.push({ path: p, error: { code: 'UNREADABLE', message: `cannot read the path (${(e as NodeJS.ErrnoException).code ?? String(e)})` } });
      continue;
    }
    if (st.isDirectory()) {
      seen.add(`${st.dev}:${st.ino}`);
      walkDirectory(typeof p === 'string' ? Buffer.from(p) : p, recursive, out, seen);
    } else out.inputs.push({ path: p });
  }
  return out;
}

/** A path joined from bytes: a string again when it is valid UTF-8, so only odd names travel as bytes. */
function pathOf(bytes: Buffer): EvidencePath {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes;
}

function walkDirectory(dir: Buffer, recursive: boolean, out: Expansion, seen: Set<string>): void {
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' }).sort(Buffer.compare);
  } catch (e) {
    out.inputs.push({ path: pathOf(dir), error: { code: 'UNREADABLE', message: `cannot read the directory (${(e as NodeJS.ErrnoException).code ?? String(e)})` } });
    return;
  }
  const sep = dir[dir.length - 1] === 0x2f ? Buffer.alloc(0) : Buffer.from('/');
  for (const name of names) {
    const bytes = Buffer.concat([dir, sep, name]);
    const p = pathOf(bytes);
    const shown = displayPath(p);
    let st: Stats;
    try {
      st = statSync(bytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.skipped.push({ path: shown, why: code === 'ENOENT' || code === 'ELOOP' ? 'a link that leads nowhere' : `cannot stat it (${code ?? String(e)})` });
      continue;
    }
    const key = `${st.dev}:${st.ino}`;
    if (st.isDirectory()) {
      if (!recursive) {
        out.subdirectories++;
        continue;
      }
      if (seen.has(key)) {
        // A link back up the tree (or a second link to one directory): walked once, never again.
        if (lstatSync(bytes).isSymbolicLink()) out.links++;
        else out.skipped.push({ path: shown, why: 'a directory already walked' });
        continue;
      }
      seen.add(key);
      walkDirectory(bytes, recursive, out, seen);
      continue;
    }
    if (!st.isFile()) {
      out.skipped.push({ path: shown, why: `${fileType(st)}, not a regular file` });
      continue;
    }
    if (seen.has(key)) {
      out.skipped.push({ path: shown, why: 'the same file as one already taken (a link)' });
      continue;
    }
    if (st.size === 0) {
      out.skipped.push({ path: shown, why: 'an empty file' });
      continue;
    }
    const kind = EVIDENCE_EXTENSIONS.has(extname(name.toString('latin1')).toLowerCase()) ? undefined : sniffOrWhy(bytes);
    if (kind !== undefined && kind !== 'evidence') {
      out.skipped.push({ path: shown, why: kind });
      continue;
    }
    seen.add(key);
    out.inputs.push({ path: p });
  }
}

/** 'evidence' by signature, or why the file is skipped. */
function sniffOrWhy(p: Buffer): string {
  try {
    return sniffKind(p) === 'unknown' ? 'not a PST, OST or MSG file (no !BDN or compound-file signature)' : 'evidence';
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}

/** One line of the end-of-run summary's skipped part, escaped for the terminal. */
export function skippedLine(s: SkippedInput): string {
  return `skipped ${escapeText(s.path)}: ${s.why}`;
}
