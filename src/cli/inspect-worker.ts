// A worker thread of `inspect --jobs N`: one input path in, its report source out, in the order asked.
// Nothing is caught here: a throw or a heap-limit breach ends this thread, and the pool turns that
// into the input's error record and starts another thread.

import { parentPort, workerData } from 'node:worker_threads';
import { inspectPath, type InspectRequest } from './inspect-source.js';

const request = workerData as InspectRequest;
const port = parentPort!;

port.on('message', (path: string) => {
  port.postMessage(inspectPath(path, request));
});
