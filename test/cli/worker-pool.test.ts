// The worker pool on its own: answers in task order whatever order threads finish in, a thread that
// throws, exits or breaks its heap limit costs only its task, no more than `jobs` tasks run at once,
// and a thread whose answer is not yet due stops after a few messages instead of posting all of it.

import { describe, expect, it } from 'vitest';
import { AnswerCutError, runInWorkers } from '../../src/cli/worker-pool.js';

const script = new URL('../fixtures/workers/scripted.mjs', import.meta.url);

async function run(tasks: string[], jobs: number, heapMb?: number): Promise<{ results: string[]; maxRunning: number }> {
  const shared = new SharedArrayBuffer(12);
  const results: string[] = [];
  for await (const answer of runInWorkers(tasks, { script, workerData: shared, jobs, heapMb, failed: (t, e) => [`failed ${t}: ${(e as NodeJS.ErrnoException).code ?? e.message}`] })) {
    for await (const m of answer) results.push(m);
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
    for await (const answer of runInWorkers(['a', 'b'], { script: missing, workerData: null, jobs: 2, failed: (t) => [`failed ${t}`] })) for await (const m of answer) results.push(m);
    expect(results).toEqual(['failed a', 'failed b']);
  });

  it('hands a long answer over in its messages, in order', async () => {
    const { results } = await run(['stream 3', 'ok 5', 'stream 10'], 2);
    expect(results).toEqual([...Array.from({ length: 3 }, (_, i) => `stream 3: ${i}`), 'done ok 5', ...Array.from({ length: 10 }, (_, i) => `stream 10: ${i}`)]);
  });

  it('lets a thread whose answer is not yet due post only a few messages of it', async () => {
    const shared = new SharedArrayBuffer(12);
    const posted = new Int32Array(shared);
    const answers = runInWorkers(['ok 400', 'stream 50'], { script, workerData: shared, jobs: 2, failed: (t) => [`failed ${t}`] });
    const first = (await answers.next()).value as AsyncIterable<string>;
    const taken: string[] = [];
    for await (const m of first) taken.push(m);
    // The second thread streamed while the first slept 400 ms, but could not go past its credit.
    expect(Atomics.load(posted, 2)).toBeLessThanOrEqual(1 + 4);
    for await (const answer of answers) for await (const m of answer) taken.push(m);
    expect(taken).toHaveLength(51);
    expect(Atomics.load(posted, 2)).toBe(51);
  });

  it('cuts an answer short when its thread dies after posting part of it, and the others go on', async () => {
    const taken: string[] = [];
    let cut: unknown;
    for await (const answer of runInWorkers(['cut 2', 'ok 5'], { script, workerData: new SharedArrayBuffer(12), jobs: 1, failed: (t) => [`failed ${t}`] })) {
      try {
        for await (const m of answer) taken.push(m);
      } catch (e) {
        cut = e;
      }
    }
    expect(cut).toBeInstanceOf(AnswerCutError);
    expect((cut as AnswerCutError).died.message).toBe('asked to cut cut 2');
    expect(taken).toEqual(['cut 2: 0', 'cut 2: 1', 'done ok 5']);
  });
});
