// Files pophist writes (an HTML report, an output named by the user): never inside an evidence
// directory, so that an analysis never adds a file next to the evidence it read.

import { closeSync, constants, openSync, realpathSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

/** The real directory a path's file would live in; a missing directory is the user's to create. */
function realDirOf(path: string, flag: string): string {
  const dir = dirname(resolve(path));
  try {
    return realpathSync(dir);
  } catch (e) {
    throw new UsageError(`${flag}: cannot write to ${path}: its directory ${dir} cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The directories evidence was read from: a directory input itself, a file input's directory. */
function evidenceDirs(inputs: readonly string[]): string[] {
  const dirs: string[] = [];
  for (const input of inputs) {
    try {
      const real = realpathSync(input);
      dirs.push(statSync(real).isDirectory() ? real : dirname(real));
    } catch {
      // An input that cannot be resolved is reported as unreadable by the inspection; it holds nothing to protect.
    }
  }
  return dirs;
}

const inside = (dir: string, root: string): boolean => {
  const rel = relative(root, dir);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/**
 * Throws a usage error when `path` would be written inside a directory holding evidence (or below
 * a directory input), through symbolic links too. `flag` names the option in the message.
 */
export function refuseEvidenceOutput(path: string, inputs: readonly string[], flag: string): void {
  const dir = realDirOf(path, flag);
  for (const root of evidenceDirs(inputs)) {
    if (inside(dir, root)) throw new UsageError(`${flag}: refusing to write ${path} inside ${root}, which holds evidence; choose a path outside it`);
  }
}

const BATCH = 1 << 20;

// A symbolic link as the file itself could point anywhere, evidence included: never followed.
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** Writes the pieces to `path` (created or truncated) in batches of about a MiB: never one string. */
export function writeFileChunks(path: string, pieces: Iterable<string>, flag: string): void {
  let fd: number;
  try {
    fd = openSync(path, CREATE, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`${flag}: cannot write ${path} (${code === 'ELOOP' ? 'it is a symbolic link' : code})`);
  }
  try {
    let batch = '';
    for (const piece of pieces) {
      batch += piece;
      if (batch.length >= BATCH) {
        writeSync(fd, batch);
        batch = '';
      }
    }
    if (batch.length > 0) writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
}
