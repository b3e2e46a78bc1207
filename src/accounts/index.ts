// The mail accounts of a user's registry hive (NTUSER.DAT), for the CLI: Outlook profiles, their
// POP3 accounts and leave-on-server policies, read with the offline hive reader in src/registry.

export type { Account, AccountKind } from './account.js';
export type { DeliveryFolder, DeliveryStore } from './entryids.js';
export type { LeavePolicy } from './policy.js';
export type { Profile } from './profiles.js';
export { ACCOUNTS_SCHEMA, readHiveAccounts, type AccountsReport, type HiveAccounts, type HiveProblem } from './read.js';
