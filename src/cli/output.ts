// Output flags shared by decode and inspect: one renderer of the report, data on stdout only.

import type { Argv } from 'yargs';
import { renderCsv } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderNdjson } from '../report/ndjson.js';
import { renderTable } from '../report/table.js';
import type { Report } from '../report/types.js';

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
}

export function withOutputFlags<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', describe: 'the report as one JSON document (schema pophist/report@1)' })
    .option('ndjson', { type: 'boolean', describe: 'one JSON line per source and per entry' })
    .option('csv', { type: 'boolean', describe: 'one CSV row per entry' })
    .conflicts('json', ['ndjson', 'csv'])
    .conflicts('ndjson', 'csv');
}

export function render(report: Report, flags: OutputFlags): string {
  if (flags.json) return renderJson(report);
  if (flags.ndjson) return renderNdjson(report);
  if (flags.csv) return renderCsv(report);
  return renderTable(report);
}
