// The registry's part of the report: the hives in the header, each source's delivery accounts, each
// history's account and policy findings (types-registry.ts).

import { TIE_RULES, type AccountTies, type HistoryTie, type KnownAccount, type RegistryFacts } from '../analysis/index.js';
import type { HistoryRegistry, RegistryAccount, RegistryHive, SourceRegistry } from './types-registry.js';

export function registryHives(r: RegistryFacts | undefined): RegistryHive[] | undefined {
  return r?.hives.map((h) => ({ path: h.path, sha256: h.sha256, dirty: h.dirty ? true : undefined, pop3Accounts: h.pop3Accounts, warnings: h.warnings }));
}

function account(a: KnownAccount): RegistryAccount {
  return {
    hive: a.hive,
    profile: a.profile,
    id: a.id,
    keyPath: a.keyPath,
    kind: a.kind,
    accountName: a.accountName,
    email: a.email,
    pop3Server: a.pop3Server,
    pop3User: a.pop3User,
    smtpServer: a.smtpServer,
    miniUid: a.miniUid,
    policy: a.policy && { ...a.policy },
    deliveryRecordKey: a.deliveryRecordKey,
    deliveryPath: a.deliveryPath,
    lastWritten: a.lastWritten,
  };
}

export function sourceRegistry(t: AccountTies | undefined): SourceRegistry | undefined {
  return t && { recordKey: t.recordKey, deliveryStoreOf: t.deliveryStoreOf.map(account), automatic: t.automatic };
}

export function historyRegistry(t: HistoryTie | undefined): HistoryRegistry | undefined {
  if (!t) return undefined;
  const findings = t.findings.map((f) => ({ ...f }));
  switch (t.status) {
    case 'tied':
      return { status: t.status, rule: t.rule, because: TIE_RULES[t.rule], accounts: [account(t.account)], deliveryStore: t.deliveryStore, findings };
    case 'ambiguous':
      return { status: t.status, rule: t.rule, because: TIE_RULES[t.rule], accounts: t.accounts.map(account), findings };
    case 'not-in-hive':
      return { status: t.status, rule: t.rule, because: TIE_RULES[t.rule], accounts: [], findings };
    case 'unnamed':
      return { status: t.status, accounts: [], findings };
  }
}
