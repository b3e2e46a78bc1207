// Every input of `case` analysed once, as inspect analyses it, and kept as the case's index of it:
// one after the other in this thread, or in `--jobs` worker threads. An input that is the same file
// as an earlier one (a link, a copy) is not analysed again; the report says which it repeats.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseInput, displayPath, evidenceName, inspectEvidence, sameFiles, SharedText, type CaseInput, type EvidenceInput, type ResolvedOptions, type SameFile } from '../analysis/index.js';
import { toSource } from '../report/index.js';
import { UsageError } from './errors.js';
import { evidenceInput, type ExpandedInput } from './inputs.js';
import { cappedJobs, deadWorkerError, type JobsFlags } from './jobs.js';
import { runInWorkers } from './worker-pool.js';

/** The bundled worker, found as jobs.ts finds inspect's. */
const CASE_WORKER = new URL('../../dist/bundle/case-worker.cjs', import.meta.url);

function analysed(input: EvidenceInput, options: ResolvedOptions): CaseInput {
  const found = inspectEvidence(input, options);
  return caseInput(found, toSource(found).status);
}

function failed(path: string, error: { code: string; message: string }): CaseInput {
  return caseInput({ type: 'error', base: { path }, error }, 'error');
}

/** Each input's index, or the earlier input it is the same file as, in input order. */
export async function caseInputs(inputs: readonly ExpandedInput[], options: ResolvedOptions, jobs: JobsFlags): Promise<(CaseInput | SameFile)[]> {
  const same = sameFiles(inputs.map((i) => (i.error === undefined ? i.path : '')));
  const out: (CaseInput | SameFile | undefined)[] = inputs.map((i, k) => {
    const shown = displayPath(i.path);
    const s = same[k];
    if (s) return { path: shown, ...(typeof i.path === 'string' ? {} : { pathHex: i.path.toString('hex') }), of: s.of, by: s.by };
    return i.error !== undefined ? failed(shown, i.error) : undefined;
  });
  const todo = out.flatMap((o, k) => (o === undefined ? [k] : []));
  // Each index's text joins the case's as it arrives: snapshots of one store share most of theirs.
  const text = new SharedText();
  const tasks = todo.map((k) => evidenceInput(inputs[k]!.path));
  if (jobs.jobs > 1 && tasks.length > 1) {
    if (!existsSync(CASE_WORKER)) throw new UsageError(`--jobs needs the built worker ${fileURLToPath(CASE_WORKER)}: run npm run build, or use --jobs 1`);
    const { jobs: n, note } = cappedJobs(jobs.jobs);
    if (note) process.stderr.write(note);
    const results = runInWorkers<EvidenceInput, CaseInput>(tasks, {
      script: CASE_WORKER,
      workerData: { options },
      jobs: n,
      heapMb: jobs.workerMemory,
      failed: (input, e) => [failed(evidenceName(input), deadWorkerError(e, jobs.workerMemory))],
    });
    let next = 0;
    for await (const answer of results) {
      for await (const r of answer) out[todo[next]!] = text.adopt(r);
      next++;
    }
  } else {
    for (const [n, k] of todo.entries()) out[k] = text.adopt(analysed(tasks[n]!, options));
  }
  return out as (CaseInput | SameFile)[];
}
