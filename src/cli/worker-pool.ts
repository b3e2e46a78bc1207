// Tasks run by N worker threads, each task's answer handed back in task order as a stream of
// messages. A thread may post only a few messages ahead of what this thread has taken (credit), so a
// thread whose task is not yet due waits instead of holding its whole answer. A thread that throws,
// exits or breaks its heap limit costs only the task it was on: that task's answer is `failed(task,
// error)` and a fresh thread takes the dead one's place.

import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-port.js';

export interface PoolOptions<T, M> {
  /** The worker script: it serves tasks with serveTasks (worker-port.ts). */
  script: URL;
  workerData: unknown;
  /** Worker threads, at least 1. */
  jobs: number;
  /** Heap limit of each thread (old generation, MB); Node's default when absent. */
  heapMb?: number;
  /** The answer of a task whose thread died before posting any of it. */
  failed: (task: T, e: Error) => M[];
}

/** A thread died after posting part of a task's answer: what was taken of it cannot be taken back. */
export class AnswerCutError extends Error {
  constructor(readonly died: Error) {
    super(died.message);
    this.name = 'AnswerCutError';
  }
}
/**
 * Tasks posted to one thread at once: the one it is on and the next, so that it starts the next as
 * soon as it answers instead of waiting for the round trip through this thread (which may be busy
 * writing a large result). More would let a thread hold tasks behind a long one while another idles.
 */
const DEPTH = 2;

/** One task's answer as this thread receives it: messages queue here until taken, each taken one a credit back to its thread. */
class Answer<M> implements AsyncIterable<M> {
  private readonly queue: M[] = [];
  private received = 0;
  private ended = false;
  private error: Error | undefined;
  private wake: (() => void) | undefined;
  /** Told of each message taken: the thread that posted it may post one more. */
  taken: () => void = () => {};

  push(m: M, last: boolean): void {
    this.queue.push(m);
    this.received++;
    this.ended = last;
    this.signal();
  }

  /** The thread died on this task: its answer is `instead` if nothing of it came, else it is cut. */
  fail(e: Error, instead: () => M[]): void {
    if (this.received > 0) this.error = new AnswerCutError(e);
    else this.queue.push(...instead());
    this.ended = true;
    this.signal();
  }

  private signal(): void {
    this.wake?.();
    this.wake = undefined;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<M> {
    for (;;) {
      const m = this.queue.shift();
      if (m !== undefined) {
        this.taken();
        yield m;
      } else if (this.error !== undefined) throw this.error;
      else if (this.ended) return;
      else await new Promise<void>((r) => (this.wake = r));
    }
  }
}

interface Job<T, M> {
  task: T;
  answer: Answer<M>;
}

/** A thread and the jobs posted to it. */
class Slot<T, M> {
  readonly worker: Worker;
  /** In the order posted: a thread answers its tasks in turn, so the first is the one it is on. */
  readonly jobs: Job<T, M>[] = [];
  private error: Error | undefined;
  private dead = false;

  constructor(
    opts: PoolOptions<T, M>,
    private readonly onFree: (slot: Slot<T, M>) => void,
    private readonly onDead: (slot: Slot<T, M>, e: Error, jobs: Job<T, M>[]) => void,
  ) {
    this.worker = new Worker(opts.script, {
      workerData: opts.workerData,
      resourceLimits: opts.heapMb !== undefined ? { maxOldGenerationSizeMb: opts.heapMb } : undefined,
    });
    this.worker.on('message', (r: FromWorker<M>) => this.receive(r));
    // An error can arrive before messages the thread posted earlier; Node delivers those before
    // 'exit', so the thread's jobs are only settled then, with the first error it reported.
    this.worker.on('error', (e: Error) => {
      this.error ??= e;
    });
    this.worker.on('exit', (code) => this.fail(this.error ?? new Error(`the worker thread exited with code ${code}`)));
  }

  run(job: Job<T, M>): void {
    this.jobs.push(job);
    job.answer.taken = () => this.credit();
    this.post({ kind: 'task', task: job.task });
  }

  private credit(): void {
    if (!this.dead) this.post({ kind: 'credit', messages: 1 });
  }

  private post(m: ToWorker<T>): void {
    this.worker.postMessage(m);
  }

  private receive(r: FromWorker<M>): void {
    const j = this.jobs[0]!;
    if (r.last) {
      this.jobs.shift();
      this.onFree(this);
    }
    j.answer.push(r.message, r.last);
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.onDead(this, e, this.jobs.splice(0));
  }
}

/**
 * Node 20 unregisters a thread's isolate from its platform before V8 has stopped that isolate's
 * background TurboFan jobs, and a job still running as a thread ends aborts the whole process
 * (NodePlatform::ForIsolate: "Assertion failed: (data.first) != nullptr"; 6 of 306 runs of
 * `inspect --jobs 2` on a loaded machine). Isolates made after this flag is set optimise on their own
 * thread, so no job outlives its thread; the main thread's isolate, made before, keeps its own.
 */
function optimiseOnOwnThread(): void {
  setFlagsFromString('--no-concurrent-recompilation');
}

/**
 * The answer of every task, in task order. At most `jobs` tasks run at once, and a bounded number of
 * later ones are handed out ahead, so memory holds a bounded number of messages however many tasks
 * there are and however long their answers.
 */
export async function* runInWorkers<T, M>(tasks: readonly T[], opts: PoolOptions<T, M>): AsyncGenerator<AsyncIterable<M>> {
  optimiseOnOwnThread();
  const waiting: Job<T, M>[] = [];
  const live = new Set<Slot<T, M>>();
  let closing = false;

  const fill = (slot: Slot<T, M>): void => {
    while (slot.jobs.length < DEPTH && waiting.length > 0) slot.run(waiting.shift()!);
  };
  const spawn = (): void => {
    const slot = new Slot(opts, fill, dead);
    live.add(slot);
    fill(slot);
  };
  // A thread that died on a task is replaced, and the tasks queued behind it go to the others first.
  // One that died with none is not (it could not even start); the next task starts a thread if none is left.
  function dead(slot: Slot<T, M>, e: Error, jobs: Job<T, M>[]): void {
    live.delete(slot);
    if (closing) return;
    const [on, ...queued] = jobs;
    waiting.unshift(...queued);
    if (on === undefined) return;
    spawn();
    on.answer.fail(e, () => opts.failed(on.task, e));
  }
  const submit = (task: T): Answer<M> => {
    const answer = new Answer<M>();
    waiting.push({ task, answer });
    if (live.size === 0) spawn();
    else {
      // The least busy thread: tasks are spread while threads start, and later go to the one that answered.
      let least: Slot<T, M> | undefined;
      for (const s of live) if (least === undefined || s.jobs.length < least.jobs.length) least = s;
      fill(least!);
    }
    return answer;
  };

  const jobs = Math.max(1, Math.min(opts.jobs, tasks.length));
  const window = (DEPTH + 1) * jobs;
  const pending: Answer<M>[] = [];
  try {
    for (let i = 0; i < jobs; i++) spawn();
    let next = 0;
    for (let emitted = 0; emitted < tasks.length; emitted++) {
      while (next < tasks.length && next - emitted < window) pending.push(submit(tasks[next++]!));
      yield pending.shift()!;
    }
  } finally {
    closing = true;
    await Promise.all([...live].map((s) => s.worker.terminate()));
  }
}
