// A worker thread of `inspect --jobs N`: one input path in, its source rendered in the run's formats
// out, a piece at a time (moved, not copied), through the same entry point as every other caller
// (inspectEvidence). Nothing is caught here: a throw or a heap-limit breach ends this thread, and the
// pool turns that into the input's error record and starts another thread.

import { workerData } from 'node:worker_threads';
import { inspectEvidence, type EvidenceInput } from '../analysis/index.js';
import { toSource } from '../report/index.js';
import { formatRenderer, sourceMessageBuffers, sourceMessages, type SourceMessage } from './formats.js';
import type { InspectWorkerData } from './jobs.js';
import { serveTasks } from './worker-port.js';

const { options, formats } = workerData as InspectWorkerData;
const renderers = formats.map(formatRenderer);

serveTasks<EvidenceInput, SourceMessage>((input) => sourceMessages(toSource(inspectEvidence(input, options)), renderers), sourceMessageBuffers);
