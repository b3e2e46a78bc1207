// Where `case` writes: its format on standard output or in `-o FILE`, and with `--csv DIR` a CSV
// file per record type beside it. Every file is checked before any input is read (never over an
// existing file without --force, never an input, never next to evidence) and written whole.

import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { CASE_CSV_TABLES, caseCsv, caseEvents, caseHtml, caseJson, caseNdjson, caseTable, caseTimelineText, type CaseReport, type TimelineFormat } from '../report/index.js';
import { UsageError } from './errors.js';
import type { InputIdentity } from './output-file.js';
import { checkCsvDirectory, stdoutView } from './output-flags.js';
import { planFile, writeWholeFiles, type PlannedFile } from './output-file.js';
import { htmlRun } from './output.js';

export interface CaseOutputFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: string;
  timeline?: TimelineFormat;
  html?: string;
  output?: string;
  force: boolean;
  timestamp: boolean;
  wide?: boolean;
}

/** `20261207013500_`: the run's time (UTC) that --timestamp puts before each --csv DIR file name. */
const stampPrefix = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}_`;

function rendered(report: CaseReport, flags: CaseOutputFlags, toFile: boolean): Iterable<string> {
  if (flags.timeline) return caseTimelineText(flags.timeline, caseEvents(report));
  return flags.json ? caseJson(report) : flags.ndjson ? caseNdjson(report) : caseTable(report, toFile ? { colour: false } : stdoutView(flags));
}

/** Pieces joined into writes of about 64 KiB: a report of 100,000 lines is never one string. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= 65_536) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Standard output, a batch at a time, waiting whenever the pipe is full. */
async function toStdout(pieces: Iterable<string>): Promise<void> {
  for (const chunk of batched(pieces)) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/** Every output checked now; the returned function writes the report to them. */
export function planCaseOutputs(flags: CaseOutputFlags, named: readonly string[], inputs: readonly InputIdentity[], started: Date): (report: CaseReport) => Promise<void> {
  if (flags.csv === '') throw new UsageError('case --csv takes a directory: pophist case INPUT… --csv DIR');
  const main = flags.output !== undefined ? planFile(flags.output, '-o', flags.force, named, inputs) : undefined;
  const html = flags.html !== undefined ? planFile(flags.html, '--html', flags.force, named, inputs) : undefined;
  if (main && html && resolve(main.target) === resolve(html.target)) throw new UsageError('-o and --html name the same file; give each its own');
  const csv: { plan: PlannedFile; table: (typeof CASE_CSV_TABLES)[number] }[] = [];
  if (flags.csv !== undefined) {
    checkCsvDirectory(flags.csv);
    const prefix = flags.timestamp ? stampPrefix(started) : '';
    for (const table of CASE_CSV_TABLES) {
      const path = join(flags.csv, `${prefix}case-${table}.csv`);
      if (main && resolve(main.target) === resolve(path)) throw new UsageError('-o and --csv name the same file; give each its own');
      csv.push({ plan: planFile(path, '--csv', flags.force, named, inputs), table });
    }
  }
  return async (report) => {
    const text = batched(rendered(report, flags, main !== undefined));
    const page = html ? [{ plan: html, text: [caseHtml(report, htmlRun(started))] }] : [];
    writeWholeFiles([...(main ? [{ plan: main, text }] : []), ...page, ...csv.map((c) => ({ plan: c.plan, text: [caseCsv(report, c.table)] }))]);
    if (!main) await toStdout(rendered(report, flags, false));
  };
}
