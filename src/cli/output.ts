// Where a report goes: the format on standard output or in the file `-o` names, the --html page,
// the --json-file document and --csv DIR's files, every file checked before the first is opened
// and renamed into place only when whole (output-file.ts). Interrupted, the run leaves no file;
// whole, every streamed format on stdout has its end record (the timeline's on stderr).

import { fsyncSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CSV_TABLES,
  exitCode,
  FULL_VIEW,
  reportHeader,
  StreamSink,
  type HtmlRun,
  type ReportHeader,
  type ReportSink,
  type Source,
  type SourceStatus,
  type TextOut,
} from '../report/index.js';
import type { ResolvedOptions } from '../analysis/index.js';
import { UsageError } from './errors.js';
import { formatRenderer, type Format, type SourceMessage } from './formats.js';
import { onInterrupt } from './interrupt.js';
import { sourceNotices } from './notices.js';
import { checkCsvDirectory, checkFormats, formatOf, stdoutView, type OutputFlags } from './output-flags.js';
import { closeQuietly, commitTemporary, openTemporary, planFile, systemReason, type InputIdentity, type PlannedFile } from './output-file.js';

/** One output: its format, the sink writing it, and how to finish what it writes to. */
export interface Opened {
  format: Format;
  sink: StreamSink;
  /** Flushes and closes; a write error is thrown here or from the sink, as one line. */
  close: () => Promise<void>;
  /** Moves a whole file into place, once every output is closed. */
  commit?: () => void;
}

/** Writes to a descriptor, whole chunks, synchronously: a failure is the sink's error, never an unhandled event. */
function fdOut(fd: number, target: string): TextOut {
  return {
    write(chunk, done) {
      try {
        for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at);
        done();
      } catch (e) {
        done(new UsageError(`cannot write ${target}: ${systemReason(e)}`));
      }
      return true;
    },
  };
}

const shellWord = (w: string): string => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** What the HTML page states of this run, always: the command line as a shell takes it back, where it ran, and when. */
export function htmlRun(started: Date): HtmlRun {
  const commandLine = ['pophist', ...process.argv.slice(2)].map(shellWord).join(' ');
  return { commandLine, cwd: process.cwd(), generated: started.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/** A format written to a temporary file beside `plan.target`, renamed into place at the end. */
function fileOutput(plan: PlannedFile, format: Format): Opened {
  const { fd, temp } = openTemporary(plan);
  return {
    format,
    sink: new StreamSink(formatRenderer(format), fdOut(fd, plan.target)),
    close: async () => {
      try {
        fsyncSync(fd);
      } catch (e) {
        throw new UsageError(`cannot write ${plan.target}: ${systemReason(e)}`);
      } finally {
        closeQuietly(fd);
      }
    },
    commit: () => commitTemporary(plan, temp),
  };
}

/** `20261207013500_`: the run's time (UTC) that --timestamp puts before each --csv DIR file name. */
const stampPrefix = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}_`;

/** Every check of every output file, made before the first is opened. */
function planOutputs(flags: OutputFlags, named: readonly string[], inputs: readonly InputIdentity[], started: Date): { plan: PlannedFile; format: Format }[] {
  const force = flags.force === true;
  const forceFlag = flags.forceFlag ?? '--force';
  const planned: { plan: PlannedFile; format: Format }[] = [];
  const add = (path: string, flag: string, format: Format): void => {
    const same = planned.find((p) => resolve(p.plan.target) === resolve(path));
    if (same) throw new UsageError(`${flag} and ${same.plan.flag} name the same file; give each its own`);
    planned.push({ plan: planFile(path, flag, force, named, inputs, forceFlag), format });
  };
  if (flags.output !== undefined) add(flags.output, '-o/--output', formatOf(flags, FULL_VIEW));
  if (flags.html !== undefined) add(flags.html, '--html', { kind: 'html', run: htmlRun(started) });
  if (flags.jsonFile !== undefined) add(flags.jsonFile, '--json-file', { kind: 'json' });
  if (flags.csv) {
    checkCsvDirectory(flags.csv);
    const prefix = flags.timestamp ? stampPrefix(started) : '';
    for (const table of CSV_TABLES) add(join(flags.csv, `${prefix}${table}.csv`), '--csv', { kind: 'csv-table', table });
  }
  return planned;
}

/** Where the report goes (the format on stdout or -o, the --html page and --csv DIR's files beside it), and the grep-style exit code of what went there. */
export class ReportOutput implements ReportSink {
  /** The status of every source written, in order (for the exit code and the run's summary). */
  readonly statuses: SourceStatus[] = [];

  /** The outputs' formats, as data a worker thread renders sources with (`rendered`). */
  readonly formats: readonly Format[];

  /** When the run began: --timestamp states it, and names --csv DIR's files with it. */
  readonly started: Date;

  private readonly uninstall: () => void;

  /** Sources every output has whole: what an interrupted run says it reported (a counted status may still be half written). */
  private written = 0;

  constructor(
    private readonly outs: readonly Opened[],
    private readonly flags: OutputFlags = {},
    started = new Date(),
  ) {
    this.formats = outs.map((o) => o.format);
    this.started = started;
    this.uninstall = onInterrupt(() => this.written);
  }

  /**
   * Checks every output and opens it before any input is read. `named` are the paths the user
   * named (their directories are evidence), `inputs` every file the run reads, found by a walk or not.
   */
  static open(flags: OutputFlags, named: readonly string[], inputs: readonly InputIdentity[]): ReportOutput {
    checkFormats(flags);
    const started = new Date();
    const planned = planOutputs(flags, named, inputs, started);
    const outs: Opened[] = [];
    if (flags.output === undefined) {
      const stdout = formatOf(flags, stdoutView(flags));
      outs.push({ format: stdout, sink: new StreamSink(formatRenderer(stdout), process.stdout), close: async () => {} });
    }
    for (const { plan, format } of planned) outs.push(fileOutput(plan, format));
    return new ReportOutput(outs, flags, started);
  }

  /** The header every format starts with; the time only with --timestamp, so reruns are byte-identical. */
  header(options: ResolvedOptions): ReportHeader {
    return reportHeader(options, this.flags.timestamp ? this.started : undefined);
  }

  async begin(header: ReportHeader): Promise<void> {
    for (const o of this.outs) await o.sink.begin(header);
  }

  async source(source: Source): Promise<void> {
    await this.notify(source.status, sourceNotices(source));
    for (const o of this.outs) await o.sink.source(source);
    this.written++;
  }

  /** A source a worker thread renders in `formats`, written a piece at a time as the pieces come; its status. */
  async rendered(messages: AsyncIterable<SourceMessage>): Promise<SourceStatus> {
    let status: SourceStatus | undefined;
    for await (const m of messages) {
      if (m.kind === 'head') {
        status = m.status;
        await this.notify(m.status, m.notices);
        for (const o of this.outs) await o.sink.startSource();
      } else await this.outs[m.output]!.sink.text(m.bytes);
    }
    this.written++;
    return status!;
  }

  private async notify(status: SourceStatus, notices: string): Promise<void> {
    // A signal is handled on the event loop: written to files only, a run would never reach it
    // between inputs, so each source first lets the loop turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.statuses.push(status);
    // Seen on the terminal even when the report goes to a file: an unreadable input, a selection that matched nothing.
    if (notices !== '') process.stderr.write(notices);
  }

  /** Every output's end, then every file into place: none is renamed unless all were written whole. */
  async end(): Promise<void> {
    for (const o of this.outs) {
      await o.sink.end();
      await o.close();
    }
    for (const o of this.outs) o.commit?.();
    this.uninstall();
    // A timeline row needs a time, so a timeline on stdout says on stderr that it is whole.
    if (this.flags.output === undefined && this.flags.timeline) {
      const n = this.statuses.length;
      process.stderr.write(`pophist: timeline complete: ${n} ${n === 1 ? 'source' : 'sources'}\n`);
    }
  }

  exitCode(): 0 | 1 | 2 {
    return exitCode(this.statuses);
  }
}
