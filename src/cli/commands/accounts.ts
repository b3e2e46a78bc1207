// `pophist accounts NTUSER.DAT… [--json | --csv]`: the Outlook profiles in users' registry hives
// and their POP3 accounts: server, user, leave-on-server policy, the history's Blob name, the
// delivery store. Each hive is read-only evidence: read whole into memory, never written.

import type { Argv } from 'yargs';
import { ACCOUNTS_SCHEMA, type AccountsReport, type HiveAccounts } from '../../accounts/index.js';
import { escapeText, toolVersion } from '../../report/index.js';
import { accountsCsv, accountsLines } from '../accounts-output.js';
import { UsageError } from '../errors.js';
import { readHiveFile } from '../read-hive.js';

interface AccountsArgs {
  hives?: (string | undefined)[];
  json?: boolean;
  csv?: boolean;
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
      const { hive, problem } = readHiveFile(file);
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
