// The report contract `pophist/report@3` (schema/report.schema.json, docs/report.md). Field names are
// stable: adding a field is fine, renaming one or changing what it means is a new version. @2: a
// correlation names its rule (remote-uid, creation-time, creation-time-near), the evidence that agreed
// and the contradictions; histories list the downloads the history forgot and the account's servers;
// `unexplained` holds received mail only. @3: a recovered attachment says whether its data was lost
// (`dataLost`); a download not in the history names the rule that gave
// it to the account (`attributedBy`); a store lists the POP3 downloads no history accounts for
// (`unattributed`); a .msg is a manager only by the manager rules, and lists the POP3 origin of each
// of its messages (`downloads`).

import type { LazyList } from '../analysis/index.js';
import type { AttributionRule, MsgDownload, ServerDownloads } from './download-types.js';

export type { AttributionRule, MsgDownload, ServerDownloads };

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
  path: string;
  kind?: SourceKind;
  size?: number;
  sha256?: string;
  format?: { variant: 'unicode' | 'ansi' | 'unicode-4k'; encryption: 'none' | 'permute' | 'cyclic' };
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
}

/** How the freed-space pass went: bytes read once, whether the AMap was trusted, what validated. */
export interface RecoveryScan {
  bytes: number;
  amap: 'valid' | 'not-valid';
  blocks: number;
  pages: number;
  nodeSlots: number;
}

export type Recovered = RecoveredManager | RecoveredAttachment | RecoveredHistory;

/** Where a recovered item lies and how it was validated. */
export interface RecoveredLocation {
  offset: number;
  bid: string;
  nid?: string;
  allocation: 'free' | 'stale-slot';
  freeBy?: 'amap' | 'free-page' | 'not-in-bbt';
  validation: ('trailer-crc' | 'trailer-crc-mismatch' | 'heap-signature' | 'btree-slot')[];
}

export interface RecoveredAttachmentRecord {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  role: 'history' | 'restags' | 'other';
  smtp?: string;
  accountUid?: string;
  size?: number;
  dataSurvives: boolean;
  attachSize?: number;
  dataLost?: 'overwritten' | 'damaged' | 'no-data';
}

export interface RecoveredManager {
  kind: 'manager';
  messageClass: string;
  subject?: string;
  profileName?: string;
  key?: string;
  keyText?: string;
  matchedBy: Manager['matchedBy'];
  created?: string;
  modified?: string;
  attachments: RecoveredAttachmentRecord[];
  status: 'whole' | 'partial';
  problems: string[];
  location: RecoveredLocation;
}

export interface RecoveredAttachment extends RecoveredAttachmentRecord {
  kind: 'attachment';
  location: RecoveredLocation;
}

export interface RecoveredHistory {
  kind: 'history';
  /** Index, in `recovered`, of the manager it came with. */
  manager?: number;
  attachment?: string;
  role: 'history' | 'restags';
  account: { smtp?: string; uid?: string };
  status: 'whole' | 'partial' | 'damaged';
  /** Byte ranges of the blob reused by later structures: no tag is read from them. */
  lost: { from: number; to: number; by: string }[];
  version?: number;
  declaredCount?: number;
  entries: Entry[];
  trailer?: string;
  anomalies: Anomaly[];
  span?: { first: string; last: string };
  /** Compared with the live history of the same account (index into `histories`). */
  live?: { history: number; olderOnly: OlderOnlyUid[] };
  location: RecoveredLocation;
}

/** A UID that this older version holds and the live history no longer lists. */
export interface OlderOnlyUid {
  uid: string;
  operation: Entry['operation'];
  time: string;
  correlation?: Correlation;
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
  summary?: { downloads: number; matched: number; ambiguous: number; notInStore: number };
  /** Received messages in the IPM subtree with no POP3 origin, created within the history's span. */
  unexplained?: List<Candidate>;
  /** Messages this account downloaded (remote id and account name) whose UID no tag holds, by UID. */
  notInHistory?: List<NotInHistory>;
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
}

export type CorrelationRule = 'remote-uid' | 'creation-time' | 'creation-time-near';
export type Evidence = 'PidLidRemoteEntryId' | 'PidLidInternetAccountName' | 'PR_CREATION_TIME' | 'PR_MESSAGE_DELIVERY_TIME';

export interface Correlation {
  status: 'matched' | 'ambiguous' | 'not-in-store';
  rule?: CorrelationRule;
  /** The properties that agreed with the tag. */
  evidence: Evidence[];
  /** Candidate's creation second minus the tag's. */
  deltaSeconds?: number;
  candidates: Candidate[];
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
}

export interface Warning {
  code: string;
  message: string;
  layer?: string;
  id?: string;
  offset?: number;
}
