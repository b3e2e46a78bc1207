// Output flags shared by decode and inspect: one format, on stdout or in the file `-o` names, which
// is never inside an input's directory (evidence is never written next to).

import { closeSync, createWriteStream, lstatSync, openSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import {
  exitCode,
  FULL_VIEW,
  reportHeader,
  StreamSink,
  type HtmlRun,
  type ReportHeader,
  type ReportSink,
  type Source,
  type SourceStatus,
  type TableView,
  type TextOut,
  type TimelineFormat,
} from '../report/index.js';
import type { ResolvedOptions } from '../analysis/index.js';
import { UsageError } from './errors.js';
import { formatRenderer, type Format, type RenderedSource } from './formats.js';
import { sourceNotices } from './notices.js';

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
  output?: string;
  timestamp?: boolean;
  /** inspect only: a timeline format instead of the report's own. */
  timeline?: TimelineFormat;
  /** inspect only: also write the HTML page to this file. */
  html?: string;
  wide?: boolean;
}

export function withOutputFlags<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', describe: 'the report as one JSON document (schema pophist/report@3)' })
    .option('ndjson', { type: 'boolean', describe: 'a JSON line for the report, each source and each finding' })
    .option('csv', { type: 'boolean', describe: 'a CSV row for the report, each source and each finding' })
    .option('output', { alias: 'o', type: 'string', describe: "write to FILE instead of standard output (never inside an input's directory)" })
    .option('timestamp', { type: 'boolean', default: false, describe: 'state when the report was made (reruns then differ)' })
    .option('wide', { type: 'boolean', describe: 'on a terminal, the full table however wide (a file or a pipe always gets it)' })
    .conflicts('json', ['ndjson', 'csv'])
    .conflicts('ndjson', 'csv');
}

function formatOf(flags: OutputFlags, view: TableView): Format {
  if (flags.json) return { kind: 'json' };
  if (flags.ndjson) return { kind: 'ndjson' };
  if (flags.csv) return { kind: 'csv' };
  if (flags.timeline) return { kind: 'timeline', timeline: flags.timeline };
  return { kind: 'table', view };
}

/**
 * A terminal gets the table fitted to its width (unless --wide) and coloured unless NO_COLOR is
 * set (no-color.org: present and not empty); a file or a pipe gets the full table, uncoloured.
 */
function stdoutView(flags: OutputFlags): TableView {
  const out = process.stdout;
  if (!out.isTTY) return FULL_VIEW;
  const colour = !process.env.NO_COLOR;
  return flags.wide || !out.columns ? { colour } : { columns: out.columns, colour };
}

const realOrResolved = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

const within = (dir: string, p: string): boolean => {
  const rel = relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Refuses an output file inside the directory of any input (a file's own directory, or the
 * directory named), or the same file as an input under another name.
 */
function checkOutputPath(output: string, inputs: readonly string[]): void {
  // A symbolic link in place of the file is written through: what counts is where it points.
  const target = statOrUndefined(output) ? realpathSync(output) : join(realOrResolved(dirname(resolve(output))), basename(output));
  if (lstatOrUndefined(output)?.isSymbolicLink() && !statOrUndefined(output)) {
    throw new UsageError(`refusing to write ${output}: it is a symbolic link to nothing, which would create a file wherever it points; write the output elsewhere`);
  }
  const targetStat = statOrUndefined(target);
  for (const input of inputs) {
    const real = realOrResolved(input);
    const st = statOrUndefined(real);
    const dir = st?.isDirectory() ? real : dirname(real);
    const sameFile = st !== undefined && targetStat !== undefined && st.dev === targetStat.dev && st.ino === targetStat.ino;
    if (sameFile || within(dir, target)) {
      const what = sameFile ? `the input ${input}` : `inside ${dir}, the directory of the input ${input}`;
      throw new UsageError(`refusing to write ${output}: it is ${what}, and evidence is never written next to; write the output elsewhere`);
    }
  }
}

function lstatOrUndefined(p: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** One output: its format, the sink writing it, and how to close what it writes to. */
export interface Opened {
  format: Format;
  sink: StreamSink;
  close: () => Promise<void>;
}

/** A format written to the file `path`, checked (never next to evidence) and opened before any input is read. */
function fileOutput(path: string, format: Format, inputs: readonly string[], flag: string): Opened {
  if (path === '') throw new UsageError(`${flag} needs a file name`);
  checkOutputPath(path, inputs);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const file = createWriteStream('', { fd, autoClose: false });
  const done = new Promise<void>((res, rej) => {
    file.once('error', rej);
    file.once('finish', res);
  });
  return {
    format,
    sink: new StreamSink(formatRenderer(format), file satisfies TextOut),
    close: async () => {
      file.end();
      await done;
      closeSync(fd);
    },
  };
}

const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** What the HTML page states of this run, always: the command line as a shell takes it back, where it ran, and when. */
function htmlRun(): HtmlRun {
  const commandLine = ['pophist', ...process.argv.slice(2)].map(shellWord).join(' ');
  return { commandLine, cwd: process.cwd(), generated: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** Where the report goes (the format on stdout or -o, and the --html page beside it), and the grep-style exit code of what went there. */
export class ReportOutput implements ReportSink {
  /** The status of every source written, in order (for the exit code and the run's summary). */
  readonly statuses: SourceStatus[] = [];

  /** The outputs' formats, as data a worker thread renders sources with (`rendered`). */
  readonly formats: readonly Format[];

  constructor(private readonly outs: readonly Opened[]) {
    this.formats = outs.map((o) => o.format);
  }

  /** Checks and opens the outputs before any input is read. `inputs` are the paths the user named. */
  static open(flags: OutputFlags, inputs: readonly string[]): ReportOutput {
    if (flags.html !== undefined && flags.output !== undefined && resolve(flags.html) === resolve(flags.output)) {
      throw new UsageError('--html and -o/--output name the same file; give each its own');
    }
    const stdout = formatOf(flags, stdoutView(flags));
    const outs: Opened[] = [
      flags.output === undefined
        ? { format: stdout, sink: new StreamSink(formatRenderer(stdout), process.stdout), close: async () => {} }
        : fileOutput(flags.output, formatOf(flags, FULL_VIEW), inputs, '-o/--output'),
    ];
    if (flags.html !== undefined) outs.push(fileOutput(flags.html, { kind: 'html', run: htmlRun() }, inputs, '--html'));
    return new ReportOutput(outs);
  }

  async begin(header: ReportHeader): Promise<void> {
    for (const o of this.outs) await o.sink.begin(header);
  }

  async source(source: Source): Promise<void> {
    this.notify(source.status, sourceNotices(source));
    for (const o of this.outs) await o.sink.source(source);
  }

  /** A source a worker thread rendered in `formats`, in its turn. */
  async rendered(source: RenderedSource): Promise<void> {
    this.notify(source.status, source.notices);
    for (const [i, o] of this.outs.entries()) await o.sink.sourceText(source.texts[i]!);
  }

  private notify(status: SourceStatus, notices: string): void {
    this.statuses.push(status);
    // Seen on the terminal even when the report goes to a file: an unreadable input, a selection that matched nothing.
    if (notices !== '') process.stderr.write(notices);
  }

  async end(): Promise<void> {
    for (const o of this.outs) {
      await o.sink.end();
      await o.close();
    }
  }

  exitCode(): 0 | 1 | 2 {
    return exitCode(this.statuses);
  }
}

/** The header every format starts with. */
export function header(options: ResolvedOptions, flags: OutputFlags): ReportHeader {
  return reportHeader(options, flags.timestamp ? new Date() : undefined);
}
