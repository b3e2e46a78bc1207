// The worker pool on its own: results in task order whatever order threads finish in, a thread that
// throws, exits or breaks its heap limit costs only its task, and no more than `jobs` tasks run at once.

import { describe, expect, it } from 'vitest';
import { runInWorkers } from '../../src/cli/worker-pool.js';

const script = new URL('../fixtures/workers/scripted.mjs', import.meta.url);

async function run(tasks: string[], jobs: number, heapMb?: number): Promise<{ results: string[]; maxRunning: number }> {
  const shared = new SharedArrayBuffer(8);
  const results: string[] = [];
  for await (const r of runInWorkers(tasks, { script, workerData: shared, jobs, heapMb, failed: (t, e) => `failed ${t}: ${(e as NodeJS.ErrnoException).code ?? e.message}` })) {
    results.push(r);
  }
  return { results, maxRunning: new Int32Array(shared)[1]! };
}

describe('runInWorkers', () => {
  it('hands results back in task order although later tasks finish first', async () => {
    const tasks = ['ok 300', 'ok 10', 'ok 10', 'ok 200', 'ok 5', 'ok 5', 'ok 5'];
    const { results } = await run(tasks, 3);
    expect(results).toEqual(tasks.map((t) => `done ${t}`));
  });

  it('runs at most `jobs` tasks at once', async () => {
    const { maxRunning } = await run(Array.from({ length: 12 }, () => 'ok 20'), 2);
    expect(maxRunning).toBe(2);
  });

  it('turns a thread that throws or exits into that task’s failure, and the others go on', async () => {
    const { results } = await run(['ok 5', 'throw', 'ok 5', 'exit', 'ok 5', 'throw', 'ok 5'], 2);
    expect(results).toEqual([
      'done ok 5',
      'failed throw: asked to throw on throw',
      'done ok 5',
      'failed exit: the worker thread exited with code 3',
      'done ok 5',
      'failed throw: asked to throw on throw',
      'done ok 5',
    ]);
  });

  it('hands the tasks queued behind a dead thread’s task to another thread', async () => {
    const { results } = await run(['ok 5', 'throw', 'ok 5', 'ok 5', 'exit', 'ok 5'], 1);
    expect(results).toEqual(['done ok 5', 'failed throw: asked to throw on throw', 'done ok 5', 'done ok 5', 'failed exit: the worker thread exited with code 3', 'done ok 5']);
  });

  it('turns a heap-limit breach into that task’s failure', async () => {
    const { results } = await run(['ok 5', 'grow', 'ok 5'], 2, 16);
    expect(results).toEqual(['done ok 5', 'failed grow: ERR_WORKER_OUT_OF_MEMORY', 'done ok 5']);
  });

  it('gives every task the start-up failure when no thread can start', async () => {
    const missing = new URL('../fixtures/workers/no-such-worker.mjs', import.meta.url);
    const results: string[] = [];
    for await (const r of runInWorkers(['a', 'b'], { script: missing, workerData: null, jobs: 2, failed: (t) => `failed ${t}` })) results.push(r);
    expect(results).toEqual(['failed a', 'failed b']);
  });
});
