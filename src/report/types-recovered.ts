// The contract's records of what --recover found in freed space (see types.ts for the contract as a whole).

import type { Anomaly, Correlation, Entry, Manager } from './types.js';

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
