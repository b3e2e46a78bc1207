// Each history to the POP3 account it belongs to, and the store to the accounts that deliver into it.
// A history's attachment is named `Blob` + the account's Mini UID as 8 lower-case hex digits
// (`"Blob%.8x"`, Microsoft's "Locating the message download history for a POP3 account"): the tie
// rests on that rule alone. A store is an account's delivery store when its own record key
// (PR_RECORD_KEY) is the one in the account's `Delivery Folder EntryID`.

import type { Analysis, HistoryFinding, ProfileFacts } from '../locate/match-managers.js';
import type { KnownAccount, RegistryFacts } from './known-accounts.js';
import { policyFindings, type PolicyFinding } from './policy-findings.js';
import type { TieRule } from './tie-rules.js';

export type HistoryTie =
  | {
      status: 'tied';
      rule: TieRule;
      account: KnownAccount;
      /** This store is the account's delivery store (record keys equal); absent for a .msg, which has no record key. */
      deliveryStore?: boolean;
      findings: PolicyFinding[];
    }
  /** Several accounts (other profiles or hives) have this Mini UID, and this store is the delivery store of none or of more than one. */
  | { status: 'ambiguous'; rule: TieRule; accounts: KnownAccount[]; findings: PolicyFinding[] }
  /** No POP3 account in the hives has the history's Mini UID (or its address). */
  | { status: 'not-in-hive'; rule: TieRule; findings: PolicyFinding[] }
  /** The attachment names neither a Mini UID nor an address to tie by. */
  | { status: 'unnamed'; findings: PolicyFinding[] };

export interface AccountTies {
  /** The store's own record key, 32 upper-case hex digits; absent for a .msg or a store without one. */
  recordKey?: string;
  /** The POP3 accounts whose delivery store this is. */
  deliveryStoreOf: KnownAccount[];
  /** The Mini UID a history was selected by because the hives name this store's one POP3 account. */
  automatic?: string;
  /** Parallel to the analysis's histories. */
  histories: HistoryTie[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

/** The POP3 accounts whose `Delivery Folder EntryID` names this record key. */
function deliveryAccounts(recordKey: Uint8Array | undefined, registry: RegistryFacts): KnownAccount[] {
  if (recordKey === undefined || recordKey.length !== 16) return [];
  const key = hex(recordKey);
  return registry.accounts.filter((a) => a.kind === 'pop3' && a.deliveryRecordKey === key);
}

/**
 * What the history's Mini UID was read from: its attachment's short name (`Blob`/`Restags` + 8 hex
 * digits), else PR_ATTACH_ADDITIONAL_INFO; with neither, its address (`BlobPOP` + SMTP).
 */
function ruleOf(h: HistoryFinding, attachmentName: string | undefined): TieRule | undefined {
  const uid = h.account.uid;
  if (uid !== undefined) return attachmentName !== undefined && /^(Blob|Restags)[0-9A-Fa-f]{8}$/.test(attachmentName) && attachmentName.slice(-8).toLowerCase() === uid ? 'mini-uid' : 'additional-info';
  return h.account.smtp !== undefined ? 'smtp-address' : undefined;
}

/** `delivery` is undefined for a source without a record key (a .msg): whether it is a delivery store is then unknown. */
function tieHistory(h: HistoryFinding, name: string | undefined, registry: RegistryFacts, delivery: readonly KnownAccount[] | undefined): HistoryTie {
  const pop3 = registry.accounts.filter((a) => a.kind === 'pop3');
  const uid = h.account.uid;
  const smtp = h.account.smtp?.toLowerCase();
  const rule = ruleOf(h, name);
  if (rule === undefined) return { status: 'unnamed', findings: [] };
  const named = pop3.filter((a) => (rule === 'smtp-address' ? a.email?.toLowerCase() === smtp : a.miniUid === uid));
  const entries = h.role === 'history' ? h.blob.entries : [];
  if (named.length === 0) {
    const others = registry.accounts.filter((a) => a.kind !== 'pop3' && rule !== 'smtp-address' && a.miniUid === uid);
    return { status: 'not-in-hive', rule, findings: h.role === 'history' ? [policyFindings.notInHive(rule, uid ?? smtp!, registry, others)] : [] };
  }
  const delivering = named.filter((a) => delivery?.includes(a));
  const account = named.length === 1 ? named[0] : delivering.length === 1 ? delivering[0] : undefined;
  if (!account) return { status: 'ambiguous', rule, accounts: named, findings: [] };
  const tie: HistoryTie = { status: 'tied', rule, account, findings: policyFindings.against(account, entries) };
  if (delivery) tie.deliveryStore = delivery.includes(account);
  return tie;
}

/** The ties of one source's histories; `recordKey` is the store's own, absent for a .msg. */
export function tieAccounts(analysis: Analysis, registry: RegistryFacts, recordKey?: Uint8Array, automatic?: string): AccountTies {
  const deliveryStoreOf = deliveryAccounts(recordKey, registry);
  const name = (h: HistoryFinding): string | undefined => analysis.managers[h.manager]?.attachments.find((a) => a.candidate.index === h.attachment)?.candidate.filename;
  const ties: AccountTies = {
    deliveryStoreOf,
    histories: analysis.histories.map((h) => tieHistory(h, name(h), registry, recordKey === undefined ? undefined : deliveryStoreOf)),
  };
  if (recordKey !== undefined) ties.recordKey = hex(recordKey);
  if (automatic !== undefined) ties.automatic = automatic;
  return ties;
}

/**
 * The profile facts to select a store's history by: the analyst's, or, when they name no account
 * (--smtp, --account-uid) and the hives name exactly one POP3 account whose delivery store this is,
 * that account's Mini UID (`automatic`).
 */
export function storeProfile(given: ProfileFacts, registry: RegistryFacts | undefined, recordKey: Uint8Array | undefined): { profile: ProfileFacts; automatic?: string } {
  if (registry === undefined || given.smtp !== undefined || given.accountUid !== undefined) return { profile: given };
  const delivery = deliveryAccounts(recordKey, registry);
  const uid = delivery.length === 1 ? delivery[0]!.miniUid : undefined;
  return uid === undefined ? { profile: given } : { profile: { ...given, accountUid: uid }, automatic: uid };
}
