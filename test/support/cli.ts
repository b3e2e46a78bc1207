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

/**
 * The heap and time every hostile case must stay within (docs/limits.md). The time is CPU time
 * (RLIMIT_CPU, all of the process's threads): what the run itself costs, whatever else the machine
 * runs, so the hostile files share the test workers. A run that waits instead of computing (a hang)
 * uses no CPU: the wall-clock watchdog catches it, loose enough for a loaded machine.
 */
export const BOX = { heapMiB: 256, cpuSeconds: 10, timeoutMs: 30_000 };

/** `prlimit` sends SIGXCPU at the limit (and SIGKILL a second later): the child is the program itself, as prlimit execs it. */
const CPU_LIMIT = ['prlimit', `--cpu=${BOX.cpuSeconds}:${BOX.cpuSeconds + 1}`];

/**
 * The built CLI with a 256 MiB heap and 10 s of CPU: a case that needs more of either fails
 * here, with the reason, instead of hanging the suite or swapping the machine.
 */
export function runBoxed(args: string[], opts: BoxedOptions = {}): CliResult {
  const [command, ...prefix] = [...CPU_LIMIT, ...(opts.wrap ?? []), process.execPath];
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
  if (r.signal === 'SIGXCPU') throw new Error(`pophist ${args.join(' ')}: over ${BOX.cpuSeconds} s of CPU`);
  if (r.signal) throw new Error(`pophist ${args.join(' ')}: killed by ${r.signal}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The CLI's own main() in this process, its standard output and error captured: for a test about
 * what pophist reports, not about the process (no stdin, signals, heap or start-up). Much faster
 * than a child, which loads Node and the bundle for each run. Each write is copied before it is
 * acknowledged, as a pipe would, since the report sink reuses its buffer.
 */
export async function runCliInProcess(args: string[], opts: { env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const { main } = await import('../../src/cli/main.js');
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const capture =
    (into: Buffer[]) =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void): boolean => {
      into.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
      const cb = typeof encoding === 'function' ? encoding : done;
      if (cb) process.nextTick(cb);
      return true;
    };
  const saved = { out: process.stdout.write, err: process.stderr.write, env: { ...process.env } };
  process.stdout.write = capture(out) as typeof process.stdout.write;
  process.stderr.write = capture(err) as typeof process.stderr.write;
  for (const [k, v] of Object.entries({ FORCE_COLOR: '0', ...opts.env })) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await main(args);
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k];
    Object.assign(process.env, saved.env);
  }
}

/** A boxed run still going: its process (to signal), and its result once it ends or the watchdog kills it. */
export interface BoxedRun {
  child: ChildProcess;
  /** Resolves once a line of standard output (or of `stream`) as it comes satisfies `until`. */
  waitForLine(until: (line: string) => boolean, stream?: 'stdout' | 'stderr'): Promise<void>;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** runBoxed, asynchronously: for a test that signals the run while it goes. */
export function startBoxed(args: string[]): BoxedRun {
  const [command, ...prefix] = [...CPU_LIMIT, process.execPath];
  const child = spawn(command!, [...prefix, `--max-old-space-size=${BOX.heapMiB}`, join(repoRoot, 'bin/pophist'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const text = { stdout: '', stderr: '' };
  const waiters: { until: (line: string) => boolean; stream: 'stdout' | 'stderr'; resolve: () => void }[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]!.setEncoding('utf8').on('data', (d: string) => {
      text[stream] += d;
      for (const w of waiters.filter((x) => x.stream === stream)) {
        if (text[stream].split('\n').some(w.until)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    });
  }
  const watchdog = setTimeout(() => child.kill('SIGKILL'), BOX.timeoutMs);
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code: code ?? -1, signal, ...text });
    });
  });
  return {
    child,
    waitForLine: (until, stream = 'stdout') => new Promise((resolve) => waiters.push({ until, stream, resolve })),
    done,
  };
}
