// Tasks run by N worker threads, their results handed back in task order. A thread that throws, exits
// or breaks its heap limit costs only the task it was on: that task's result is `failed(task, error)`
// and a fresh thread takes the dead one's place.

import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** The worker script: it answers each task message with exactly one result message, in order. */
  script: URL;
  workerData: unknown;
  /** Worker threads, at least 1. */
  jobs: number;
  /** Heap limit of each thread (old generation, MB); Node's default when absent. */
  heapMb?: number;
  failed: (task: T, e: Error) => R;
}

/**
 * Tasks posted to one thread at once: the one it is on and the next, so that it starts the next as
 * soon as it answers instead of waiting for the round trip through this thread (which may be busy
 * writing a large result). More would let a thread hold tasks behind a long one while another idles.
 */
const DEPTH = 2;

interface Job<T, R> {
  task: T;
  done: (r: R) => void;
}

/** A thread and the jobs posted to it. */
class Slot<T, R> {
  readonly worker: Worker;
  /** In the order posted: a thread answers its messages in turn, so the first is the one it is on. */
  readonly jobs: Job<T, R>[] = [];
  private error: Error | undefined;
  private dead = false;

  constructor(
    opts: PoolOptions<T, R>,
    private readonly onFree: (slot: Slot<T, R>) => void,
    private readonly onDead: (slot: Slot<T, R>, e: Error, jobs: Job<T, R>[]) => void,
  ) {
    this.worker = new Worker(opts.script, {
      workerData: opts.workerData,
      resourceLimits: opts.heapMb !== undefined ? { maxOldGenerationSizeMb: opts.heapMb } : undefined,
    });
    this.worker.on('message', (r: R) => this.finish(r));
    // An error can arrive before answers the thread posted earlier; Node delivers those before
    // 'exit', so the thread's jobs are only settled then, with the first error it reported.
    this.worker.on('error', (e: Error) => {
      this.error ??= e;
    });
    this.worker.on('exit', (code) => this.fail(this.error ?? new Error(`the worker thread exited with code ${code}`)));
  }

  run(job: Job<T, R>): void {
    this.jobs.push(job);
    this.worker.postMessage(job.task);
  }

  private finish(r: R): void {
    const j = this.jobs.shift()!;
    this.onFree(this);
    j.done(r);
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.onDead(this, e, this.jobs.splice(0));
  }
}

/**
 * The result of every task, in task order. At most `jobs` tasks run at once and a bounded number of
 * finished ones wait for an earlier one, so memory holds a bounded number of results however many
 * tasks there are.
 */
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

export async function* runInWorkers<T, R>(tasks: readonly T[], opts: PoolOptions<T, R>): AsyncGenerator<R> {
  optimiseOnOwnThread();
  const waiting: Job<T, R>[] = [];
  const live = new Set<Slot<T, R>>();
  let closing = false;

  const fill = (slot: Slot<T, R>): void => {
    while (slot.jobs.length < DEPTH && waiting.length > 0) slot.run(waiting.shift()!);
  };
  const spawn = (): void => {
    const slot = new Slot(opts, fill, dead);
    live.add(slot);
    fill(slot);
  };
  // A thread that died on a task is replaced, and the tasks queued behind it go to the others first.
  // One that died with none is not (it could not even start); the next task starts a thread if none is left.
  function dead(slot: Slot<T, R>, e: Error, jobs: Job<T, R>[]): void {
    live.delete(slot);
    if (closing) return;
    const [on, ...queued] = jobs;
    waiting.unshift(...queued);
    if (on === undefined) return;
    spawn();
    on.done(opts.failed(on.task, e));
  }
  const submit = (task: T): Promise<R> =>
    new Promise((done) => {
      waiting.push({ task, done });
      if (live.size === 0) return spawn();
      // The least busy thread: tasks are spread while threads start, and later go to the one that answered.
      let least: Slot<T, R> | undefined;
      for (const s of live) if (least === undefined || s.jobs.length < least.jobs.length) least = s;
      fill(least!);
    });

  const jobs = Math.max(1, Math.min(opts.jobs, tasks.length));
  const window = (DEPTH + 1) * jobs;
  const pending: Promise<R>[] = [];
  try {
    for (let i = 0; i < jobs; i++) spawn();
    let next = 0;
    for (let emitted = 0; emitted < tasks.length; emitted++) {
      while (next < tasks.length && next - emitted < window) pending.push(submit(tasks[next++]!));
      yield await pending.shift()!;
    }
  } finally {
    closing = true;
    await Promise.all([...live].map((s) => s.worker.terminate()));
  }
}
