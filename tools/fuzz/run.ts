// Runs mutated inputs through the whole pipeline in this process. Every run must end with a report
// or a typed error (PstFormatError / MsgFormatError); anything else is a failure.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { inspectEvidence } from '../../src/analysis/evidence/inspect-evidence.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { reportHeader, toSource } from '../../src/report/build.js';
import { renderCsv } from '../../src/report/csv.js';
import { htmlRenderer } from '../../src/report/html.js';
import { renderJson } from '../../src/report/json.js';
import { renderNdjson } from '../../src/report/ndjson.js';
import { renderReport } from '../../src/report/sink.js';
import { renderTable } from '../../src/report/table.js';
import { TIMELINE_FORMATS, timelineRenderer } from '../../src/report/timeline.js';
import { rng } from '../rng.js';
import { mutate, type Mutation } from './mutate.js';
import { checkBodyfile, checkCsv, checkHtml, checkJsonl, checkL2tcsv } from './output-checks.js';
import { pstSpans, type Span } from './targets.js';

export type InputKind = 'pst' | 'msg' | 'blob';

export interface FuzzInput {
  name: string;
  kind: InputKind;
  bytes: Uint8Array;
  spans: Span[];
}

export interface Failure {
  input: string;
  seed: number;
  iteration: number;
  mutation: Mutation;
  error: string;
  bytes: Uint8Array;
}

export function loadInput(path: string): FuzzInput {
  const bytes = new Uint8Array(readFileSync(path));
  const kind: InputKind = path.endsWith('.msg') ? 'msg' : path.endsWith('.bin') ? 'blob' : 'pst';
  return { name: basename(path), kind, bytes, spans: kind === 'pst' ? pstSpans(bytes) : [] };
}

/** One input end to end, through the CLI's entry point: a report rendered in every format (timelines and page checked), with a source or a typed error. */
export function runOne(kind: InputKind, bytes: Uint8Array): 'report' | 'typed-error' {
  // --recover on every store: the freed-space pass reads every byte, valid or not.
  const options = resolveOptions(kind === 'blob' ? { as: 'blob' } : { recover: true });
  const source = toSource(inspectEvidence({ path: `fuzz.${kind === 'blob' ? 'bin' : kind}`, bytes }, options));
  const report = { ...reportHeader(options), sources: [source] };
  JSON.parse(renderJson(report));
  for (const line of renderNdjson(report).trim().split('\n')) JSON.parse(line);
  checkCsv('csv', renderCsv(report));
  renderTable(report);
  // The timelines and the page, each checked as its reader needs it.
  const check = { 'timesketch-jsonl': checkJsonl, 'timesketch-csv': (t: string) => checkCsv('timesketch-csv', t), l2tcsv: checkL2tcsv, bodyfile: checkBodyfile };
  for (const f of TIMELINE_FORMATS) check[f](renderReport(report, timelineRenderer(f)));
  checkHtml(renderReport(report, htmlRenderer({ commandLine: 'pophist fuzz', cwd: '/', generated: '1970-01-01T00:00:00Z' })));
  return source.status === 'error' ? 'typed-error' : 'report';
}

/** Mutations [from, from + count) of the stream for `seed`, cycling over the inputs. */
export function fuzz(inputs: readonly FuzzInput[], seed: number, from: number, count: number, onStart?: (i: number) => void): { failures: Failure[]; outcomes: Record<string, number> } {
  const failures: Failure[] = [];
  const outcomes: Record<string, number> = { report: 0, 'typed-error': 0 };
  for (let i = from; i < from + count; i++) {
    onStart?.(i);
    const input = inputs[i % inputs.length]!;
    // Each iteration has its own stream, so any one can be replayed alone from (seed, i).
    const random = rng((seed * 1_000_003 + i) >>> 0);
    const { bytes, mutation } = mutate(input.bytes, input.spans, random);
    try {
      outcomes[runOne(input.kind, bytes)]!++;
    } catch (e) {
      failures.push({ input: input.name, seed, iteration: i, mutation, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), bytes });
    }
  }
  return { failures, outcomes };
}
