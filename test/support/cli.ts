// Runs the built CLI (bin/pophist) as a user would, in a child process.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** With `timeoutMs`, a run still going then is killed and throws: a hang fails the test instead of the suite. */
export function runCli(args: string[], opts: { input?: string | Uint8Array; cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/pophist'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input,
    timeout: opts.timeoutMs,
    killSignal: 'SIGKILL',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...(opts.env ?? process.env), FORCE_COLOR: '0' },
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new Error(`pophist ${args.join(' ')}: over ${opts.timeoutMs} ms`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface BoxedOptions {
  input?: string | Uint8Array;
  /** A file descriptor to hand the child as its standard input, e.g. an open /dev/zero. */
  stdinFd?: number;
}

/** The heap and time every hostile case must stay within (docs/limits.md). */
export const BOX = { heapMiB: 256, timeoutMs: 10_000 };

/**
 * The built CLI with a 256 MiB heap and a 10 s watchdog: a case that needs more of either fails
 * here, with the reason, instead of hanging the suite or swapping the machine.
 */
export function runBoxed(args: string[], opts: BoxedOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${BOX.heapMiB}`, join(repoRoot, 'bin/pophist'), ...args], {
    cwd: repoRoot,
    input: opts.input,
    stdio: [opts.stdinFd ?? 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: BOX.timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') throw new Error(`pophist ${args.join(' ')}: over ${BOX.timeoutMs} ms`);
  if (/heap out of memory|Allocation failed/.test(r.stderr ?? '')) throw new Error(`pophist ${args.join(' ')}: over the ${BOX.heapMiB} MiB heap`);
  if (r.signal) throw new Error(`pophist ${args.join(' ')}: killed by ${r.signal}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
