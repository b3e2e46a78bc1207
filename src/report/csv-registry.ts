// --registry in CSV: per history an `account` row (the account in the hives, its server, user and
// policy, what the tie rests on) and a `policy-finding` row per finding, in `--csv` (its own columns
// after `integrity`) and as `--csv DIR`'s accounts.csv and policy-findings.csv.

import type { HistoryRegistry, PolicyFinding, RegistryAccount, Source } from './types.js';

type Cell = string | number | boolean | undefined;

/** The columns --csv adds for these rows. */
export const REGISTRY_COLUMNS = ['registry_status', 'registry_account', 'pop3_server', 'pop3_user', 'policy', 'key_written_utc', 'delivery_store', 'tie_rule', 'policy_finding', 'severity', 'policy_rule', 'contradicted_by'] as const;

const ACCOUNT_COLUMNS = ['registry_status', 'hive', 'profile', 'account_id', 'account_name', 'email', 'pop3_server', 'pop3_user', 'smtp_server', 'mini_uid', 'leave_on_server', 'policy', 'key_written_utc', 'delivery_store', 'delivery_path', 'tie_rule', 'because'] as const;
const FINDING_COLUMNS = ['policy_finding', 'severity', 'entries', 'evidence', 'policy_rule', 'contradicted_by', 'key_written_utc'] as const;

/** One history's account row: the tied account (or, when ambiguous, the accounts' ids joined). */
function accountCells(r: HistoryRegistry) {
  const a: RegistryAccount | undefined = r.status === 'tied' ? r.accounts[0] : undefined;
  return {
    registry_status: r.status,
    hive: a?.hive,
    profile: a?.profile,
    account_id: a?.id ?? (r.accounts.map((x) => `${x.profile}/${x.id}`).join(' ') || undefined),
    account_name: a?.accountName,
    email: a?.email,
    pop3_server: a?.pop3Server,
    pop3_user: a?.pop3User,
    smtp_server: a?.smtpServer,
    mini_uid: a?.miniUid,
    leave_on_server: a?.policy?.raw,
    policy: a?.policy?.words,
    key_written_utc: a?.lastWritten,
    delivery_store: r.deliveryStore,
    delivery_path: a?.deliveryPath,
    tie_rule: r.rule,
    because: r.because,
  };
}

function findingCells(f: PolicyFinding) {
  return { policy_finding: f.code, severity: f.severity, entries: f.entries?.join(' '), evidence: f.evidence, policy_rule: f.rule, contradicted_by: f.contradictedBy, key_written_utc: f.keyWritten };
}

/** Each history's `account` row and `policy-finding` rows, with the history's place. */
export function* registryRecords(s: Source): Generator<{ record: 'account' | 'policy-finding'; history: number; cells: Record<string, Cell> }> {
  for (const [history, h] of s.histories.entries()) {
    if (!h.registry) continue;
    yield { record: 'account', history, cells: accountCells(h.registry) };
    for (const f of h.registry.findings) yield { record: 'policy-finding', history, cells: findingCells(f) };
  }
}

/** `--csv`'s cells for one of those rows: the account in one cell, a finding's evidence in `evidence` and its entries in `index`. */
export function registryCsvCells(record: 'account' | 'policy-finding', c: Record<string, Cell>): Record<string, Cell> {
  if (record === 'policy-finding') {
    return { policy_finding: c.policy_finding, severity: c.severity, index: c.entries, evidence: c.evidence, policy_rule: c.policy_rule, contradicted_by: c.contradicted_by, key_written_utc: c.key_written_utc };
  }
  const account = c.account_id === undefined ? undefined : `${c.account_name ?? '(no name)'} (profile ${c.profile ?? '?'}, account ${c.account_id})`;
  const policy = c.leave_on_server === undefined ? undefined : `${c.leave_on_server}: ${c.policy}`;
  return { registry_status: c.registry_status, registry_account: account, pop3_server: c.pop3_server, pop3_user: c.pop3_user, policy, key_written_utc: c.key_written_utc, delivery_store: c.delivery_store, tie_rule: c.tie_rule, evidence: c.because };
}

/** `--csv DIR`'s accounts.csv and policy-findings.csv. */
export const REGISTRY_TABLES = {
  accounts: {
    columns: ['source', 'history', 'role', 'account_smtp', 'account_uid', ...ACCOUNT_COLUMNS] as string[],
    *rows(s: Source) {
      for (const r of registryRecords(s)) if (r.record === 'account') yield { source: s.path, history: r.history, ...place(s, r.history), ...r.cells };
    },
  },
  'policy-findings': {
    columns: ['source', 'history', 'role', 'account_smtp', 'account_uid', ...FINDING_COLUMNS] as string[],
    *rows(s: Source) {
      for (const r of registryRecords(s)) if (r.record === 'policy-finding') yield { source: s.path, history: r.history, ...place(s, r.history), ...r.cells };
    },
  },
};

function place(s: Source, history: number) {
  const h = s.histories[history]!;
  return { role: h.role, account_smtp: h.account.smtp, account_uid: h.account.uid };
}
