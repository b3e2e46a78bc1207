// Runs the built CLI (bin/pophist) as a user would, in a child process.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** With `timeoutMs`, a run still going then is killed and throws: a hang fails the test instead of the suite. */
export function runCli(args: string[], opts: { input?: string | Uint8Array; cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/pophist'), ...args], {
    uid: opts.uid,
    gid: opts.gid,
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
  /** A file descriptor for its standard output, e.g. an open /dev/full. */
  stdoutFd?: number;
  /** A command the child runs under, e.g. ['prlimit', '--fsize=16384']. */
  wrap?: string[];
}

/** The heap and time every hostile case must stay within (docs/limits.md). */
export const BOX = { heapMiB: 256, timeoutMs: 10_000 };

/**
 * The built CLI with a 256 MiB heap and a 10 s watchdog: a case that needs more of either fails
 * here, with the reason, instead of hanging the suite or swapping the machine.
 */
export function runBoxed(args: string[], opts: BoxedOptions = {}): CliResult {
  const [command, ...prefix] = [...(opts.wrap ?? []), process.execPath];
  const r = spawnSync(command!, [...prefix, `--max-old-space-size=${BOX.heapMiB}`, join(repoRoot, 'bin/pophist'), ...args], {
    cwd: repoRoot,
    input: opts.input,
    stdio: [opts.stdinFd ?? 'pipe', opts.stdoutFd ?? 'pipe', 'pipe'],
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

/** A boxed run still going: its process (to signal), and its result once it ends or the watchdog kills it. */
export interface BoxedRun {
  child: ChildProcess;
  /** Resolves with each line of standard output as it comes, until `until` says stop. */
  waitForLine(until: (line: string) => boolean): Promise<void>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** runBoxed, asynchronously: for a test that signals the run while it goes. */
export function startBoxed(args: string[]): BoxedRun {
  const child = spawn(process.execPath, [`--max-old-space-size=${BOX.heapMiB}`, join(repoRoot, 'bin/pophist'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  const waiters: { until: (line: string) => boolean; resolve: () => void }[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const w of [...waiters]) {
      if (stdout.split('\n').some(w.until)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), BOX.timeoutMs);
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code: code ?? -1, signal, stdout, stderr });
    });
  });
  return {
    child,
    waitForLine: (until) => new Promise((resolve) => waiters.push({ until, resolve })),
    done,
  };
}
