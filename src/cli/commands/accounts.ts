// `pophist accounts NTUSER.DAT… [--json | --csv]`: the Outlook profiles in users' registry hives
// and their POP3 accounts: server, user, leave-on-server policy, the history's Blob name, the
// delivery store. Each hive is read-only evidence: read whole into memory, never written.

import type { Argv } from 'yargs';
import { ACCOUNTS_SCHEMA, readHiveAccounts, type AccountsReport, type HiveAccounts } from '../../accounts/index.js';
import { NotAFileError, readWhole } from '../../analysis/index.js';
import { MAX_HIVE_BYTES, RegistryFormatError } from '../../registry/index.js';
import { escapeText, toolVersion } from '../../report/index.js';
import { accountsCsv, accountsLines } from '../accounts-output.js';
import { cannotRead, UsageError } from '../errors.js';
import { rawArgument } from '../inputs.js';

interface AccountsArgs {
  hives?: (string | undefined)[];
  json?: boolean;
  csv?: boolean;
}

const failed = (path: string, code: string, message: string): HiveAccounts => ({ path, status: 'error', error: { code, message }, sha256: '', profiles: [], warnings: [] });

/** One hive's accounts; a file that cannot be read becomes an error entry and a line for stderr. */
function readFile(path: string): { hive: HiveAccounts; problem?: string } {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(rawArgument(path), MAX_HIVE_BYTES, (size) => new RegistryFormatError('LIMIT', `the file holds ${size} bytes, past the ${MAX_HIVE_BYTES}-byte limit for a hive`));
  } catch (e) {
    if (e instanceof RegistryFormatError) return { hive: failed(path, e.code, e.message), problem: `${path}: ${e.describe()}` };
    if (e instanceof NotAFileError) return { hive: failed(path, e.code, `${path}: ${e.message}`), problem: `${path}: ${e.message}` };
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const problem = cannotRead(path, code).message;
    return { hive: failed(path, 'UNREADABLE', problem), problem };
  }
  const hive = readHiveAccounts(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (hive.status === 'error') return { hive, problem: `${path}: ${hive.error!.message}${hive.error!.offset === undefined ? '' : ` (registry, offset ${hive.error!.offset})`}` };
  return { hive };
}

export const accountsCommand = {
  command: 'accounts [hives..]',
  describe: "List the Outlook profiles and POP3 accounts in users' registry hives (NTUSER.DAT)",
  builder: (y: Argv) =>
    y
      .positional('hives', { type: 'string', array: true, default: undefined, describe: 'NTUSER.DAT files (registry hives)' })
      .option('json', { type: 'boolean', describe: `the accounts as one JSON document (schema ${ACCOUNTS_SCHEMA}, schema/accounts.schema.json)` })
      .option('csv', { type: 'boolean', describe: 'one CSV row per hive, account and warning' })
      .conflicts('json', 'csv')
      .example('$0 accounts NTUSER.DAT', "each profile's POP3 accounts: server, user, leave-on-server policy, Blob name")
      .example('$0 accounts users/*/NTUSER.DAT --json', 'every hive as JSON'),
  handler: (args: AccountsArgs): number => {
    const files = (args.hives ?? []).filter((f): f is string => typeof f === 'string');
    if (files.length === 0) throw new UsageError('accounts needs at least one registry hive: pophist accounts NTUSER.DAT…');
    const hives: HiveAccounts[] = [];
    for (const file of files) {
      const { hive, problem } = readFile(file);
      if (problem !== undefined) process.stderr.write(`pophist: ${escapeText(problem)}\n`);
      hives.push(hive);
    }
    if (args.json) {
      const report: AccountsReport = { schema: ACCOUNTS_SCHEMA, tool: { name: 'pophist', version: toolVersion() }, hives };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else if (args.csv) {
      for (const chunk of accountsCsv(hives)) process.stdout.write(chunk);
    } else {
      const blocks = hives.filter((h) => h.status === 'read').map((h) => (files.length > 1 ? [`${escapeText(h.path)}:`, ...accountsLines(h)] : accountsLines(h)).join('\n'));
      if (blocks.length > 0) process.stdout.write(`${blocks.join('\n\n')}\n`);
    }
    if (hives.some((h) => h.status === 'error')) return 2;
    return hives.some((h) => h.profiles.some((p) => p.accounts.some((a) => a.kind === 'pop3'))) ? 0 : 1;
  },
};
