// `pophist inspect FILE|DIR…`: every POP3 history in PST, OST and MSG evidence.

import type { Argv } from 'yargs';
import { DEFAULT_OPTIONS, displayPath, inspectEvidence, type EvidenceInput, type InspectedEvidence, type ResolvedOptions } from '../../analysis/index.js';
import { TIMELINE_FORMATS, toSource } from '../../report/index.js';
import { UsageError } from '../errors.js';
import type { RenderedSource } from '../formats.js';
import { evidenceInput, expandInputs, isStdin, type ExpandedInput } from '../inputs.js';
import { inspectInWorkers, JOBS_OPTIONS, type JobsFlags } from '../jobs.js';
import { nonEmpty, wholeNumber, wholeSeconds } from '../option-values.js';
import { optionsFromFlags, type AnalysisFlags } from '../resolve-options.js';
import { reportRun } from '../summary.js';
import { header, ReportOutput, withOutputFlags, type OutputFlags } from '../output.js';
import { inputProgress, progressWanted } from '../progress-bar.js';

interface InspectArgs extends OutputFlags, JobsFlags, AnalysisFlags {
  inputs?: (string | undefined)[];
  recursive: boolean;
  quiet: boolean;
}

/** Where inspect's sources go: each whole, or rendered in its formats by a worker thread ahead of its turn. */
export type InspectSink = Pick<ReportOutput, 'formats' | 'source' | 'rendered'>;

/**
 * Every input's source, in input order, each handed to the sink as soon as it and those before it are
 * known. With one job, one input after the other in this thread, and with `showProgress` a bar on
 * stderr for an input that takes over a second (gone before its source is); else from worker threads.
 */
export async function inspectInputs(inputs: readonly ExpandedInput[], options: ResolvedOptions, sink: InspectSink, jobs: JobsFlags, showProgress = false): Promise<void> {
  const readable = inputs.filter((i) => i.error === undefined).map((i) => evidenceInput(i.path));
  const inThreads = jobs.jobs > 1 && readable.length > 1 ? inspectInWorkers(readable, { options, formats: sink.formats }, jobs) : undefined;
  try {
    for (const input of inputs) {
      if (input.error !== undefined) await sink.source(toSource({ type: 'error', base: { path: displayPath(input.path) }, error: input.error }));
      else if (inThreads) await sink.rendered((await inThreads.next()).value as RenderedSource);
      else await sink.source(toSource(inspectInThisThread(evidenceInput(input.path), displayPath(input.path), options, showProgress)));
    }
  } finally {
    await inThreads?.return(undefined); // ends the threads
  }
}

function inspectInThisThread(input: EvidenceInput, shown: string, options: ResolvedOptions, showProgress: boolean): InspectedEvidence {
  const progress = inputProgress(shown, showProgress);
  try {
    return inspectEvidence(input, options, progress.listener);
  } finally {
    progress.done();
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
          .option('recover', { type: 'boolean', default: DEFAULT_OPTIONS.recover, describe: 'also search freed space for older Message Managers and histories (one more pass over the file)' })
          .option('recover-memory', {
            type: 'string',
            requiresArg: true,
            coerce: wholeNumber('recover-memory', 1, 1 << 20, ' of MiB'),
            describe: `with --recover: MiB that freed-space candidates may take (default ${DEFAULT_OPTIONS.recoverMemory}); past it they are counted in a LIMIT warning`,
          })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar (it is shown only on a terminal, for a store that takes over a second)' })
          // Reports for other tools and people: a timeline as the format, an HTML page beside it.
          .option('timeline', { choices: TIMELINE_FORMATS, describe: 'one row per event for Timesketch (JSONL, CSV), plaso l2tcsv or a mactime body file' })
          .conflicts('timeline', ['json', 'ndjson', 'csv'])
          .option('html', { type: 'string', requiresArg: true, describe: "also write a self-contained HTML report (with a chart) to FILE (never inside an input's directory)" })
          .example('$0 inspect evidence.pst', 'the table: every history, each download tied to its message')
          .example('$0 inspect -r case/ --csv > downloads.csv', 'every store under a case folder, as CSV')
          .example('$0 inspect evidence.pst --json | jq .sources', 'the report as JSON (schema/report.schema.json)')
          .example('$0 inspect evidence.pst --smtp alice@example.com', 'mark the history Outlook itself uses for that account')
          .example('$0 inspect evidence.pst --recover --json', 'also older Message Managers and histories left in freed space')
          .example('$0 inspect -r case/ --ndjson --jobs 4', 'four stores at a time, the output as with --jobs 1'),
      ).options(JOBS_OPTIONS),
    handler: async (args: InspectArgs): Promise<void> => {
      // `default: undefined` keeps "[default: []]" out of the help; yargs then passes [undefined].
      const named = (args.inputs ?? []).filter((p): p is string => typeof p === 'string');
      if (named.length === 0) throw new UsageError('inspect needs at least one PST, OST or MSG file or directory: pophist inspect FILE|DIR…');
      // The HTML page is for the case file: it always gives each input's sha256.
      const options = optionsFromFlags({ ...args, hash: args.hash || args.html !== undefined });
      const out = ReportOutput.open(args, named.filter((p) => !isStdin(p)));
      const expansion = expandInputs(named, args.recursive);
      await out.begin(header(options, args));
      await inspectInputs(expansion.inputs, options, out, args, progressWanted(args.quiet));
      await out.end();
      reportRun(out.statuses, expansion);
      setExit(out.exitCode());
    },
  };
}
