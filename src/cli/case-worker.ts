// A worker thread of `case --jobs N`: one input path in, the case's index of it out (case-input.ts),
// through the same entry point as every other caller. Only the index crosses back, never the store's
// findings: the case's memory grows with UIDs, not with messages.

import { workerData } from 'node:worker_threads';
import { caseInput, inspectEvidence, type CaseInput, type EvidenceInput, type ResolvedOptions } from '../analysis/index.js';
import { toSource } from '../report/index.js';
import { serveTasks } from './worker-port.js';

const options = (workerData as { options: ResolvedOptions }).options;

serveTasks<EvidenceInput, CaseInput>((input) => {
  const found = inspectEvidence(input, options);
  return [caseInput(found, toSource(found).status)];
});
