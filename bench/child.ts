// Runs one measured job in its own process and prints {"ms":…,"maxRssKiB":…} on stdout:
//   write <shape> <path>          write a bench store
//   extractor <path>              reach the history blob through pst-extractor's classes
//   pophist <path>                the same with pophist's library (locate, decode, JSON report)
//   decode                        decodeBlob of a 65,535-tag blob, 3 warm-up runs then 25 timed ("samples")
//   small <count> <dir>           write the small stores of the many-files case
//   table <path>                  the table of a store or blob: loading cli-table3, then the first and a second rendering

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBlob } from '../src/analysis/history/blob.js';
import { decodeBlob } from '../src/analysis/history/decode-blob.js';
import { benchTags, SHAPES, writeBenchStore, writeSmallStore } from './stores.js';
import { extractorBlob } from './extractor.js';
import { inspectEvidence } from '../src/analysis/evidence/inspect-evidence.js';
import { resolveOptions } from '../src/analysis/options.js';
import { reportHeader, toSource } from '../src/report/build.js';
import { renderJson } from '../src/report/json.js';
import { renderTable } from '../src/report/table.js';
import { createRequire } from 'node:module';

function pophistReport(path: string): string {
  const options = resolveOptions({ correlate: false });
  return renderJson({ ...reportHeader(options), sources: [toSource(inspectEvidence(path, options))] });
}

/** The table path: what loading cli-table3 costs a run, and what drawing the table costs after it. */
function tableCost(path: string): Record<string, number> {
  const options = resolveOptions(path.endsWith('.bin') ? { as: 'blob' } : { correlate: true });
  const input = path.endsWith('.bin') ? { path, bytes: new Uint8Array(readFileSync(path)) } : path;
  const report = { ...reportHeader(options), sources: [toSource(inspectEvidence(input, options))] };
  const t0 = performance.now();
  createRequire(import.meta.url)('cli-table3');
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const bytes = renderTable(report).length;
  const firstMs = performance.now() - t1;
  const t2 = performance.now();
  renderTable(report);
  return { loadMs, firstMs, secondMs: performance.now() - t2, bytes };
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
else if (job === 'table') extra = tableCost(a!);
else if (job === 'decode') extra = { samples: decodeSamples() };
else if (job === 'small') for (let n = 0; n < Number(a); n++) writeSmallStore(join(b!, `custodian-${String(n).padStart(4, '0')}.pst`), n);
else throw new Error(`unknown job ${job}`);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssKiB: process.resourceUsage().maxRSS, ...extra })}\n`);
