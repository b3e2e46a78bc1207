// Which history versions are one account, by the keys the evidence gives (docs/case.md): the SMTP
// address of the Blob (`BlobPOP<smtp>`); else its mini UID (`Blob<hex>`), when that mini UID names
// one SMTP address in the whole case; else the POP3 servers its own matches came from, when one
// account alone has them. A mini UID that names two SMTP addresses joins nothing: it is a finding.

import type { CaseVersionInput } from './case-input.js';

/** A version as the grouping sees it: where it comes from and its keys. */
export interface KeyedVersion {
  input: number;
  version: CaseVersionInput;
}

export interface KeyConflict {
  key: 'mini-uid';
  value: string;
  /** The SMTP addresses it names, sorted. */
  smtp: string[];
  versions: KeyedVersion[];
}

export interface AccountGroup {
  /** The SMTP address, else the mini UID, else the first version's place. */
  name: string;
  versions: KeyedVersion[];
}

/** Per mini UID, the SMTP addresses versions name with it. */
function miniUidAddresses(all: readonly KeyedVersion[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { version: v } of all) {
    if (v.miniUid === undefined || v.smtp === undefined) continue;
    const set = out.get(v.miniUid) ?? new Set<string>();
    set.add(v.smtp);
    out.set(v.miniUid, set);
  }
  return out;
}

function add(groups: Map<string, AccountGroup>, name: string, v: KeyedVersion): void {
  const g = groups.get(name);
  if (g) g.versions.push(v);
  else groups.set(name, { name, versions: [v] });
}

/** The accounts, in the order of their first version, and the conflicting keys. */
export function groupAccounts(all: readonly KeyedVersion[]): { accounts: AccountGroup[]; conflicts: KeyConflict[] } {
  const addresses = miniUidAddresses(all);
  const conflicts: KeyConflict[] = [...addresses]
    .filter(([, smtp]) => smtp.size > 1)
    .map(([value, smtp]) => ({ key: 'mini-uid' as const, value, smtp: [...smtp].sort(), versions: all.filter((k) => k.version.miniUid === value) }));
  const groups = new Map<string, AccountGroup>();
  const later: KeyedVersion[] = [];
  for (const k of all) {
    const v = k.version;
    const byUid = v.miniUid !== undefined ? addresses.get(v.miniUid) : undefined;
    if (v.smtp !== undefined) add(groups, v.smtp, k);
    else if (byUid?.size === 1) add(groups, [...byUid][0]!, k);
    else later.push(k);
  }
  // Versions with no SMTP address to go by: a mini UID of their own, else a server one account alone has.
  for (const k of later) {
    const v = k.version;
    const owners = new Set([...groups.values()].filter((g) => v.servers.some((s) => g.versions.some((o) => o.version.servers.includes(s)))).map((g) => g.name));
    if (v.miniUid !== undefined && !addresses.has(v.miniUid)) add(groups, `mini UID ${v.miniUid}`, k);
    else if (owners.size === 1 && (v.miniUid === undefined || (addresses.get(v.miniUid)?.size ?? 0) <= 1)) add(groups, [...owners][0]!, k);
    else add(groups, v.miniUid !== undefined ? `mini UID ${v.miniUid}` : `input ${k.input + 1}, history ${v.history}`, k);
  }
  return { accounts: [...groups.values()], conflicts };
}
