// Which files an inspect run reads, and what each one is: typed by its first bytes, never by its
// name. Files are opened read-only.

import { closeSync, constants, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { kindOf } from '../pop3/index.js';

export type InputKind = 'pst' | 'ost' | 'msg' | 'unknown';

const EVIDENCE_EXTENSIONS = new Set(['.pst', '.ost', '.msg']);

function readPrefix(path: string, length: number): Buffer {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** What the file is, by its first bytes. */
function sniffKind(path: string): InputKind {
  return kindOf(readPrefix(path, 10)) ?? 'unknown';
}

export interface ExpandedInput {
  path: string;
  /** Set when the path could not even be listed or stat'ed. */
  error?: string;
}

/** Named files are always taken; in a directory, evidence by extension or signature, sorted by name. */
export function expandInputs(paths: readonly string[], recursive: boolean): ExpandedInput[] {
  const out: ExpandedInput[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      out.push({ path: p, error: (e as NodeJS.ErrnoException).code ?? String(e) });
      continue;
    }
    if (isDir) walkDirectory(p, recursive, out);
    else out.push({ path: p });
  }
  return out;
}

function walkDirectory(dir: string, recursive: boolean, out: ExpandedInput[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    out.push({ path: dir, error: (e as NodeJS.ErrnoException).code ?? String(e) });
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // vanished or a dangling link: not evidence we were asked for by name
    }
    if (st.isDirectory()) {
      if (recursive) walkDirectory(p, recursive, out);
    } else if (st.isFile() && (EVIDENCE_EXTENSIONS.has(extname(name).toLowerCase()) || sniffOrUnknown(p) !== 'unknown')) {
      out.push({ path: p });
    }
  }
}

function sniffOrUnknown(p: string): InputKind {
  try {
    return sniffKind(p);
  } catch {
    return 'unknown';
  }
}
