// What the case join finds (docs/case.md): the stores and their snapshots, the accounts with their
// history versions in order, each UID across them, and the findings with the versions they name.

import type { CaseFindingList } from './account-uids.js';
import type { CaseInputStatus, CaseTag } from './case-input.js';
import type { CaseMessage } from './downloads.js';
import type { LazyList } from '../lazy-list.js';

/** An input that is the same file as an earlier one: not analysed twice. */
export interface SameFile {
  path: string;
  pathHex?: string;
  /** Index of the earlier input. */
  of: number;
  by: 'link' | 'same-bytes';
}

export interface CaseInputRecord {
  path: string;
  pathHex?: string;
  kind?: 'pst' | 'ost' | 'msg' | 'blob';
  size?: number;
  sha256?: string;
  status: CaseInputStatus | 'same-file';
  error?: { code: string; message: string };
  sameAs?: { input: number; by: SameFile['by'] };
  /** The store (`stores[].id`) it is a copy of. */
  store?: string;
}

/** Inputs that are one store: the same PR_RECORD_KEY. */
export interface CaseStore {
  id: string;
  recordKey: string;
  inputs: number[];
  /** The Message Managers' search keys, and whether every input has one of them in common. */
  managerKeys: string[];
  sharedManagerKey: boolean;
}

export interface CaseVersion {
  id: string;
  input: number;
  origin: 'live' | 'recovered';
  history: number;
  store?: string;
  smtp?: string;
  miniUid?: string;
  servers: string[];
  written?: string;
  newestTag?: string;
  uids: number;
  tags: number;
  partial?: boolean;
}

/** A message anywhere in the case carrying `POP://server/uid`. */
export interface CasePlace {
  input: number;
  server: string;
  uid: string;
  account?: string;
  message: CaseMessage;
}

export interface CaseUidListing {
  version: string;
  tags: Omit<CaseTag, 'second'>[];
  inStore?: 'matched' | 'ambiguous' | 'not-in-store';
}

export type CaseFindingCode = 'dropped-between' | 'found-elsewhere' | 'in-no-history' | 'versions-disagree' | 'reappeared' | 'key-conflict' | 'snapshots';

export type CaseFinding =
  | { code: 'dropped-between'; uid: string; from: string; to: string; detail: string }
  | { code: 'found-elsewhere'; uid: string; versions: string[]; places: CasePlace[]; detail: string }
  | { code: 'in-no-history'; uid: string; server: string; places: CasePlace[]; detail: string }
  | { code: 'versions-disagree'; uid: string; versions: [string, string]; detail: string }
  | { code: 'reappeared'; uid: string; from: string; to: string; version: string; detail: string }
  | { code: 'key-conflict'; key: 'mini-uid'; value: string; smtp: string[]; accounts: string[]; detail: string }
  | { code: 'snapshots'; store: string; inputs: number[]; detail: string };

export interface CaseUid {
  uid: string;
  listedBy: CaseUidListing[];
  firstListed?: string;
  lastListed?: string;
  messages: CasePlace[];
  findings: CaseFindingCode[];
}

export interface CaseAccount {
  id: string;
  name: string;
  keys: { smtp: string[]; miniUids: string[]; servers: string[] };
  /** Each key value two or more versions share. */
  joinedBy: { key: 'smtp' | 'mini-uid' | 'server'; value: string; versions: string[] }[];
  versions: CaseVersion[];
  /** Made as they are walked (a report streams them). */
  uids: LazyList<CaseUid>;
  findings: CaseFindingList;
}

export interface CaseFindings {
  inputs: CaseInputRecord[];
  stores: CaseStore[];
  accounts: CaseAccount[];
  /** Findings of the case as a whole: conflicting keys, snapshots. */
  findings: CaseFinding[];
  /** Messages with a POP3 origin that no account of the case takes (another account's, or no key to go by). */
  unattributed: LazyList<CasePlace>;
}
