// Tasks run by N worker threads, their results handed back in task order. A thread that throws, exits
// or breaks its heap limit costs only the task it was on: that task's result is `failed(task, error)`
// and a fresh thread takes the dead one's place.

import { Worker } from 'node:worker_threads';

export interface PoolOptions<T, R> {
  /** The worker script: it answers each task message with exactly one result message. */
  script: URL;
  workerData: unknown;
  /** Worker threads, at least 1. */
  jobs: number;
  /** Heap limit of each thread (old generation, MB); Node's default when absent. */
  heapMb?: number;
  failed: (task: T, e: Error) => R;
}

interface Job<T, R> {
  task: T;
  done: (r: R) => void;
}

/** A thread and the job it is on; `dead` keeps the first failure when both error and exit come. */
class Slot<T, R> {
  readonly worker: Worker;
  job: Job<T, R> | undefined;
  private dead = false;

  constructor(
    opts: PoolOptions<T, R>,
    private readonly onFree: (slot: Slot<T, R>) => void,
    private readonly onDead: (slot: Slot<T, R>, e: Error, job: Job<T, R> | undefined) => void,
  ) {
    this.worker = new Worker(opts.script, {
      workerData: opts.workerData,
      resourceLimits: opts.heapMb !== undefined ? { maxOldGenerationSizeMb: opts.heapMb } : undefined,
    });
    this.worker.on('message', (r: R) => this.finish(r));
    this.worker.on('error', (e: Error) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the worker thread exited with code ${code}`)));
  }

  run(job: Job<T, R>): void {
    this.job = job;
    this.worker.postMessage(job.task);
  }

  private finish(r: R): void {
    const j = this.job!;
    this.job = undefined;
    this.onFree(this);
    j.done(r);
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = true;
    const j = this.job;
    this.job = undefined;
    this.onDead(this, e, j);
  }
}

/**
 * The result of every task, in task order. At most `jobs` tasks run at once and at most `jobs`
 * finished ones wait for an earlier one, so memory holds a bounded number of results however many
 * tasks there are.
 */
export async function* runInWorkers<T, R>(tasks: readonly T[], opts: PoolOptions<T, R>): AsyncGenerator<R> {
  const idle: Slot<T, R>[] = [];
  const waiting: Job<T, R>[] = [];
  const live = new Set<Slot<T, R>>();
  let closing = false;

  const free = (slot: Slot<T, R>): void => {
    const next = waiting.shift();
    if (next) slot.run(next);
    else idle.push(slot);
  };
  const spawn = (): void => {
    const slot = new Slot(opts, free, dead);
    live.add(slot);
    free(slot);
  };
  // A thread that died on a task is replaced. One that died idle is not: it could not even start, and
  // neither would its replacement; when none is left, the tasks still waiting get its error.
  function dead(slot: Slot<T, R>, e: Error, job: Job<T, R> | undefined): void {
    live.delete(slot);
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
    if (closing) return;
    if (job) {
      spawn();
      job.done(opts.failed(job.task, e));
    } else if (live.size === 0) {
      for (const j of waiting.splice(0)) j.done(opts.failed(j.task, e));
    }
  }
  const submit = (task: T): Promise<R> =>
    new Promise((done) => {
      const job = { task, done };
      const slot = idle.shift();
      if (slot) slot.run(job);
      else if (live.size > 0) waiting.push(job);
      else done(opts.failed(task, new Error('no worker thread could start')));
    });

  const jobs = Math.max(1, Math.min(opts.jobs, tasks.length));
  const window = 2 * jobs;
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
