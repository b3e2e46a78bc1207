// Which files a run reads: named files, and in directories the evidence by extension or signature.
// Names are walked as bytes, so a file whose name is not UTF-8 is read like any other; every file
// not taken is named with why, and a link back up the tree is followed once.

import { isUtf8 } from 'node:buffer';
import { lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { extname } from 'node:path';
import { displayPath, fileType, kindOf, readHead, type EvidenceInput, type EvidencePath } from '../analysis/index.js';
import { escapeText } from '../report/index.js';

const EVIDENCE_EXTENSIONS = new Set(['.pst', '.ost', '.msg']);

/** What the file is, by its first bytes. */
function sniffKind(path: EvidencePath): 'pst' | 'ost' | 'msg' | undefined {
  return kindOf(readHead(path, 10).head);
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
    const all = Buffer.from(readFileSync('/proc/self/cmdline')).toString('latin1').split('\0');
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

/** What inspectEvidence takes for a path: a string, or the raw bytes of one that is not UTF-8. */
export function evidenceInput(p: EvidencePath): EvidenceInput {
  return typeof p === 'string' ? p : { rawPath: p };
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
    return sniffKind(p) === undefined ? 'not a PST, OST or MSG file (no !BDN or compound-file signature)' : 'evidence';
  } catch (e) {
    return `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}

/** One line of the end-of-run summary's skipped part, escaped for the terminal. */
export function skippedLine(s: SkippedInput): string {
  return `skipped ${escapeText(s.path)}: ${s.why}`;
}
