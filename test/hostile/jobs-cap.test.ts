// --jobs past what the machine can use (issue: hostile evidence, round 3): --jobs 64 --recover over
// 1,200 stores took gigabytes and once aborted Node with no summary. pophist now starts at most
// four threads per core, says so on stderr, and every run ends with every source and its summary.
// 96 stores here, not 1,200: the pool starts min(--jobs, inputs) threads, so any count over 4 per
// core (8 on 2 cores) starts every thread the cap allows and 64 would be asked for; 12 stores a
// thread on 2 cores still hands each thread task after task. The abort came as threads ended,
// which every run does however many stores it reads: the 5 runs are kept.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-jobs-cap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORES = 96;

function run(jobs: number): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/pophist'), 'inspect', '-r', join(dir, 'case'), '--recover', '--ndjson', '--jobs', String(jobs)], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  if (r.signal) throw new Error(`--jobs ${jobs}: killed by ${r.signal}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('--jobs 64 --recover over 96 stores', () => {
  it('starts at most 4 threads per core, says so, and ends whole 5 times out of 5, as --jobs 1 does', () => {
    mkdirSync(join(dir, 'case'));
    for (let i = 0; i < STORES; i++) copyFileSync(samplePath('no-history.pst'), join(dir, 'case', `store-${String(i).padStart(4, '0')}.pst`));
    const one = run(1);
    expect(one.code, one.stderr).toBe(1);
    const sources = one.stdout.split('\n').filter((l) => l.includes('"type":"source"'));
    expect(sources).toHaveLength(STORES);
    for (let k = 0; k < 5; k++) {
      const many = run(64);
      expect(many.code, many.stderr).toBe(1);
      expect(many.stderr).toContain(`pophist: --jobs 64 is more than this machine can use: ${4 * availableParallelism()} at once (4 per core)`);
      expect(many.stderr).toMatch(new RegExp(`${STORES} inputs`));
      expect(many.stdout).toBe(one.stdout);
    }
  }, 600_000);
});
