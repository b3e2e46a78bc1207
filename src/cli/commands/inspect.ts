// `pophist inspect FILE|DIR…`: every POP3 history in PST, OST and MSG evidence.

import type { Argv } from 'yargs';
import { inspectEvidence, type Evidence, type EvidenceOptions, type ProfileFacts } from '../../pop3/index.js';
import { reportOptions, TIMELINE_FORMATS, toSource, type ReportSink } from '../../report/index.js';
import { UsageError } from '../errors.js';
import { expandInputs, type ExpandedInput } from '../inputs.js';
import { header, ReportOutput, withOutputFlags, type OutputFlags } from '../output.js';

interface InspectArgs extends OutputFlags {
  inputs: string[];
  recursive: boolean;
  hash: boolean;
  correlate: boolean;
  window: number;
  profileName?: string;
  searchKey?: string;
  smtp?: string;
  accountUid?: string;
}

function facts(args: InspectArgs): ProfileFacts {
  const f: ProfileFacts = {};
  if (args.profileName !== undefined) f.profileName = args.profileName;
  if (args.searchKey !== undefined) {
    const hex = args.searchKey.replace(/\s+/g, '');
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError(`--search-key must be hex bytes, got ${JSON.stringify(args.searchKey)}`);
    f.searchKey = Uint8Array.from(Buffer.from(hex, 'hex'));
  }
  if (args.smtp !== undefined) f.smtp = args.smtp;
  if (args.accountUid !== undefined) {
    if (!/^[0-9a-fA-F]{8}$/.test(args.accountUid)) throw new UsageError(`--account-uid must be 8 hex digits, got ${JSON.stringify(args.accountUid)}`);
    f.accountUid = args.accountUid.toLowerCase();
  }
  return f;
}

/** Each input in turn, its source handed to the sink before the next input is opened. */
export async function inspectInputs(inputs: readonly ExpandedInput[], options: EvidenceOptions, sink: ReportSink): Promise<void> {
  for (const input of inputs) {
    const found: Evidence =
      input.error !== undefined
        ? { type: 'error', base: { path: input.path }, error: { code: 'UNREADABLE', message: `cannot read the path (${input.error})` } }
        : inspectEvidence(input.path, options);
    await sink.source(toSource(found));
  }
}

export function inspectCommand(setExit: (code: number) => void) {
  return {
    command: 'inspect <inputs..>',
    describe: 'Find and decode every POP3 download history in PST, OST and MSG files or directories',
    builder: (y: Argv) =>
      withOutputFlags(
        y
          .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'files or directories' })
          .option('recursive', { alias: 'r', type: 'boolean', default: false, describe: 'descend into subdirectories' })
          .option('hash', { type: 'boolean', default: false, describe: 'add the sha256 of each input' })
          .option('correlate', { type: 'boolean', default: true, describe: 'tie each downloaded UID to the message it created (--no-correlate to skip)' })
          .option('window', { type: 'number', default: 2, describe: 'seconds either side of a tag time for a near match' })
          .option('profile-name', { type: 'string', describe: "the Outlook profile's name (Outlook 2010+: empty)" })
          .option('search-key', { type: 'string', describe: "the profile's search key, hex (Outlook 2010+: 47656E6572616C204B657900)" })
          .option('smtp', { type: 'string', describe: "the POP3 account's SMTP address" })
          .option('account-uid', { type: 'string', describe: "the account's mini UID, 8 hex digits" })
          // Reports for other tools and people: a timeline as the format, an HTML page beside it.
          .option('timeline', { choices: TIMELINE_FORMATS, describe: 'one row per event for Timesketch (JSONL, CSV), plaso l2tcsv or a mactime body file' })
          .conflicts('timeline', ['json', 'ndjson', 'csv'])
          .option('html', { type: 'string', requiresArg: true, describe: "also write a self-contained HTML report (with a chart) to FILE (never inside an input's directory)" }),
      ),
    handler: async (args: InspectArgs): Promise<void> => {
      if (!Number.isInteger(args.window) || args.window < 0 || args.window > 86_400) throw new UsageError('--window must be a whole number of seconds from 0 to 86400');
      const options: EvidenceOptions = { correlate: args.correlate, window: args.window, profile: facts(args), hash: args.hash };
      const out = ReportOutput.open(args, args.inputs);
      const inputs = expandInputs(args.inputs, args.recursive);
      await out.begin(header(reportOptions(options), args));
      await inspectInputs(inputs, options, out);
      await out.end();
      setExit(out.exitCode());
    },
  };
}
