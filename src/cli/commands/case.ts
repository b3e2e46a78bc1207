// `pophist case INPUT…`: one account history across a whole case (docs/case.md). Every input is
// analysed once, as inspect analyses it; the case keeps each one's index and joins them at the end.

import type { Argv } from 'yargs';
import { DEFAULT_OPTIONS, joinCase, resolveOptions } from '../../analysis/index.js';
import { caseReport, exitCode, TIMELINE_FORMATS, type SourceStatus } from '../../report/index.js';
import { caseInputs } from '../case-inputs.js';
import { planCaseOutputs, type CaseOutputFlags } from '../case-output.js';
import { UsageError } from '../errors.js';
import { expandInputs, inputIdentities, isStdin } from '../inputs.js';
import { JOBS_OPTIONS, type JobsFlags } from '../jobs.js';
import { wholeNumber, wholeSeconds } from '../option-values.js';
import { nothingExamined, reportRun } from '../summary.js';

interface CaseArgs extends JobsFlags, CaseOutputFlags {
  inputs?: (string | undefined)[];
  recursive: boolean;
  hash: boolean;
  window?: number;
  recover: boolean;
  recoverMemory?: number;
}

export function caseCommand(setExit: (code: number) => void) {
  return {
    command: 'case [inputs..]',
    describe: 'One account history across a whole case: every store, snapshot, archive, export and recovered version',
    builder: (y: Argv) =>
      y
        .positional('inputs', { type: 'string', array: true, default: undefined, describe: 'PST, OST and MSG files, or directories of them' })
        .option('recursive', { alias: 'r', type: 'boolean', default: false, describe: 'descend into subdirectories' })
        .option('hash', { type: 'boolean', default: DEFAULT_OPTIONS.hash, describe: 'add the sha256 of each input' })
        .option('window', { type: 'string', default: DEFAULT_OPTIONS.window, requiresArg: true, coerce: wholeSeconds('window', 86_400), describe: 'seconds either side of a tag time for a near match' })
        .option('recover', { type: 'boolean', default: DEFAULT_OPTIONS.recover, describe: 'also take the older histories left in freed space as versions (one more pass over each store)' })
        .option('recover-memory', { type: 'string', requiresArg: true, coerce: wholeNumber('recover-memory', 1, 1 << 20, ' of MiB'), describe: `with --recover: MiB that freed-space candidates may take (default ${DEFAULT_OPTIONS.recoverMemory})` })
        .option('json', { type: 'boolean', describe: 'the case report as one JSON document (schema pophist/case@1)' })
        .option('ndjson', { type: 'boolean', describe: 'a JSON line per input, store, account, UID and finding, and an end line' })
        .option('html', { type: 'string', requiresArg: true, describe: "also write a self-contained HTML page (versions as swimlanes, the UIDs' presence as a chart) to FILE; it gives each input's sha256" })
        .option('csv', { type: 'string', requiresArg: true, describe: 'also write a CSV file per record type (inputs, versions, UIDs, messages, findings) in DIR' })
        .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: "write to FILE instead of standard output (never an existing file without --force, nor inside an input's directory)" })
        .option('force', { type: 'boolean', default: false, describe: 'replace an existing -o, --html or --csv DIR file' })
        .option('timestamp', { type: 'boolean', default: false, describe: 'state when the report was made (reruns then differ); --csv DIR names its files with that time' })
        .option('wide', { type: 'boolean', describe: 'on a terminal, the full table however wide' })
        .option('timeline', { choices: TIMELINE_FORMATS, describe: 'one row per event, naming its history version, for Timesketch (JSONL, CSV), plaso l2tcsv or a mactime body file' })
        .conflicts('json', 'ndjson')
        .conflicts('timeline', ['json', 'ndjson'])
        .options(JOBS_OPTIONS)
        .example('$0 case -r case-folder/', 'every store, snapshot, archive and export under the folder, as one history per account')
        .example('$0 case live.pst shadow/*.pst archive.pst --recover --json', 'the case report as JSON, with older histories from freed space')
        .example('$0 case -r case-folder/ --csv out/', 'the table, and a CSV file per record type in out/'),
    handler: async (args: CaseArgs): Promise<void> => {
      const named = (args.inputs ?? []).filter((p): p is string => typeof p === 'string');
      if (named.length === 0) throw new UsageError('case needs at least one PST, OST or MSG file or directory: pophist case FILE|DIR…');
      const options = resolveOptions({ correlate: true, window: args.window, hash: args.hash || args.html !== undefined, recover: args.recover, recoverMemory: args.recoverMemory, origins: true });
      const started = new Date();
      const expansion = expandInputs(named, args.recursive);
      const write = planCaseOutputs(args, named.filter((p) => !isStdin(p)), inputIdentities(expansion), started);
      if (expansion.inputs.length === 0) throw new UsageError(nothingExamined(expansion));
      const found = joinCase(await caseInputs(expansion.inputs, options, args));
      await write(caseReport(found, options, args.timestamp ? started : undefined));
      const statuses = found.inputs.flatMap((i): SourceStatus[] => (i.status === 'same-file' ? [] : [i.status]));
      reportRun(statuses, expansion);
      setExit(expansion.skipped.some((s) => s.unreachable) ? 2 : exitCode(statuses));
    },
  };
}
