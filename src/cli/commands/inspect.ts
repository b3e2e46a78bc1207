// `pophist inspect FILE|DIR…`: every POP3 history in PST, OST and MSG evidence.

import type { Argv } from 'yargs';
import { DEFAULT_OPTIONS, displayPath, inspectEvidence, type EvidenceInput, type InspectedEvidence, type ProgressListener, type ResolvedOptions } from '../../analysis/index.js';
import { TIMELINE_FORMATS, toSource, type SourceStatus } from '../../report/index.js';
import { UsageError } from '../errors.js';
import { evidenceInput, expandInputs, inputIdentities, isStdin, type ExpandedInput } from '../inputs.js';
import { deadWorkerError, inspectInWorkers, JOBS_OPTIONS, type JobsFlags } from '../jobs.js';
import { AnswerCutError } from '../worker-pool.js';
import { nonEmpty, wholeNumber, wholeSeconds } from '../option-values.js';
import { optionsFromFlags, type AnalysisFlags } from '../resolve-options.js';
import { nothingExamined, reportRun } from '../summary.js';
import { withOutputFlags, type OutputFlags } from '../output-flags.js';
import { ReportOutput } from '../output.js';
import { inputProgress, progressWanted } from '../progress-bar.js';
import { progressLines, type ProgressLines } from '../progress-lines.js';

interface InspectArgs extends OutputFlags, JobsFlags, AnalysisFlags {
  inputs?: (string | undefined)[];
  recursive: boolean;
  quiet: boolean;
  progressJson: boolean;
}

/** Where inspect's sources go: each whole, or rendered in its formats by a worker thread ahead of its turn. */
export type InspectSink = Pick<ReportOutput, 'formats' | 'source' | 'rendered'>;

/** How inspect shows progress on stderr: a bar on a terminal, or JSON lines (--progress-json) in its place. */
export interface InspectProgress {
  bar: boolean;
  lines?: ProgressLines;
}

/**
 * Every input's source, in input order, each handed to the sink as soon as it and those before it are
 * known. With one job, one input after the other in this thread, with a bar on stderr for an input
 * that takes over a second (gone before its source is) or progress lines as it is read; else from
 * worker threads, with a progress line as each input is done.
 */
export async function inspectInputs(inputs: readonly ExpandedInput[], options: ResolvedOptions, sink: InspectSink, jobs: JobsFlags, progress: InspectProgress = { bar: false }): Promise<void> {
  const readable = inputs.filter((i) => i.error === undefined).map((i) => evidenceInput(i.path));
  const inThreads = jobs.jobs > 1 && readable.length > 1 ? inspectInWorkers(readable, { options, formats: sink.formats }, jobs) : undefined;
  try {
    for (const [index, input] of inputs.entries()) {
      const shown = displayPath(input.path);
      let status: SourceStatus;
      if (input.error !== undefined) {
        const source = toSource({ type: 'error', base: { path: shown }, error: input.error });
        status = source.status;
        await sink.source(source);
      } else if (inThreads) {
        const answer = await inThreads.next();
        if (answer.done) throw new Error('the worker threads answered fewer inputs than they were given');
        status = await cutShort(() => sink.rendered(answer.value), shown, jobs);
      } else {
        const source = toSource(inspectInThisThread(evidenceInput(input.path), shown, options, progress.bar, progress.lines?.reading(index, shown)));
        status = source.status;
        await sink.source(source);
      }
      progress.lines?.done(index, shown, status);
    }
  } finally {
    await inThreads?.return(undefined); // ends the threads
  }
}

/** A worker thread that died after part of its input's text was written: the run cannot go on, and says why. */
async function cutShort(write: () => Promise<SourceStatus>, shown: string, jobs: JobsFlags): Promise<SourceStatus> {
  try {
    return await write();
  } catch (e) {
    if (!(e instanceof AnswerCutError)) throw e;
    throw new UsageError(`${shown}: ${deadWorkerError(e.died, jobs.workerMemory).message}; its report was being written, so the output is incomplete`);
  }
}

/** One input in this thread, its progress shown by the lines when given (they replace the bar), else by the bar. */
function inspectInThisThread(input: EvidenceInput, shown: string, options: ResolvedOptions, showBar: boolean, lines: ProgressListener | undefined): InspectedEvidence {
  const bar = inputProgress(shown, showBar && lines === undefined);
  try {
    return inspectEvidence(input, options, lines ?? bar.listener);
  } finally {
    bar.done();
  }
}

export function inspectCommand(setExit: (code: number) => void) {
  return {
    // Optional for yargs so that a missing input gets our one-line message, after unknown options are named.
    command: 'inspect [inputs..]',
    describe: 'Find and decode every POP3 download history in PST, OST and MSG files or directories',
    builder: (y: Argv) =>
      withOutputFlags(
        y
          .positional('inputs', { type: 'string', array: true, default: undefined, describe: 'PST, OST or MSG files, or directories of them' })
          .option('recursive', { alias: 'r', type: 'boolean', default: false, describe: 'descend into subdirectories' })
          .option('hash', { type: 'boolean', default: DEFAULT_OPTIONS.hash, describe: 'add the sha256 of each input' })
          .option('correlate', { type: 'boolean', default: DEFAULT_OPTIONS.correlate, describe: 'tie each downloaded UID to the message it created (--no-correlate to skip)' })
          .option('window', { type: 'string', default: DEFAULT_OPTIONS.window, requiresArg: true, coerce: wholeSeconds('window', 86_400), describe: 'seconds either side of a tag time for a near match' })
          .option('profile-name', { type: 'string', requiresArg: true, describe: "the Outlook profile's name (Outlook 2010+: empty, written --profile-name '')" })
          .option('search-key', { type: 'string', requiresArg: true, coerce: nonEmpty('search-key'), describe: "the profile's search key, hex (Outlook 2010+: 47656E6572616C204B657900)" })
          .option('smtp', { type: 'string', requiresArg: true, coerce: nonEmpty('smtp'), describe: "the POP3 account's SMTP address" })
          .option('account-uid', { type: 'string', requiresArg: true, coerce: nonEmpty('account-uid'), describe: "the account's mini UID, 8 hex digits" })
          .option('registry', {
            type: 'string',
            requiresArg: true,
            coerce: (v: string | string[]) => [v].flat(),
            describe: "a user's registry hive (NTUSER.DAT; repeat for more): tie each history to its POP3 account and policy, and select a store's own account",
          })
          .option('recover', { type: 'boolean', default: DEFAULT_OPTIONS.recover, describe: 'also search freed space for older Message Managers and histories (one more pass over the file)' })
          .option('recover-memory', {
            type: 'string',
            requiresArg: true,
            coerce: wholeNumber('recover-memory', 1, 1 << 20, ' of MiB'),
            describe: `with --recover: MiB that freed-space candidates may take (default ${DEFAULT_OPTIONS.recoverMemory}); past it they are counted in a LIMIT warning`,
          })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar (it is shown only on a terminal, for a store that takes over a second)' })
          .option('progress-json', { type: 'boolean', default: false, describe: 'progress as JSON lines (pophist/progress@1) on stderr instead of the bar, for a program running pophist' })
          // Reports for other tools and people: a timeline as the format, an HTML page beside it.
          .option('timeline', { choices: TIMELINE_FORMATS, describe: 'one row per event for Timesketch (JSONL, CSV), plaso l2tcsv or a mactime body file' })
          .conflicts('timeline', ['json', 'ndjson'])
          .option('force', { type: 'boolean', default: false, describe: 'replace an existing -o, --html, --json-file or --csv DIR file' })
          .option('html', { type: 'string', requiresArg: true, describe: "also write a self-contained HTML report (with a chart) to FILE (never inside an input's directory)" })
          .option('json-file', { type: 'string', requiresArg: true, describe: 'also write the report as one JSON document (what --json prints) to FILE, from the same analysis as the output on stdout' })
          .example('$0 inspect evidence.pst', 'the table: every history, each download tied to its message')
          .example('$0 inspect -r case/ --csv > downloads.csv', 'every store under a case folder, as one CSV')
          .example('$0 inspect -r case/ --csv out/ --timestamp', 'a CSV file per record type in out/, named with the time')
          .example('$0 inspect evidence.pst --json | jq .sources', 'the report as JSON (schema/report.schema.json)')
          .example('$0 inspect evidence.pst --smtp alice@example.com', 'mark the history Outlook itself uses for that account')
          .example('$0 inspect evidence.pst --registry NTUSER.DAT', "each history's account: server, user, leave-on-server policy, and the tags that policy contradicts")
          .example('$0 inspect evidence.pst --recover --json', 'also older Message Managers and histories left in freed space')
          .example('$0 inspect -r case/ --ndjson --jobs 4', 'four stores at a time, the output as with --jobs 1'),
      ).options(JOBS_OPTIONS),
    handler: async (args: InspectArgs): Promise<void> => {
      // `default: undefined` keeps "[default: []]" out of the help; yargs then passes [undefined].
      const named = (args.inputs ?? []).filter((p): p is string => typeof p === 'string');
      if (named.length === 0) {
        // `inspect --csv case/`: the directory went to --csv, as the place for its files.
        const csvTook = args.csv ? `; --csv took ${args.csv} as the directory to write its files in (for one CSV on standard output, write the inputs first: pophist inspect ${args.csv} --csv)` : '';
        throw new UsageError(`inspect needs at least one PST, OST or MSG file or directory: pophist inspect FILE|DIR…${csvTook}`);
      }
      // The HTML page is for the case file: it always gives each input's sha256.
      const options = optionsFromFlags({ ...args, hash: args.hash || args.html !== undefined });
      // The walk comes first: no output may be a file it found (a hard link into a walked directory).
      const expansion = expandInputs(named, args.recursive);
      // A hive is evidence too: no output goes beside it.
      const out = ReportOutput.open(args, [...named.filter((p) => !isStdin(p)), ...(args.registry ?? [])], inputIdentities(expansion));
      if (expansion.inputs.length === 0) throw new UsageError(nothingExamined(expansion));
      await out.begin(out.header(options));
      const progress = args.progressJson ? { bar: false, lines: progressLines(expansion.inputs.length) } : { bar: progressWanted(args.quiet) };
      await inspectInputs(expansion.inputs, options, out, args, progress);
      await out.end();
      reportRun(out.statuses, expansion);
      // An input that could not be reached is never "no history".
      setExit(expansion.skipped.some((s) => s.unreachable) ? 2 : out.exitCode());
    },
  };
}
