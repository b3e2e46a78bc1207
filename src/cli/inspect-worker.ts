// A worker thread of `inspect --jobs N`: one input path in, its report source out, through the same
// entry point as every other caller (inspectEvidence).
// Nothing is caught here: a throw or a heap-limit breach ends this thread, and the pool turns that
// into the input's error record and starts another thread.

import { parentPort, workerData } from 'node:worker_threads';
import { inspectEvidence, type EvidenceInput, type EvidenceOptions } from '../pop3/index.js';
import { settled, toSource } from '../report/index.js';

const options = workerData as EvidenceOptions;
const port = parentPort!;

port.on('message', (input: EvidenceInput) => {
  port.postMessage(settled(toSource(inspectEvidence(input, options))));
});
