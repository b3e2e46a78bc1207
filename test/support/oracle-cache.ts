// An oracle's answer for one input, kept by content: the key is the sha256 of the input's bytes, the
// oracle's version and its arguments, so a changed file, tool or question is asked again. Kept under
// the system's temp directory (never beside the evidence, never in the project), shared by runs and
// worktrees, and written whole by a rename, so a reader sees a whole answer or none.
// pffexport -d writes its item dumps a byte per system call (5.8 million calls on one 4 MB store):
// asked once per store's content, not once per run.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = join(tmpdir(), 'pophist-oracle-cache');

/** `compute()`'s JSON-serialisable answer for `file` under `oracle`: its name, version, and the code that asks it and reads its answer. */
export function cachedByContent<T>(oracle: readonly string[], file: string, compute: () => T): T {
  const key = createHash('sha256').update(JSON.stringify(oracle)).update('\0').update(readFileSync(file)).digest('hex');
  const path = join(dir, `${key}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    // Not asked yet (or a half-written file from a run that died: asked again).
  }
  const answer = compute();
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(answer));
  renameSync(partial, path);
  return answer;
}
