// The environment to run pffexport -d in: with buffered-write.c LD_PRELOADed, its byte-per-call
// writes go out in 64 KiB pieces (the same files; a 4 MB store's export 0.2 s of CPU, not 10).
// Built once per content of the C file, under the temp directory; where there is no C compiler
// pffexport runs as it is, only slower.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

let built: string | null | undefined;

export function bufferedWriteEnv(): NodeJS.ProcessEnv {
  built ??= build();
  return built === null ? process.env : { ...process.env, LD_PRELOAD: built };
}

function build(): string | null {
  const source = join(repoRoot, 'test/support/buffered-write.c');
  const key = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'pophist-oracle-cache');
  const lib = join(dir, `buffered-write-${key}.so`);
  if (existsSync(lib)) return lib;
  mkdirSync(dir, { recursive: true });
  const partial = `${lib}.${process.pid}.partial`;
  try {
    execFileSync('cc', ['-O2', '-shared', '-fPIC', '-o', partial, source, '-ldl'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  renameSync(partial, lib);
  return lib;
}
