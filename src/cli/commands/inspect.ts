// `pophist inspect FILE|DIR…`: every POP3 history in PST, OST and MSG evidence.

import { readFileSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { MsgFormatError, readMsg } from '../../msg/read.js';
import type { ProfileFacts } from '../../pop3/analyze.js';
import { analyze } from '../../pop3/analyze.js';
import { inspectStore } from '../../pop3/inspect.js';
import type { ProgressListener } from '../../pop3/progress.js';
import { PstFormatError } from '../../pst/file/errors.js';
import { openPst } from '../../pst/messaging/store.js';
import { errorSource, exitCode, makeReport, msgSource, storeSource, type SourceBase } from '../../report/build.js';
import type { Source } from '../../report/types.js';
import { UsageError } from '../errors.js';
import { wholeSeconds, nonEmpty } from '../option-values.js';
import { expandInputs, sha256File, sniffKind } from '../inputs.js';
import { writeNotices } from '../notices.js';
import { inputProgress, progressWanted } from '../progress-bar.js';
import { writeReport, withOutputFlags, type OutputFlags } from '../output.js';

interface InspectArgs extends OutputFlags {
  inputs?: (string | undefined)[];
  recursive: boolean;
  hash: boolean;
  correlate: boolean;
  window: number;
  profileName?: string;
  searchKey?: string;
  smtp?: string;
  accountUid?: string;
  quiet: boolean;
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

/** One input to one source; never throws for bad evidence, only reports it. */
function inspectPath(path: string, profile: ProfileFacts, args: Pick<InspectArgs, 'hash' | 'correlate' | 'window'>, onProgress?: ProgressListener): Source {
  const base: SourceBase = { path };
  try {
    base.size = statSync(path).size;
    const kind = sniffKind(path);
    if (kind !== 'unknown') base.kind = kind;
    if (args.hash) base.sha256 = sha256File(path);
    if (kind === 'pst' || kind === 'ost') {
      const store = openPst(path);
      try {
        return storeSource(base, store, inspectStore(store, profile, args.correlate ? { windowSeconds: args.window } : undefined, onProgress));
      } finally {
        store.close();
      }
    }
    if (kind === 'msg') {
      const item = readMsg(new Uint8Array(readFileSync(path)));
      return msgSource(base, analyze([{ ...item, messageClass: item.messageClass ?? '', inInbox: true }], profile));
    }
    return errorSource(base, { code: 'NOT_A_PST', message: 'not a PST, OST or MSG file (no !BDN or compound-file signature)' });
  } catch (e) {
    if (e instanceof PstFormatError || e instanceof MsgFormatError) return errorSource(base, e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return errorSource(base, { code: 'UNREADABLE', message: `cannot read the file (${code})` });
    throw e;
  }
}

/** The source, after its stderr lines (unreadable input, a selection that matched nothing) are written. */
function noted(source: Source): Source {
  writeNotices(source);
  return source;
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
          .option('hash', { type: 'boolean', default: false, describe: 'add the sha256 of each input' })
          .option('correlate', { type: 'boolean', default: true, describe: 'tie each downloaded UID to the message it created (--no-correlate to skip)' })
          .option('window', { type: 'string', default: 2, requiresArg: true, coerce: wholeSeconds('window', 86_400), describe: 'seconds either side of a tag time for a near match' })
          .option('profile-name', { type: 'string', requiresArg: true, describe: "the Outlook profile's name (Outlook 2010+: empty, written --profile-name '')" })
          .option('search-key', { type: 'string', requiresArg: true, coerce: nonEmpty('search-key'), describe: "the profile's search key, hex (Outlook 2010+: 47656E6572616C204B657900)" })
          .option('smtp', { type: 'string', requiresArg: true, coerce: nonEmpty('smtp'), describe: "the POP3 account's SMTP address" })
          .option('account-uid', { type: 'string', requiresArg: true, coerce: nonEmpty('account-uid'), describe: "the account's mini UID, 8 hex digits" })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar (it is shown only on a terminal, for a store that takes over a second)' })
          .example('$0 inspect evidence.pst', 'the table: every history, each download tied to its message')
          .example('$0 inspect -r case/ --csv > downloads.csv', 'every store under a case folder, one CSV row per tag')
          .example('$0 inspect evidence.pst --json | jq .sources', 'the report as JSON (schema/report.schema.json)')
          .example('$0 inspect evidence.pst --smtp alice@example.com', "mark the history Outlook itself uses for that account"),
      ),
    handler: async (args: InspectArgs): Promise<void> => {
      // `default: undefined` keeps "[default: []]" out of the help; yargs then passes [undefined].
      const inputs = (args.inputs ?? []).filter((p): p is string => typeof p === 'string');
      if (inputs.length === 0) throw new UsageError('inspect needs at least one PST, OST or MSG file or directory: pophist inspect FILE|DIR…');
      const profile = facts(args);
      const showProgress = progressWanted(args.quiet);
      const sources = expandInputs(inputs, args.recursive).map((input) => {
        if (input.error !== undefined) return noted(errorSource({ path: input.path }, { code: 'UNREADABLE', message: `cannot read the path (${input.error})` }));
        const progress = inputProgress(input.path, showProgress);
        let source: Source;
        try {
          source = inspectPath(input.path, profile, args, progress.listener);
        } finally {
          progress.done(); // before the input's stderr lines, which would otherwise land inside the bar
        }
        return noted(source);
      });
      const report = makeReport(sources);
      await writeReport(report, args);
      setExit(exitCode(report));
    },
  };
}
