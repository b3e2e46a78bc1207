// `--jobs N` and `--worker-memory MB`: how many inputs inspect analyses at once, each in a worker
// thread, and what becomes of an input whose thread died.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { evidenceName, type EvidenceInput, type ResolvedOptions } from '../analysis/index.js';
import { toSource, type Source } from '../report/index.js';
import { UsageError } from './errors.js';
import { wholeNumber } from './option-values.js';
import { formatRenderer, sourceMessages, type Format, type SourceMessage } from './formats.js';
import { runInWorkers } from './worker-pool.js';

export interface JobsFlags {
  jobs: number;
  workerMemory?: number;
}

export const JOBS_OPTIONS = {
  jobs: {
    alias: 'j',
    type: 'string',
    requiresArg: true,
    default: availableParallelism(),
    coerce: wholeNumber('jobs', 1, 256),
    describe: 'inputs analysed at once, each in a worker thread (1: one after the other, in this thread)',
  },
  'worker-memory': {
    type: 'string',
    requiresArg: true,
    coerce: wholeNumber('worker-memory', 16, 1 << 20, ' of MB'),
    describe: 'heap limit of each worker thread in MB; an input that needs more is reported as a MEMORY_LIMIT error',
  },
} as const;

/** More threads than cores only add memory (each holds its input, and a recovery budget with
 * --recover), and dozens at once have met a Node abort: at most four per core are started. */
const MAX_JOBS = 4 * availableParallelism();

/** The jobs to start for `requested`, and the note that says when they are fewer. */
export function cappedJobs(requested: number): { jobs: number; note?: string } {
  if (requested <= MAX_JOBS) return { jobs: requested };
  return { jobs: MAX_JOBS, note: `pophist: --jobs ${requested} is more than this machine can use: ${MAX_JOBS} at once (4 per core)\n` };
}

/**
 * The worker script is always the built one, bundled like the CLI so that a thread loads one module:
 * `dist/bundle/` and `dist/cli/` sit at the same depth as `src/cli/`, so this URL names the bundle
 * whether this module runs from `dist/` or from `src/` under tsx.
 */
const INSPECT_WORKER = new URL('../../dist/bundle/inspect-worker.cjs', import.meta.url);

/** What every worker thread is given: how to analyse, and the outputs' formats to render each source in. */
export interface InspectWorkerData {
  options: ResolvedOptions;
  formats: readonly Format[];
}

/** Why an input's worker thread died on it, as the input's error. */
export function deadWorkerError(e: Error, heapMb: number | undefined): { code: string; message: string } {
  if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const limit = heapMb !== undefined ? `its ${heapMb} MB heap limit` : 'its heap limit';
    return { code: 'MEMORY_LIMIT', message: `analysing this input went past ${limit}; run it alone with a higher --worker-memory` };
  }
  return { code: 'INTERNAL_ERROR', message: `pophist failed on this input (${e.message}); please report it, with the file if you can share it` };
}

/** The error record of an input whose worker thread died on it. */
function deadWorkerSource(path: string, e: Error, heapMb: number | undefined): Source {
  return toSource({ type: 'error', base: { path }, error: deadWorkerError(e, heapMb) });
}

/** Every path's source rendered in `formats`, in path order, from `jobs` worker threads, each a piece at a time. */
export function inspectInWorkers(paths: readonly EvidenceInput[], data: InspectWorkerData, args: JobsFlags): AsyncGenerator<AsyncIterable<SourceMessage>> {
  if (!existsSync(INSPECT_WORKER)) throw new UsageError(`--jobs needs the built worker ${fileURLToPath(INSPECT_WORKER)}: run npm run build, or use --jobs 1`);
  const renderers = data.formats.map(formatRenderer);
  const { jobs, note } = cappedJobs(args.jobs);
  if (note) process.stderr.write(note);
  return runInWorkers(paths, {
    script: INSPECT_WORKER,
    workerData: data,
    jobs,
    heapMb: args.workerMemory,
    failed: (input, e) => [...sourceMessages(deadWorkerSource(evidenceName(input), e, args.workerMemory), renderers)],
  });
}
