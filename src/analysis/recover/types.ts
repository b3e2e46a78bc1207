// What recovery finds in freed space, as the report shows it: older Message Managers, attachments
// found alone and histories, each with where it lies and why it is believed.

import type { Overwrite, FreedSpace } from '../../pst/index.js';
import type { CorrelationFinding } from '../correlate/rules.js';
import type { BlobEntry, DecodedBlob } from '../history/blob.js';
import type { ManagerFinding } from '../locate/match-managers.js';

export type Validation = 'trailer-crc' | 'trailer-crc-mismatch' | 'heap-signature' | 'btree-slot';

/** Where a recovered item lies and why it is believed. */
export interface RecoveredLocationFinding {
  offset: number;
  bid: string;
  /** The node id, when a B-tree slot named it. */
  nid?: string;
  /** `stale-slot`: named by a slot past cEnt of a live leaf page; `free`: in space the live trees do not use. */
  allocation: 'free' | 'stale-slot';
  /** How `free` was established: the AMap, a freed B-tree leaf page, or absence from the live BBT. */
  freeBy?: 'amap' | 'free-page' | 'not-in-bbt';
  validation: Validation[];
}

export interface RecoveredAttachmentFinding {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  role: 'history' | 'restags' | 'other';
  smtp?: string;
  accountUid?: string;
  /** Bytes of its data that survive (a partly reused blob counts what is left). */
  size?: number;
  dataSurvives: boolean;
  /** PR_ATTACH_SIZE as the attachment table row or the attachment states it. */
  attachSize?: number;
  /** Why no data survives: the attachment object was overwritten, its block fails its CRC, or it holds no data. */
  dataLost?: 'overwritten' | 'damaged' | 'no-data';
  /** Set when the record was found alone (an attachment table row or PC), not inside a recovered manager. */
  location?: RecoveredLocationFinding;
}

export interface RecoveredManagerFinding {
  messageClass: string;
  subject?: string;
  profileName?: string;
  key?: string;
  keyText?: string;
  matchedBy: ManagerFinding['matchedBy'];
  created?: Date;
  modified?: Date;
  attachments: RecoveredAttachmentFinding[];
  /** `partial` when parts of the message (attachments, subnodes) could not be rebuilt. */
  status: 'whole' | 'partial';
  problems: string[];
  location: RecoveredLocationFinding;
}

export interface OlderOnlyUidFinding {
  uid: string;
  operation: BlobEntry['operation'];
  time: string;
  /** The same time in seconds since 1970, for correlation. */
  second: number;
  /** The message its download created, where the store still holds one (set by the caller that correlates). */
  correlation?: CorrelationFinding;
}

export interface RecoveredHistoryFinding {
  /** Index into the recovered managers, when the blob came with one. */
  manager?: number;
  attachment?: string;
  role: 'history' | 'restags';
  account: { smtp?: string; uid?: string };
  /** whole: every byte validated; partial: the tags outside reused bytes; damaged: bytes changed where nothing says which, so no tag is reported. */
  status: 'whole' | 'partial' | 'damaged';
  lost: Overwrite[];
  blob: DecodedBlob;
  span?: { first: string; last: string };
  /** Compared with the live history of the same account, when there is one. */
  live?: { history: number; olderOnly: OlderOnlyUidFinding[] };
  location: RecoveredLocationFinding;
}

export interface Recovery {
  scan: { bytes: number; amap: FreedSpace['amap']; blocks: number; pages: number; nodeSlots: number };
  managers: RecoveredManagerFinding[];
  attachments: RecoveredAttachmentFinding[];
  histories: RecoveredHistoryFinding[];
}
