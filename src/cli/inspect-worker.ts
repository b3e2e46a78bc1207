// A worker thread of `inspect --jobs N`: one input path in, its source rendered in the run's formats
// out (moved, not copied), through the same entry point as every other caller (inspectEvidence).
// Nothing is caught here: a throw or a heap-limit breach ends this thread, and the pool turns that
// into the input's error record and starts another thread.

import { parentPort, workerData } from 'node:worker_threads';
import { inspectEvidence, type EvidenceInput } from '../analysis/index.js';
import { toSource } from '../report/index.js';
import { formatRenderer, renderSource } from './formats.js';
import type { InspectWorkerData } from './jobs.js';

const { options, formats } = workerData as InspectWorkerData;
const renderers = formats.map(formatRenderer);
const port = parentPort!;

port.on('message', (input: EvidenceInput) => {
  const { rendered, transfer } = renderSource(toSource(inspectEvidence(input, options)), renderers);
  port.postMessage(rendered, transfer);
});
