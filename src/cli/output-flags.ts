// Output flags shared by decode and inspect: one format on stdout or in the file `-o` names, an
// HTML page and a JSON file beside it (inspect), and with `--csv DIR` a CSV file per record type.
// `--csv` alone is CSV on standard output, as it always was; what follows `--csv` is its directory
// only when it is one.

import { statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { FULL_VIEW, type TableView, type TimelineFormat } from '../report/index.js';
import { UsageError } from './errors.js';
import type { Format } from './formats.js';

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  /** '' for CSV on standard output; else the directory of `--csv DIR`'s files. */
  csv?: string;
  output?: string;
  timestamp?: boolean;
  /** inspect only: a timeline format instead of the report's own. */
  timeline?: TimelineFormat;
  /** inspect only: also write the HTML page to this file. */
  html?: string;
  /** inspect only: also write the report as one JSON document to this file, whatever goes to stdout. */
  jsonFile?: string;
  wide?: boolean;
  /** Replace an existing output file. */
  force?: boolean;
  /** How the command spells `force` (decode's --force means something else): for messages. */
  forceFlag?: string;
}

export const CSV_TAKES = '--csv takes a directory (or nothing, for standard output)';

export function withOutputFlags<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', describe: 'the report as one JSON document (schema pophist/report@3)' })
    .option('ndjson', { type: 'boolean', describe: 'a JSON line for the report, each source and each finding, and an end line' })
    .option('csv', { type: 'string', describe: 'CSV on standard output (a row per finding), or with DIR one file per record type in DIR' })
    .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: "write to FILE instead of standard output (never an existing file without --force, nor inside an input's directory)" })
    .option('timestamp', { type: 'boolean', default: false, describe: 'state when the report was made (reruns then differ); --csv DIR names its files with that time' })
    .option('wide', { type: 'boolean', describe: 'on a terminal, the full table however wide (a file or a pipe always gets it)' })
    .conflicts('json', 'ndjson');
}

/** CSV on standard output takes the place of the other stdout formats; `--csv DIR` goes beside them. */
export function checkFormats(flags: OutputFlags): void {
  if (flags.csv !== '') return;
  const other = flags.json ? '--json' : flags.ndjson ? '--ndjson' : flags.timeline ? '--timeline' : undefined;
  if (other) throw new UsageError(`--csv (to standard output) and ${other} are mutually exclusive; give --csv DIR to write the CSV files beside it`);
}

/** `--csv DIR` names an existing directory; anything else is refused in one line before any input is read. */
export function checkCsvDirectory(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Missing: said below.
  }
  if (!isDir) throw new UsageError(`${CSV_TAKES}: ${dir} is not a directory`);
}

/** The format for standard output or -o. */
export function formatOf(flags: OutputFlags, view: TableView): Format {
  if (flags.json) return { kind: 'json' };
  if (flags.ndjson) return { kind: 'ndjson' };
  if (flags.csv === '') return { kind: 'csv' };
  if (flags.timeline) return { kind: 'timeline', timeline: flags.timeline };
  return { kind: 'table', view };
}

/**
 * A terminal gets the table fitted to its width (unless --wide) and coloured unless NO_COLOR is
 * set (no-color.org: present and not empty); a file or a pipe gets the full table, uncoloured.
 */
export function stdoutView(flags: OutputFlags): TableView {
  const out = process.stdout;
  if (!out.isTTY) return FULL_VIEW;
  const colour = !process.env.NO_COLOR;
  return flags.wide || !out.columns ? { colour } : { columns: out.columns, colour };
}
