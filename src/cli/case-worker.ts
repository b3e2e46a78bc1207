// A worker thread of `case --jobs N`: one input path in, the case's index of it out (case-input.ts),
// through the same entry point as every other caller. Only the index crosses back, never the store's
// findings: the case's memory grows with UIDs, not with messages.

import { parentPort, workerData } from 'node:worker_threads';
import { caseInput, inspectEvidence, type EvidenceInput, type ResolvedOptions } from '../analysis/index.js';
import { toSource } from '../report/index.js';

const options = (workerData as { options: ResolvedOptions }).options;
const port = parentPort!;

port.on('message', (input: EvidenceInput) => {
  const found = inspectEvidence(input, options);
  port.postMessage(caseInput(found, toSource(found).status));
});
