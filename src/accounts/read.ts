// A user's hive read for its mail accounts: the contract `pophist/accounts@1`
// (schema/accounts.schema.json). Damage is recorded where it is met and the reading goes on.

import { createHash } from 'node:crypto';
import { openHive, RegistryFormatError, RegistryWarnings, type RegistryWarning } from '../registry/index.js';
import { findProfiles, type Profile } from './profiles.js';

export const ACCOUNTS_SCHEMA = 'pophist/accounts@1';

export interface HiveProblem {
  code: string;
  message: string;
  /** Absolute file offset in the hive, when one applies. */
  offset?: number;
}

export interface HiveFacts {
  /** REGF format, `1.5`. */
  version: string;
  primarySequence: number;
  secondarySequence: number;
  /** The sequence numbers differ: the transaction logs hold changes not in this file. */
  dirty: boolean;
  lastWritten?: string;
  /** The path Windows stored in the hive's header. */
  fileName: string;
}

export interface HiveAccounts {
  path: string;
  status: 'read' | 'error';
  error?: HiveProblem;
  sha256: string;
  hive?: HiveFacts;
  profiles: Profile[];
  warnings: HiveProblem[];
}

export interface AccountsReport {
  schema: typeof ACCOUNTS_SCHEMA;
  tool: { name: 'pophist'; version: string };
  hives: HiveAccounts[];
}

function problem(w: RegistryWarning | RegistryFormatError): HiveProblem {
  const out: HiveProblem = { code: w.code, message: w.message };
  if (w.offset !== undefined) out.offset = w.offset;
  return out;
}

/** The accounts of every profile in a hive's bytes; a file that is no hive has status `error`. */
export function readHiveAccounts(path: string, bytes: Buffer): HiveAccounts {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const warnings = new RegistryWarnings();
  let hive;
  try {
    hive = openHive(bytes, warnings);
  } catch (e) {
    if (!(e instanceof RegistryFormatError)) throw e;
    return { path, status: 'error', error: problem(e), sha256, profiles: [], warnings: warnings.list.map(problem) };
  }
  const h = hive.header;
  const facts: HiveFacts = { version: `${h.major}.${h.minor}`, primarySequence: h.primarySequence, secondarySequence: h.secondarySequence, dirty: h.dirty, fileName: h.fileName };
  if (h.lastWritten) facts.lastWritten = h.lastWritten.toISOString();
  const profiles = findProfiles(hive.root, hive.warnings);
  return { path, status: 'read', sha256, hive: facts, profiles, warnings: hive.warnings.list.map(problem) };
}
