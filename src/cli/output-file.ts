// A report file is never written in place: every check is made before anything is opened (not next
// to evidence, not over an input however named or found, not over an existing file unless --force),
// the text goes to a new temporary file beside the target, and only a whole report is renamed into
// place. A run that fails or is interrupted removes its temporary files, so no truncated report is
// ever left looking complete.

import { closeSync, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileType, kindOf, readHead } from '../analysis/index.js';
import { UsageError } from './errors.js';

/** An input as the system knows it: what an output must never be, whatever its name. */
export interface InputIdentity {
  /** `dev:ino` of the file. */
  id: string;
  shown: string;
}

export const identityOf = (st: Stats): string => `${st.dev}:${st.ino}`;

/** An output the run writes: where it goes and the temporary file that holds it until the end. */
export interface PlannedFile {
  target: string;
  flag: string;
  force: boolean;
  forceFlag: string;
}

/** "no space left on device (ENOSPC)" from a system error, or its message. */
export function systemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^([A-Z0-9]+): ([^,]+)/.exec(err.message ?? '');
  if (m && err.code === m[1]) return `${m[2]} (${m[1]})`;
  return err.code ?? String(err.message ?? e);
}

function stat(p: string, follow: boolean): Stats | undefined {
  try {
    return follow ? statSync(p) : lstatSync(p);
  } catch {
    return undefined;
  }
}

const realOrResolved = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

const within = (dir: string, p: string): boolean => {
  const rel = relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

const refuse = (output: string, why: string): UsageError => new UsageError(`refusing to write ${output}: ${why}`);

/**
 * Every reason `output` may not be written, checked before any output is opened: `named` are the
 * paths the user gave (their directories are evidence), `inputs` every file the run will read.
 */
export function planFile(output: string, flag: string, force: boolean, named: readonly string[], inputs: readonly InputIdentity[], forceFlag = '--force'): PlannedFile {
  if (output === '') throw new UsageError(`${flag} needs a file name`);
  const link = stat(output, false);
  const st = stat(output, true);
  if (link?.isSymbolicLink() && !st) throw refuse(output, 'it is a symbolic link to nothing, which would create a file wherever it points; write the output elsewhere');
  const input = st && inputs.find((i) => i.id === identityOf(st));
  if (input) throw refuse(output, `it is the input ${input.shown} (the same file), and evidence is never written over; write the output elsewhere`);
  const dir = dirname(resolve(output));
  const dirStat = stat(dir, true);
  if (!dirStat) throw new UsageError(`${flag} ${output}: no such directory ${dir}`);
  if (!dirStat.isDirectory()) throw new UsageError(`${flag} ${output}: ${dir} is not a directory`);
  // Where the name lies, and where a symbolic link in its place points: neither may be next to evidence.
  const places = [join(realOrResolved(dir), basename(output)), ...(st ? [realOrResolved(output)] : [])];
  for (const input of named) {
    const real = realOrResolved(input);
    const evidenceDir = stat(real, true)?.isDirectory() ? real : dirname(real);
    if (places.some((p) => within(evidenceDir, p))) throw refuse(output, `it is inside ${evidenceDir}, the directory of the input ${input}, and evidence is never written next to; write the output elsewhere`);
  }
  if (st) {
    if (st.isDirectory()) throw new UsageError(`${flag} ${output}: is a directory; name a file to write`);
    if (!st.isFile()) throw refuse(output, `it is ${fileType(st)}, not a regular file; ${flag} writes a new file (redirect standard output to write to a device or a pipe)`);
    const kind = evidenceKind(output);
    if (kind) throw refuse(output, `it is ${kind} file, and evidence is never written over, even with ${forceFlag}; write the output elsewhere`);
    if (!force) throw refuse(output, `it exists; give ${forceFlag} to replace it, or another name`);
  }
  return { target: output, flag, force, forceFlag };
}

const KIND_NAMES = { pst: 'a PST', ost: 'an OST', msg: 'an Outlook .msg (compound)' } as const;

/** 'a PST' when the file's first bytes say it is evidence. */
function evidenceKind(p: string): string | undefined {
  try {
    const kind = kindOf(readHead(p, 10).head);
    return kind && KIND_NAMES[kind];
  } catch {
    return undefined;
  }
}

/** Temporary files not yet renamed into place: removed should the run fail or be interrupted. */
const pending = new Set<string>();

/** A new temporary file beside the target, opened for writing only if it did not exist. */
export function openTemporary(plan: PlannedFile): { fd: number; temp: string } {
  const temp = join(dirname(plan.target), `.${basename(plan.target)}.pophist-${process.pid}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    pending.add(temp);
    return { fd, temp };
  } catch (e) {
    throw new UsageError(`cannot write ${plan.target}: ${systemReason(e)}`);
  }
}

/**
 * The whole report into place. Without --force the name is taken only if still free (a hard link
 * fails on an existing name, unlike rename), so a file made during the run is never replaced.
 */
export function commitTemporary(plan: PlannedFile, temp: string): void {
  try {
    if (plan.force) renameSync(temp, plan.target);
    else {
      try {
        linkSync(temp, plan.target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A file system without hard links: the name was free a moment ago.
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
        if (stat(plan.target, false)) throw Object.assign(new Error('EEXIST: file already exists'), { code: 'EEXIST' });
        renameSync(temp, plan.target);
      }
    }
  } catch (e) {
    discardTemporary(temp);
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw refuse(plan.target, `it was created while the report was being made; give ${plan.forceFlag} to replace it, or another name`);
    throw new UsageError(`cannot write ${plan.target}: ${systemReason(e)}`);
  }
  discardTemporary(temp);
}

function discardTemporary(temp: string): void {
  pending.delete(temp);
  try {
    unlinkSync(temp);
  } catch {
    // Already renamed away, or never made.
  }
}

/** Removes every temporary file of the run: it failed or was interrupted, and no partial report stays. */
export function discardPendingOutputs(): void {
  for (const temp of [...pending]) discardTemporary(temp);
}

/** A report made whole in memory (ls): written to a temporary file beside the target, then into place. */
export function writeWholeFile(plan: PlannedFile, text: string): void {
  writeWholeFiles([{ plan, text: [text] }]);
}

/** Reports written in pieces (case and its CSV files): each to a temporary file, then all into place. */
export function writeWholeFiles(files: readonly { plan: PlannedFile; text: Iterable<string> }[]): void {
  const temps = files.map(({ plan, text }) => {
    const { fd, temp } = openTemporary(plan);
    try {
      for (const piece of text) {
        const bytes = Buffer.from(piece);
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      }
      fsyncSync(fd);
    } catch (e) {
      discardPendingOutputs();
      throw new UsageError(`cannot write ${plan.target}: ${systemReason(e)}`);
    } finally {
      closeQuietly(fd);
    }
    return temp;
  });
  files.forEach(({ plan }, k) => commitTemporary(plan, temps[k]!));
}

/** Closes a descriptor whose stream may already have closed it. */
export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // EBADF: closed already.
  }
}
