// Runs mutated inputs through the whole pipeline in this process. Every run must end with a report
// or a typed error (PstFormatError / MsgFormatError); anything else is a failure.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MsgFormatError, readMsg } from '../../src/msg/read.js';
import { analyze } from '../../src/pop3/analyze.js';
import { decodeBlob } from '../../src/pop3/blob.js';
import { inspectStore } from '../../src/pop3/inspect.js';
import { PstFormatError } from '../../src/pst/file/errors.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { blobSource, makeReport, msgSource, storeSource } from '../../src/report/build.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderJson } from '../../src/report/json.js';
import { renderNdjson } from '../../src/report/ndjson.js';
import { renderTable } from '../../src/report/table.js';
import { withRecovered } from '../../src/report/recovered.js';
import type { Source } from '../../src/report/types.js';
import { rng } from '../rng.js';
import { mutate, type Mutation } from './mutate.js';
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

/** One input end to end: a report rendered in every format, or a typed error. */
export function runOne(kind: InputKind, bytes: Uint8Array): 'report' | 'typed-error' {
  let source: Source;
  try {
    if (kind === 'pst') {
      const store = new PstStore(new BufferSource(bytes));
      // --recover too: the freed-space pass reads every byte, valid or not.
      const found = inspectStore(store, {}, { windowSeconds: 2 }, true);
      source = withRecovered(storeSource({ path: 'fuzz.pst', kind: 'pst' }, store, found), found.recovery);
    } else if (kind === 'msg') {
      const item = readMsg(bytes);
      source = msgSource({ path: 'fuzz.msg', kind: 'msg' }, analyze([{ ...item, messageClass: item.messageClass ?? '', inInbox: true }]));
    } else {
      source = blobSource({ path: 'fuzz.bin' }, decodeBlob(bytes));
    }
  } catch (e) {
    if (e instanceof PstFormatError || e instanceof MsgFormatError) return 'typed-error';
    throw e;
  }
  const report = makeReport([source]);
  JSON.parse(renderJson(report));
  for (const line of renderNdjson(report).trim().split('\n')) JSON.parse(line);
  renderCsv(report);
  renderTable(report);
  return 'report';
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
