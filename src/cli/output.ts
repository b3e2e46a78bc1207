// Output flags shared by decode and inspect: one renderer of the report, data on stdout only.

import type { Argv } from 'yargs';
import { csvChunks } from '../report/csv.js';
import { jsonChunks } from '../report/json.js';
import { ndjsonChunks } from '../report/ndjson.js';
import { renderTable } from '../report/table.js';
import type { Report } from '../report/types.js';

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
}

export function withOutputFlags<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', describe: 'the report as one JSON document (schema pophist/report@2)' })
    .option('ndjson', { type: 'boolean', describe: 'one JSON line per source and per entry' })
    .option('csv', { type: 'boolean', describe: 'one CSV row per entry' })
    .conflicts('json', ['ndjson', 'csv'])
    .conflicts('ndjson', 'csv');
}

/** The report in the chosen format, in pieces: a report listing every message of a large store is never one string. */
function render(report: Report, flags: OutputFlags): Iterable<string> {
  if (flags.json) return jsonChunks(report);
  if (flags.ndjson) return ndjsonChunks(report);
  if (flags.csv) return csvChunks(report);
  return [renderTable(report)];
}

const BATCH = 1 << 20;

/**
 * Writes the report to stdout in batches of about a MiB, waiting for each to drain when stdout is
 * a pipe (there, writes are queued in memory: a 40 MB report would otherwise be held whole).
 */
export async function writeReport(report: Report, flags: OutputFlags): Promise<void> {
  const out = process.stdout;
  let batch = '';
  for (const piece of render(report, flags)) {
    batch += piece;
    if (batch.length >= BATCH) {
      if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
      batch = '';
    }
  }
  if (batch.length > 0) out.write(batch);
}
