// `--jobs N` and `--worker-memory MB`: how many inputs inspect analyses at once, in worker threads.

import { availableParallelism } from 'node:os';
import { UsageError } from './errors.js';

export interface JobsFlags {
  jobs: number;
  workerMemory?: number;
}

export const JOBS_OPTIONS = {
  jobs: { alias: 'j', type: 'number', default: availableParallelism(), describe: 'inputs analysed at once, each in a worker thread (1: one after the other, in this thread)' },
  'worker-memory': { type: 'number', describe: 'heap limit of each worker thread in MB; an input that needs more is reported as a MEMORY_LIMIT error' },
} as const;

export function checkJobs(args: JobsFlags): void {
  if (!Number.isInteger(args.jobs) || args.jobs < 1 || args.jobs > 256) throw new UsageError('--jobs must be a whole number from 1 to 256');
  if (args.workerMemory !== undefined && (!Number.isInteger(args.workerMemory) || args.workerMemory < 16)) throw new UsageError('--worker-memory must be a whole number of MB, at least 16');
}
