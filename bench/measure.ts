// How the bench measures: whole processes under /usr/bin/time (wall, CPU, peak RSS), in-process
// work in a child of its own, and the median with min–max of repeated runs.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const pophist = join(root, 'bin/pophist');

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export interface Run {
  ms: number;
  cpuMs?: number;
  maxRssKiB: number;
  outBytes?: number;
}

export interface Summary {
  time: Stat;
  cpu: Stat;
  rss: Stat;
  outMiB: number;
}

export const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};

/** A median with its range; a run stopped at `limitMs` shows as stopped. */
export const fmt = (s: Stat, unit = 'ms', limitMs = 300_000): string =>
  !Number.isFinite(s.median) ? `> ${limitMs / 1000} s (stopped)` : s.min === s.max ? `${s.median.toFixed(1)} ${unit} (1 run)` : `${s.median.toFixed(1)} ${unit} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

export const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The writer runs with a small heap limit and young generation: V8 otherwise grows its heap long
 * before it collects, and what the writer makes per message dies young. */
export function child<T = object>(args: string[], heapMiB?: number): { ms: number; maxRssKiB: number } & T {
  const flags = heapMiB ? [`--max-old-space-size=${heapMiB}`, '--max-semi-space-size=1'] : [];
  const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', join(root, 'bench/child.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** Wall time of a whole process, as a user sees it (start-up included), its CPU time (user and system), peak RSS and output size. */
export function timed(cmd: string, args: string[], timeoutMs = 600_000, discardOutput = false): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeoutMs, stdio: ['ignore', discardOutput ? 'ignore' : 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.error) return { ms: Number.POSITIVE_INFINITY, cpuMs: Number.POSITIVE_INFINITY, maxRssKiB: 0, outBytes: 0 }; // timed out: reported as "> limit"
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, system, rss] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: (user! + system!) * 1000, maxRssKiB: rss!, outBytes: r.stdout ? Buffer.byteLength(r.stdout) : 0 };
}

/** Commands run in turns, `rounds` times; the median wall time of each: a shared machine's drift then falls on all of them alike. */
export function paired(rounds: number, runs: Record<string, string[]>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) for (const [k, argv] of Object.entries(runs)) times[k]!.push(timed(argv[0]!, argv.slice(1)).ms);
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, stat(xs).median]));
}

export function summarize(runs: Run[]): Summary {
  return {
    time: stat(runs.map((r) => r.ms)),
    cpu: stat(runs.map((r) => r.cpuMs ?? Number.NaN)),
    rss: stat(runs.map((r) => r.maxRssKiB / 1024)),
    outMiB: Math.max(...runs.map((r) => (r.outBytes ?? 0) / 2 ** 20)),
  };
}

export function repeat(n: number, fn: () => Run): Summary {
  return summarize(Array.from({ length: n }, fn));
}
