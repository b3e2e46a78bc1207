// Runs one measured job in its own process and prints {"ms":…,"maxRssKiB":…} on stdout:
//   write <shape> <path>          write a bench store
//   extractor <path>              reach the history blob through pst-extractor's classes
//   pophist <path>                the same with pophist's library (locate, decode, JSON report)

import { SHAPES, writeBenchStore } from './stores.js';
import { extractorBlob } from './extractor.js';
import { inspectStore } from '../src/pop3/inspect.js';
import { openPst } from '../src/pst/messaging/store.js';
import { makeReport, storeSource } from '../src/report/build.js';
import { renderJson } from '../src/report/json.js';

function pophistReport(path: string): string {
  const store = openPst(path);
  try {
    return renderJson(makeReport([storeSource({ path }, store, inspectStore(store, {}, undefined))]));
  } finally {
    store.close();
  }
}

const [job, a, b] = process.argv.slice(2);
const t0 = performance.now();
let extra: Record<string, number> = {};
if (job === 'write') writeBenchStore(b!, SHAPES[a as keyof typeof SHAPES]);
else if (job === 'extractor') extra = { blobBytes: extractorBlob(a!).length };
else if (job === 'pophist') extra = { reportBytes: pophistReport(a!).length };
else throw new Error(`unknown job ${job}`);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssKiB: process.resourceUsage().maxRSS, ...extra })}\n`);
