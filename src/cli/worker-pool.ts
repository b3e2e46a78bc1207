// `inspect --jobs N`: inputs analysed by N worker threads, their sources handed back in input order.
// A thread that throws, exits or breaks its heap limit costs only the input it was working on: that
// input becomes an error record and a fresh thread takes its place.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorSource } from '../report/build.js';
import type { Source } from '../report/types.js';
import { UsageError } from './errors.js';
import type { InspectRequest } from './inspect-source.js';

/**
 * The worker script is always the built one: `dist/cli/` sits at the same depth as `src/cli/`, so this
 * URL names `dist/cli/inspect-worker.js` whether this module runs from `dist/` or from `src/` under tsx.
 */
const WORKER_SCRIPT = new URL('../../dist/cli/inspect-worker.js', import.meta.url);

export interface PoolOptions {
  /** Worker threads, at least 1. */
  jobs: number;
  /** Heap limit of each thread (old generation, MB); Node's default when absent. */
  heapMb?: number;
}

interface Task {
  path: string;
  done: (s: Source) => void;
}

/** A thread and the task it is on; `dead` keeps the first failure when both error and exit come. */
class Slot {
  readonly worker: Worker;
  task: Task | undefined;

  constructor(
    request: InspectRequest,
    private readonly opts: PoolOptions,
    private readonly onFree: (slot: Slot) => void,
    private readonly onDead: (slot: Slot, e: Error, hadTask: boolean) => void,
  ) {
    this.worker = new Worker(WORKER_SCRIPT, {
      workerData: request,
      resourceLimits: opts.heapMb !== undefined ? { maxOldGenerationSizeMb: opts.heapMb } : undefined,
      stdout: false,
      stderr: false,
    });
    this.worker.on('message', (s: Source) => this.finish(s));
    this.worker.on('error', (e: Error) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the worker thread exited with code ${code}`)));
  }

  run(task: Task): void {
    this.task = task;
    this.worker.postMessage(task.path);
  }

  private finish(s: Source): void {
    const t = this.task!;
    this.task = undefined;
    this.onFree(this);
    t.done(s);
  }

  private dead = false;

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = true;
    const t = this.task;
    this.task = undefined;
    this.onDead(this, e, t !== undefined);
    if (t) t.done(failureSource(t.path, e, this.opts));
  }
}

function failureSource(path: string, e: Error, opts: PoolOptions): Source {
  if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const limit = opts.heapMb !== undefined ? `its ${opts.heapMb} MB heap limit` : 'its heap limit';
    return errorSource({ path }, { code: 'MEMORY_LIMIT', message: `analysing this input went past ${limit}; run it alone with a higher --worker-memory` });
  }
  return errorSource({ path }, { code: 'INTERNAL_ERROR', message: `pophist failed on this input (${e.message}); please report it with the file if you can share it` });
}

/**
 * Sources of `paths`, in their order. At most `jobs` inputs are analysed at once and at most `jobs`
 * finished ones wait for an earlier one, so memory holds a bounded number of sources whatever the
 * number of inputs.
 */
export async function* inspectInWorkers(paths: readonly string[], request: InspectRequest, opts: PoolOptions): AsyncGenerator<Source> {
  const idle: Slot[] = [];
  const waiting: Task[] = [];
  const live = new Set<Slot>();
  let closing = false;

  const free = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) slot.run(next);
    else idle.push(slot);
  };
  const spawn = (): void => {
    const slot = new Slot(request, opts, free, dead);
    live.add(slot);
    free(slot);
  };
  // A thread that died on an input is replaced. One that died idle is not: it could not even start,
  // and neither would its replacement; when none is left, the inputs still waiting get its error.
  function dead(slot: Slot, e: Error, hadTask: boolean): void {
    live.delete(slot);
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
    if (closing) return;
    if (hadTask) spawn();
    else if (live.size === 0) for (const t of waiting.splice(0)) t.done(failureSource(t.path, e, opts));
  }
  const submit = (path: string): Promise<Source> =>
    new Promise((done) => {
      const task = { path, done };
      const slot = idle.shift();
      if (slot) slot.run(task);
      else if (live.size > 0) waiting.push(task);
      else done(failureSource(path, new Error('no worker thread could start'), opts));
    });

  if (!existsSync(WORKER_SCRIPT)) throw new UsageError(`--jobs needs the built worker ${fileURLToPath(WORKER_SCRIPT)}: run npm run build, or use --jobs 1`);
  const jobs = Math.max(1, Math.min(opts.jobs, paths.length));
  const window = 2 * jobs;
  const pending: Promise<Source>[] = [];
  try {
    for (let i = 0; i < jobs; i++) spawn();
    let next = 0;
    for (let emitted = 0; emitted < paths.length; emitted++) {
      while (next < paths.length && next - emitted < window) pending.push(submit(paths[next++]!));
      yield await pending.shift()!;
    }
  } finally {
    closing = true;
    await Promise.all([...live].map((s) => s.worker.terminate()));
  }
}
