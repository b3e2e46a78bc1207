// Runs one measured job in its own process and prints {"ms":…,"maxRssKiB":…} on stdout:
//   write <shape> <path>          write a bench store
//   extractor <path>              reach the history blob through pst-extractor's classes
//   pophist <path>                the same with pophist's library (locate, decode, JSON report)
//   decode                        decodeBlob of a 65,535-tag blob, 3 warm-up runs then 25 timed ("samples")
//   small <count> <dir>           write the small stores of the many-files case

import { join } from 'node:path';
import { encodeBlob } from '../src/analysis/history/blob.js';
import { decodeBlob } from '../src/analysis/history/decode-blob.js';
import { benchTags, SHAPES, writeBenchStore, writeSmallStore } from './stores.js';
import { extractorBlob } from './extractor.js';
import { inspectEvidence, type EvidenceOptions } from '../src/analysis/evidence/inspect-evidence.js';
import { reportHeader, reportOptions, toSource } from '../src/report/build.js';
import { renderJson } from '../src/report/json.js';

function pophistReport(path: string): string {
  const options: EvidenceOptions = { correlate: false };
  return renderJson({ ...reportHeader(reportOptions(options)), sources: [toSource(inspectEvidence(path, options))] });
}

function decodeSamples(): number[] {
  const blob = encodeBlob(benchTags(65535));
  for (let i = 0; i < 3; i++) decodeBlob(blob);
  return Array.from({ length: 25 }, () => {
    const t0 = performance.now();
    decodeBlob(blob);
    return performance.now() - t0;
  });
}

const [job, a, b] = process.argv.slice(2);
const t0 = performance.now();
let extra: Record<string, number | number[]> = {};
if (job === 'write') writeBenchStore(b!, SHAPES[a as keyof typeof SHAPES]);
else if (job === 'extractor') extra = { blobBytes: extractorBlob(a!).length };
else if (job === 'pophist') extra = { reportBytes: pophistReport(a!).length };
else if (job === 'decode') extra = { samples: decodeSamples() };
else if (job === 'small') for (let n = 0; n < Number(a); n++) writeSmallStore(join(b!, `custodian-${String(n).padStart(4, '0')}.pst`), n);
else throw new Error(`unknown job ${job}`);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssKiB: process.resourceUsage().maxRSS, ...extra })}\n`);
