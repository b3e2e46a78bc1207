// `pophist inspect FILE|DIR…`: every POP3 history in PST, OST and MSG evidence.

import { readFileSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { MsgFormatError, readMsg } from '../../msg/read.js';
import type { ProfileFacts } from '../../pop3/analyze.js';
import { analyze } from '../../pop3/analyze.js';
import { inspectStore } from '../../pop3/inspect.js';
import { PstFormatError } from '../../pst/file/errors.js';
import { openPst } from '../../pst/messaging/store.js';
import { errorSource, exitCode, makeReport, msgSource, storeSource, type SourceBase } from '../../report/build.js';
import { withRecovered } from '../../report/recovered.js';
import type { Source } from '../../report/types.js';
import { UsageError } from '../errors.js';
import { expandInputs, sha256File, sniffKind } from '../inputs.js';
import { writeReport, withOutputFlags, type OutputFlags } from '../output.js';

interface InspectArgs extends OutputFlags {
  inputs: string[];
  recursive: boolean;
  hash: boolean;
  correlate: boolean;
  window: number;
  recover: boolean;
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

/** One input to one source; never throws for bad evidence, only reports it. */
function inspectPath(path: string, profile: ProfileFacts, args: Pick<InspectArgs, 'hash' | 'correlate' | 'window' | 'recover'>): Source {
  const base: SourceBase = { path };
  try {
    base.size = statSync(path).size;
    const kind = sniffKind(path);
    if (kind !== 'unknown') base.kind = kind;
    if (args.hash) base.sha256 = sha256File(path);
    if (kind === 'pst' || kind === 'ost') {
      const store = openPst(path);
      try {
        const found = inspectStore(store, profile, args.correlate ? { windowSeconds: args.window } : undefined, args.recover);
        return withRecovered(storeSource(base, store, found), found.recovery);
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
          .option('recover', { type: 'boolean', default: false, describe: 'also search freed space for older Message Managers and histories (one more pass over the file)' })
          .option('profile-name', { type: 'string', describe: "the Outlook profile's name (Outlook 2010+: empty)" })
          .option('search-key', { type: 'string', describe: "the profile's search key, hex (Outlook 2010+: 47656E6572616C204B657900)" })
          .option('smtp', { type: 'string', describe: "the POP3 account's SMTP address" })
          .option('account-uid', { type: 'string', describe: "the account's mini UID, 8 hex digits" }),
      ),
    handler: async (args: InspectArgs): Promise<void> => {
      if (!Number.isInteger(args.window) || args.window < 0 || args.window > 86_400) throw new UsageError('--window must be a whole number of seconds from 0 to 86400');
      const profile = facts(args);
      const sources = expandInputs(args.inputs, args.recursive).map((input) =>
        input.error !== undefined ? errorSource({ path: input.path }, { code: 'UNREADABLE', message: `cannot read the path (${input.error})` }) : inspectPath(input.path, profile, args),
      );
      const report = makeReport(sources);
      await writeReport(report, args);
      setExit(exitCode(report));
    },
  };
}
