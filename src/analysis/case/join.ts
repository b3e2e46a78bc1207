// The case join (docs/case.md): every input's index (case-input.ts) into one account history per
// account, its versions in order (newest tag time, then the Message Manager's last write, then input
// order), each UID across them, and the findings. Input order in, the same report out: nothing here
// depends on when an input's analysis finished.

import { groupAccounts, type AccountGroup, type KeyConflict, type KeyedVersion } from './accounts.js';
import { accountUids, byText, type OrderedVersion } from './account-uids.js';
import type { CaseInput } from './case-input.js';
import { CasePlaces } from './places.js';
import { LazyList } from '../lazy-list.js';
import { caseStores } from './stores.js';
import type { CaseAccount, CaseFinding, CaseFindings, CaseInputRecord, CaseVersion, SameFile } from './types.js';
import { isoSeconds } from '../iso-time.js';


function inputRecord(c: CaseInput | SameFile, store: string | undefined): CaseInputRecord {
  if ('of' in c) return { path: c.path, ...(c.pathHex !== undefined ? { pathHex: c.pathHex } : {}), status: 'same-file', sameAs: { input: c.of, by: c.by } };
  const { path, pathHex, kind, size, sha256, status, error } = c;
  const out: CaseInputRecord = { path, status };
  if (pathHex !== undefined) out.pathHex = pathHex;
  if (kind !== undefined) out.kind = kind;
  if (size !== undefined) out.size = size;
  if (sha256 !== undefined) out.sha256 = sha256;
  if (error !== undefined) out.error = error;
  if (store !== undefined) out.store = store;
  return out;
}

function newest(k: KeyedVersion): number {
  let max = -Infinity;
  for (const l of k.version.listings) for (const t of l.tags) max = Math.max(max, t.second);
  return max;
}

const written = (k: KeyedVersion): number => (k.version.written !== undefined ? Date.parse(k.version.written) : -Infinity);

/** Newest tag time (a version with no tag by its last write), then last write, then input order, live before recovered. */
function ordered(versions: readonly KeyedVersion[]): KeyedVersion[] {
  const key = (k: KeyedVersion): number => {
    const n = newest(k);
    return n > -Infinity ? n * 1000 : written(k);
  };
  return [...versions].sort((a, b) => key(a) - key(b) || written(a) - written(b) || a.input - b.input || (a.version.origin === b.version.origin ? a.version.history - b.version.history : a.version.origin === 'live' ? -1 : 1));
}

function versionRecord(k: KeyedVersion, id: string, store: string | undefined): CaseVersion {
  const v = k.version;
  const n = newest(k);
  const out: CaseVersion = { id, input: k.input, origin: v.origin, history: v.history, servers: v.servers, uids: v.listings.length, tags: v.listings.reduce((s, l) => s + l.tags.length, 0) };
  if (store !== undefined) out.store = store;
  if (v.smtp !== undefined) out.smtp = v.smtp;
  if (v.miniUid !== undefined) out.miniUid = v.miniUid;
  if (v.written !== undefined) out.written = v.written;
  if (n > -Infinity) out.newestTag = isoSeconds(n);
  if (v.partial) out.partial = true;
  return out;
}

/** Each key value that two or more versions share. */
function joinedBy(versions: readonly CaseVersion[]): CaseAccount['joinedBy'] {
  const out: CaseAccount['joinedBy'] = [];
  const share = (key: 'smtp' | 'mini-uid' | 'server', values: (v: CaseVersion) => readonly string[]): void => {
    const all = [...new Set(versions.flatMap(values))].sort(byText);
    for (const value of all) {
      const ids = versions.filter((v) => values(v).includes(value)).map((v) => v.id);
      if (ids.length > 1) out.push({ key, value, versions: ids });
    }
  };
  share('smtp', (v) => (v.smtp !== undefined ? [v.smtp] : []));
  share('mini-uid', (v) => (v.miniUid !== undefined ? [v.miniUid] : []));
  share('server', (v) => v.servers);
  return out;
}

/** Each SMTP address and the first account that has it. */
function smtpOwners(accounts: readonly { smtp: Set<string> }[]): Map<string, number> {
  const out = new Map<string, number>();
  accounts.forEach((a, k) => {
    for (const smtp of a.smtp) if (!out.has(smtp)) out.set(smtp, k);
  });
  return out;
}

/** Which account a message with a POP3 origin belongs to: the one its account name names, else the
 * one account with its server. Looked up, not searched: a case of a thousand stores has hundreds of
 * accounts and hundreds of thousands of messages. */
function attribution(accounts: readonly { servers: Set<string> }[], bySmtp: Map<string, number>): (account: string | undefined, server: string) => number | undefined {
  const byServer = new Map<string, number>();
  // -1: more than one account has the server, so it names none of them.
  accounts.forEach((a, k) => {
    for (const server of a.servers) byServer.set(server, byServer.has(server) ? -1 : k);
  });
  return (account, server) => {
    if (account !== undefined) return bySmtp.get(account);
    const k = byServer.get(server);
    return k === undefined || k < 0 ? undefined : k;
  };
}

/** Each account's messages (and those no account takes, last) as runs of one typed array, in case order. */
function byAccount(places: CasePlaces, keys: readonly { servers: Set<string> }[], bySmtp: Map<string, number>): { perAccount: Int32Array[]; unattributed: Int32Array } {
  const owner = new Int32Array(places.count);
  const first = new Int32Array(keys.length + 2);
  const attribute = attribution(keys, bySmtp);
  for (let p = 0; p < places.count; p++) {
    owner[p] = attribute(places.account(p), places.server(p)) ?? keys.length;
    first[owner[p]! + 1]!++;
  }
  for (let k = 1; k < first.length; k++) first[k]! += first[k - 1]!;
  const sorted = new Int32Array(places.count);
  const next = first.slice();
  for (let p = 0; p < places.count; p++) sorted[next[owner[p]!]!++] = p;
  const run = (k: number): Int32Array => sorted.subarray(first[k], first[k + 1]);
  return { perAccount: keys.map((_, k) => run(k)), unattributed: run(keys.length) };
}

function conflictFinding(c: KeyConflict, accountOf: (k: KeyedVersion) => string): CaseFinding {
  const accounts = [...new Set(c.versions.map(accountOf))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return {
    code: 'key-conflict',
    key: c.key,
    value: c.value,
    smtp: c.smtp,
    accounts,
    detail: `mini UID ${c.value} names ${c.smtp.join(' and ')}: one key, two accounts. The histories are not joined by it; each stays with its SMTP address. A profile rebuilt with the same account number, or an edited Blob name, would explain it.`,
  };
}

/** The servers the versions name and the account's messages came from. */
function serversOf(records: readonly CaseVersion[], places: CasePlaces, downloads: Int32Array): Set<string> {
  const out = new Set(records.flatMap((v) => v.servers));
  for (const p of downloads) out.add(places.server(p));
  return out;
}

function buildAccount(group: AccountGroup, id: string, storeOf: Map<number, string>, places: CasePlaces, downloads: Int32Array): CaseAccount {
  const sorted = ordered(group.versions);
  const versions: OrderedVersion[] = sorted.map((k, i) => ({ record: versionRecord(k, `${id}.v${i + 1}`, storeOf.get(k.input)), listings: new Map(k.version.listings.map((l) => [l.uid, l])) }));
  const records = versions.map((v) => v.record);
  const { uids, findings } = accountUids(versions, places, downloads);
  return {
    id,
    name: group.name,
    keys: {
      smtp: [...new Set(records.flatMap((v) => v.smtp ?? []))].sort(byText),
      miniUids: [...new Set(records.flatMap((v) => v.miniUid ?? []))].sort(byText),
      servers: [...serversOf(records, places, downloads)].sort(byText),
    },
    joinedBy: joinedBy(records),
    versions: records,
    uids,
    findings,
  };
}

/** The case from every input's index (or the earlier input it is the same file as), in input order. */
export function joinCase(inputs: readonly (CaseInput | SameFile)[]): CaseFindings {
  const analysed = inputs.map((c) => ('of' in c ? undefined : c));
  const { stores, storeOf, findings: storeFindings } = caseStores(analysed);
  const keyed: KeyedVersion[] = analysed.flatMap((c, input) => (c ? c.versions.map((version) => ({ input, version })) : []));
  const { accounts: groups, conflicts } = groupAccounts(keyed);
  const keys = groups.map((g) => ({ smtp: new Set(g.versions.flatMap((k) => k.version.smtp ?? [])), servers: new Set(g.versions.flatMap((k) => k.version.servers)) }));
  const places = new CasePlaces(analysed);
  const bySmtp = smtpOwners(keys);
  // A server an account's own messages name (by its account name) is that account's too.
  for (let p = 0; p < places.count; p++) {
    const account = places.account(p);
    const k = account === undefined ? undefined : bySmtp.get(account);
    if (k !== undefined) keys[k]!.servers.add(places.server(p));
  }
  const { perAccount, unattributed } = byAccount(places, keys, bySmtp);
  const accounts = groups.map((g, k) => buildAccount(g, `a${k + 1}`, storeOf, places, perAccount[k]!));
  const accountOf = (v: KeyedVersion): string => accounts[groups.findIndex((g) => g.versions.includes(v))]!.id;
  return {
    inputs: inputs.map((c, i) => inputRecord(c, storeOf.get(i))),
    stores,
    accounts,
    findings: [...conflicts.map((c) => conflictFinding(c, accountOf)), ...storeFindings],
    unattributed: new LazyList(unattributed.length, (k) => places.place(unattributed[k]!)),
  };
}
