// The user's registry hives as an analysis takes them (inspect --registry): each hive's identity and
// the mail accounts of every profile, flattened to plain data so that worker threads receive it as is.
// What each field proves, and what it does not, is in docs/registry.md.

import type { AccountKind, HiveAccounts, LeavePolicy } from '../../accounts/index.js';

/** One account of a hive, with what the ties and the policy findings rest on. The password is never carried. */
export interface KnownAccount {
  /** The hive it was read from, as named on the command line. */
  hive: string;
  profile: string;
  /** The account key's name (8 hex digits) and its path in the hive. */
  id: string;
  keyPath: string;
  kind: AccountKind;
  accountName?: string;
  email?: string;
  pop3Server?: string;
  pop3User?: string;
  smtpServer?: string;
  /** PROP_ACCT_MINI_UID as 8 lower-case hex digits. */
  miniUid?: string;
  policy?: LeavePolicy;
  /** The record key from `Delivery Folder EntryID`, 32 upper-case hex digits. */
  deliveryRecordKey?: string;
  /** The store path from `Delivery Store EntryID`, as recorded on the user's machine. */
  deliveryPath?: string;
  /** The key's last-write time: the settings were last created or changed then. */
  lastWritten?: string;
}

export interface KnownHive {
  path: string;
  sha256: string;
  /** The transaction logs were not applied: recent changes may be missing. */
  dirty?: boolean;
  /** How many POP3 accounts its profiles hold. */
  pop3Accounts: number;
  /** Damage met while reading it, each with its offset. */
  warnings?: string[];
}

export interface RegistryFacts {
  hives: KnownHive[];
  accounts: KnownAccount[];
}

function known(hive: string, profile: string, a: HiveAccounts['profiles'][number]['accounts'][number]): KnownAccount {
  const out: KnownAccount = { hive, profile, id: a.id, keyPath: a.keyPath, kind: a.kind };
  const copy = { accountName: a.accountName, email: a.email, pop3Server: a.pop3Server, pop3User: a.pop3User, smtpServer: a.smtpServer, miniUid: a.miniUid };
  for (const [k, v] of Object.entries(copy)) if (v !== undefined) out[k as keyof typeof copy] = v;
  if (a.leaveOnServer) out.policy = a.leaveOnServer;
  if (a.deliveryFolder) out.deliveryRecordKey = a.deliveryFolder.storeRecordKey;
  if (a.deliveryStore?.path !== undefined) out.deliveryPath = a.deliveryStore.path;
  // Whole seconds, as every other time of the report is written.
  if (a.lastWritten !== undefined) out.lastWritten = a.lastWritten.replace('.000Z', 'Z');
  return out;
}

/** The hives read for their accounts (the CLI stops at one it cannot read), as the analysis and the report header take them; a hive given twice (the same bytes) counts once. */
export function registryFacts(hives: readonly HiveAccounts[]): RegistryFacts {
  const out: RegistryFacts = { hives: [], accounts: [] };
  for (const h of hives) {
    if (out.hives.some((k) => k.sha256 === h.sha256)) continue;
    const accounts = h.profiles.flatMap((p) => p.accounts.map((a) => known(h.path, p.name, a)));
    const k: KnownHive = { path: h.path, sha256: h.sha256, pop3Accounts: accounts.filter((a) => a.kind === 'pop3').length };
    if (h.hive?.dirty) k.dirty = true;
    if (h.warnings.length > 0) k.warnings = h.warnings.map((w) => `${w.message}${w.offset === undefined ? '' : ` (offset ${w.offset})`}`);
    out.hives.push(k);
    out.accounts.push(...accounts);
  }
  return out;
}
