// The report contract `pophist/report@3` (schema/report.schema.json, docs/report.md). Field names are
// stable: adding a field is fine, renaming one or changing what it means is a new version. @2: a
// correlation names its rule (remote-uid, creation-time, creation-time-near), the evidence that agreed
// and the contradictions; histories list the downloads the history forgot and the account's servers;
// `unexplained` holds received mail only. @3: `pathHex` for a name that is not UTF-8, and the
// NDJSON `end` line; entries carry `findings` and `integrity`, a correlation its `consistency` (a
// `matched` entry may be inconsistent), a delete-only tag may carry its UID's messages, a source
// whose history was read from a damaged block is `inconclusive`; `format.codepage`, the code page
// of a store's 8-bit strings when it is not Windows-1252; a recovered attachment says whether its
// data was lost (`dataLost`); a download not in the history names the rule that gave it to the
// account (`attributedBy`); a store lists the POP3 downloads no history accounts for
// (`unattributed`); a .msg is a manager only by the manager rules, and lists the POP3 origin of
// each of its messages (`downloads`); with --registry, the hives in `options.registry`, a source's
// `registry` (its delivery accounts) and a history's `registry` (its account, policy and policy
// findings).

import type { LazyList } from '../analysis/index.js';
import type { AttributionRule, MsgDownload, ServerDownloads } from './download-types.js';
import type { Recovered, RecoveryScan } from './types-recovered.js';
import type { HistoryRegistry, RegistryHive, SourceRegistry } from './types-registry.js';

export type { AttributionRule, MsgDownload, ServerDownloads };
export type { HistoryRegistry, LeavePolicy, PolicyFinding, PolicyFindingCode, RegistryAccount, RegistryHive, SourceRegistry } from './types-registry.js';
export type { OlderOnlyUid, Recovered, RecoveredAttachment, RecoveredAttachmentRecord, RecoveredHistory, RecoveredLocation, RecoveredManager, RecoveryScan } from './types-recovered.js';

export const REPORT_SCHEMA = 'pophist/report@3';

export type SourceKind = 'pst' | 'ost' | 'msg' | 'blob';
export type SourceStatus = 'history-found' | 'no-history' | 'inconclusive' | 'error';
export type Severity = 'info' | 'warning' | 'error';

/** How the report was made: what a rerun needs to give the same report (made from the run's resolved options). */
export type ReportOptions = CorrelationStated & {
  /** The profile facts the analyst gave (search key as hex), which make `selected` appear. */
  selections?: { profileName?: string; searchKey?: string; smtp?: string; accountUid?: string };
  /** Freed space was searched (--recover): each store source then has `recovered`. */
  recover?: boolean;
  /** MiB that freed-space candidates could take (--recover-memory or its default), with `recover`. */
  recoverMemory?: number;
  /** The users' registry hives read (--registry): each source and history is then set against their accounts. */
  registry?: RegistryHive[];
};

/** The window is stated exactly when correlation is on. */
export type CorrelationStated =
  | {
      correlate: true;
      /** Seconds either side of a tag time for a near match. */
      window: number;
    }
  | { correlate: false };

/** What every format states before its first source. */
export interface ReportHeader {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'pophist'; version: string };
  options: ReportOptions;
  /** Wall-clock time of the run, only with --timestamp: without it reruns are byte-identical. */
  generated?: string;
}

export interface Report extends ReportHeader {
  sources: Source[];
}

export interface Source {
  /** Shown as text; a name that is not UTF-8 shows each such byte as `\xNN` and each backslash doubled. */
  path: string;
  /** @3: the path's bytes in hex, when the name is not valid UTF-8. */
  pathHex?: string;
  kind?: SourceKind;
  size?: number;
  sha256?: string;
  /** `codepage`: the store's 8-bit strings are read in this Windows code page, not 1252. */
  format?: { variant: 'unicode' | 'ansi' | 'unicode-4k'; encryption: 'none' | 'permute' | 'cyclic'; codepage?: number };
  status: SourceStatus;
  error?: { code: string; message: string; layer?: string; id?: string; offset?: number };
  /** With status `inconclusive`: the parts of the search for a history that could not be read. */
  unread?: string[];
  store?: { displayName?: string; inbox?: string; inboxFoundBy: 'receive-folder-table' | 'inbox-name' | 'not-found' };
  managers: Manager[];
  histories: History[];
  /** A .msg: each of its messages (top or embedded) that carries a POP3 origin. */
  downloads?: MsgDownload[];
  /** A store, with correlation: the POP3 downloads no history accounts for, by server (all of them without a history). */
  unattributed?: ServerDownloads[];
  warnings: Warning[];
  /** With --recover: what freed space still holds, never mixed with the live items above. */
  recovered?: Recovered[];
  recoveryScan?: RecoveryScan;
  /** With --registry: the store's record key and the accounts it is the delivery store of. */
  registry?: SourceRegistry;
}


export interface Manager {
  folder?: string;
  nid?: string;
  messageClass: string;
  subject?: string;
  profileName?: string;
  key?: string;
  keyText?: string;
  conversationKey?: string;
  searchKey?: string;
  matchedBy: 'conversation-key' | 'search-key' | 'subject' | 'class';
  selected?: boolean;
  created?: string;
  modified?: string;
  attachments: ManagerAttachment[];
}

export interface ManagerAttachment {
  index: number;
  filename?: string;
  longFilename?: string;
  displayName?: string;
  size: number;
  role: 'history' | 'restags' | 'other';
  rule?: 'long-filename' | 'filename' | 'display-name' | 'mini-uid';
  accountUid?: string;
  smtp?: string;
  additionalInfo?: string;
  selected?: boolean;
}

export interface History {
  /** Index into `managers` and the attachment's index there; absent for a raw blob. */
  manager?: number;
  attachment?: number;
  role: 'history' | 'restags';
  /** `servers`: POP3 server hosts named by this account's messages (with correlation). */
  account: { smtp?: string; uid?: string; servers?: string[] };
  selected?: boolean;
  version?: number;
  declaredCount?: number;
  entries: Entry[];
  trailer?: string;
  anomalies: Anomaly[];
  /** `inconsistent`: matched or ambiguous entries with a warning finding; `deleteOnly`: UIDs whose messages are tied to a delete-only tag. */
  summary?: { downloads: number; matched: number; ambiguous: number; notInStore: number; inconsistent: number; deleteOnly: number };
  /** Present when the blob was read from blocks that fail their CRC, signature or size check. */
  integrity?: Integrity;
  /** What can explain each finding code present on the entries, said once. */
  explanations?: Partial<Record<FindingCode, string>>;
  /** Received messages in the IPM subtree with no POP3 origin, created within the history's span. */
  unexplained?: List<Candidate>;
  /** Messages this account downloaded (remote id and account name) whose UID no tag holds, by UID. */
  notInHistory?: List<NotInHistory>;
  /** With --registry: the account in the hives, its policy, and the policy findings. */
  registry?: HistoryRegistry;
}

/** A list of findings: an array, or (from a store) made item by item as it is written. */
export type List<T> = readonly T[] | LazyList<T>;

export interface NotInHistory {
  uid: string;
  server: string;
  /** Why these messages are this account's: see AttributionRule. */
  attributedBy: AttributionRule;
  messages: Candidate[];
}

export interface Entry {
  index: number;
  uid: string;
  encodedUid: string;
  uidHex?: string;
  operation: 'downloaded' | 'deleted' | 'downloaded-and-deleted';
  content: 'none' | 'header' | 'body';
  time: string;
  timeRaw: string;
  tag: string;
  tagHex?: string;
  offset: number;
  correlation?: Correlation;
  /** What the tag and the store's other records disagree on (docs/findings.md). */
  findings?: readonly Finding[];
  integrity?: Integrity;
}

export type FindingCode = 'created-before-download' | 'copied-later' | 'delivered-after-download' | 'another-download-at-tag-time' | 'duplicate-uid' | 'operations-out-of-order' | 'time-goes-backwards' | 'time-after-last-write' | 'history-rewritten';

export interface Finding {
  code: FindingCode;
  severity: 'info' | 'warning';
  detail: string;
  deltaSeconds?: number;
  nid?: string;
  otherEntry?: number;
  offset?: number;
}

/** The blocks, failing their checks, that the history's bytes were read from: on the history and on each of its entries. */
export interface Integrity {
  status: 'damaged';
  blocks: { bid: string; offset: number; problem: 'CRC_MISMATCH' | 'BAD_SIGNATURE' | 'BAD_BLOCK' }[];
}

export type CorrelationRule = 'remote-uid' | 'creation-time' | 'creation-time-near';
export type Evidence = 'PidLidRemoteEntryId' | 'PidLidInternetAccountName' | 'PR_CREATION_TIME' | 'PR_MESSAGE_DELIVERY_TIME';

export interface Correlation {
  status: 'matched' | 'ambiguous' | 'not-in-store';
  rule?: CorrelationRule;
  /** The properties that agreed with the tag. */
  evidence: readonly Evidence[];
  /** Candidate's creation second minus the tag's. */
  deltaSeconds?: number;
  candidates: Candidate[];
  /** With a candidate: `inconsistent` when a finding on the entry is a warning. */
  consistency?: 'consistent' | 'inconsistent';
  /** On a delete-only tag: the UID has no download tag, and these are its messages, by remote id. */
  deleteOnly?: true;
  /** Messages the tag's time pointed at that other evidence rules out. */
  contradictions: Contradiction[];
}

export interface Contradiction extends Candidate {
  reason: 'remote-id-names-another-uid' | 'remote-id-unreadable' | 'another-account' | 'delivered-after-tag';
  detail: string;
}

export interface Candidate {
  folder: string;
  nid: string;
  subject?: string;
  from?: string;
  messageId?: string;
  created?: string;
  delivered?: string;
}

export interface Anomaly {
  code: string;
  severity: Severity;
  message: string;
  offset: number;
  /** The entry it concerns, when it concerns one tag. */
  entry?: number;
}

export interface Warning {
  code: string;
  message: string;
  layer?: string;
  id?: string;
  offset?: number;
}
