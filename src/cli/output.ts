// Output flags shared by decode and inspect: one format, on stdout or in the file `-o` names, which
// is never inside an input's directory (evidence is never written next to).

import { closeSync, createWriteStream, openSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import {
  csvRenderer,
  exitCode,
  jsonRenderer,
  ndjsonRenderer,
  reportHeader,
  StreamSink,
  tableRenderer,
  type Renderer,
  type ReportHeader,
  type ReportOptions,
  type ReportSink,
  type Source,
  type SourceStatus,
  type TextOut,
} from '../report/index.js';
import { UsageError } from './errors.js';

export interface OutputFlags {
  json?: boolean;
  ndjson?: boolean;
  csv?: boolean;
  output?: string;
  timestamp?: boolean;
}

export function withOutputFlags<T>(y: Argv<T>) {
  return y
    .option('json', { type: 'boolean', describe: 'the report as one JSON document (schema pophist/report@2)' })
    .option('ndjson', { type: 'boolean', describe: 'a JSON line for the report, each source and each finding' })
    .option('csv', { type: 'boolean', describe: 'a CSV row for the report, each source and each finding' })
    .option('output', { alias: 'o', type: 'string', describe: "write to FILE instead of standard output (never inside an input's directory)" })
    .option('timestamp', { type: 'boolean', default: false, describe: 'state when the report was made (reruns then differ)' })
    .conflicts('json', ['ndjson', 'csv'])
    .conflicts('ndjson', 'csv');
}

function renderer(flags: OutputFlags): Renderer {
  if (flags.json) return jsonRenderer();
  if (flags.ndjson) return ndjsonRenderer();
  if (flags.csv) return csvRenderer();
  return tableRenderer();
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
export function checkOutputPath(output: string, inputs: readonly string[]): void {
  const target = join(realOrResolved(dirname(resolve(output))), basename(output));
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

function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** Where the report goes, and the grep-style exit code of what went there. */
export class ReportOutput implements ReportSink {
  private readonly statuses: SourceStatus[] = [];

  private constructor(
    private readonly sink: ReportSink,
    private readonly close: () => Promise<void>,
  ) {}

  /** Checks and opens the output before any input is read. `inputs` are the paths the user named. */
  static open(flags: OutputFlags, inputs: readonly string[]): ReportOutput {
    if (flags.output === undefined) return new ReportOutput(new StreamSink(renderer(flags), process.stdout), async () => {});
    if (flags.output === '') throw new UsageError('-o/--output needs a file name');
    checkOutputPath(flags.output, inputs);
    let fd: number;
    try {
      fd = openSync(flags.output, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${flags.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const file = createWriteStream('', { fd, autoClose: false });
    const done = new Promise<void>((res, rej) => {
      file.once('error', rej);
      file.once('finish', res);
    });
    return new ReportOutput(new StreamSink(renderer(flags), file satisfies TextOut), async () => {
      file.end();
      await done;
      closeSync(fd);
    });
  }

  begin(header: ReportHeader): Promise<void> {
    return this.sink.begin(header);
  }

  source(source: Source): Promise<void> {
    this.statuses.push(source.status);
    return this.sink.source(source);
  }

  async end(): Promise<void> {
    await this.sink.end();
    await this.close();
  }

  exitCode(): 0 | 1 | 2 {
    return exitCode(this.statuses);
  }
}

/** The header every format starts with. */
export function header(options: ReportOptions, flags: OutputFlags): ReportHeader {
  return reportHeader(options, flags.timestamp ? new Date() : undefined);
}
