// What a case keeps of one analysed input: its status, its store identity, each history version
// (the live ones and those --recover found) as UIDs with their tags, and every message carrying a
// POP3 origin. Plain data (a worker thread posts it back as is) and small: the case never holds a
// whole store, only this index, which grows with UIDs, not with messages.

import type { InspectedEvidence } from '../evidence/inspect-evidence.js';
import type { Operation } from '../history/blob.js';
import { tagSeconds } from '../history/tag-time.js';
import type { HistoryCorrelation } from '../evidence/inspect-store.js';
import type { Recovery } from '../recover/types.js';
import { isoDate } from '../iso-time.js';
import { caseDownloads, type CaseDownloads } from './downloads.js';

export type CaseInputStatus = 'history-found' | 'no-history' | 'inconclusive' | 'error';

export interface CaseTag {
  operation: Operation;
  time: string;
  second: number;
}

/** One UID of a version: its tags, and (live histories, with correlation) whether the store still holds its download. */
export interface CaseListing {
  uid: string;
  /** The UID as the history writes it (escaped), when that differs. */
  encodedUid?: string;
  tags: CaseTag[];
  inStore?: 'matched' | 'ambiguous' | 'not-in-store';
}

export interface CaseVersionInput {
  origin: 'live' | 'recovered';
  /** Index in the source's `histories` (live) or `recovered` (recovered) of its inspect report. */
  history: number;
  smtp?: string;
  miniUid?: string;
  /** POP3 servers the history's own matches came from. */
  servers: string[];
  /** When the Message Manager holding it was last written. */
  written?: string;
  /** A recovered history of which only part survives: a UID it does not list may have been lost, not dropped. */
  partial?: boolean;
  listings: CaseListing[];
}

export interface CaseInput {
  path: string;
  pathHex?: string;
  kind?: 'pst' | 'ost' | 'msg' | 'blob';
  size?: number;
  sha256?: string;
  status: CaseInputStatus;
  error?: { code: string; message: string };
  /** A store's PR_RECORD_KEY (hex), and the search keys of its Message Managers. */
  recordKey?: string;
  managerKeys: string[];
  versions: CaseVersionInput[];
  downloads: CaseDownloads;
}

const hex = (b: Uint8Array | undefined): string | undefined => (b ? Buffer.from(b).toString('hex') : undefined);

interface TagLike {
  index: number;
  uid: string;
  encodedUid: string;
  operation: Operation;
  time: string;
  timeRaw: string;
}

/** A history's tags grouped by UID, in the order each UID first appears. */
function listings(entries: readonly TagLike[], corr?: HistoryCorrelation): CaseListing[] {
  const byUid = new Map<string, CaseListing>();
  for (const e of entries) {
    let l = byUid.get(e.uid);
    if (!l) {
      l = { uid: e.uid, tags: [] };
      if (e.encodedUid !== e.uid) l.encodedUid = e.encodedUid;
      byUid.set(e.uid, l);
    }
    l.tags.push({ operation: e.operation, time: e.time, second: tagSeconds(e.timeRaw) });
    const status = corr?.entries.get(e.index)?.status;
    // A download's tag decides; a delete-only tag's messages count only when no download tag said otherwise.
    if (status !== undefined && (l.inStore === undefined || e.operation !== 'deleted')) l.inStore = status;
  }
  return [...byUid.values()];
}

function recoveredVersions(r: Recovery): CaseVersionInput[] {
  // The report lists recovered managers, then attachments, then histories: a history's index follows them.
  const offset = r.managers.length + r.attachments.length;
  return r.histories.flatMap((h, k) => {
    if (h.role !== 'history' || h.status === 'damaged') return [];
    const v: CaseVersionInput = { origin: 'recovered', history: offset + k, servers: [], listings: listings(h.blob.entries) };
    if (h.account.smtp !== undefined) v.smtp = h.account.smtp.toLowerCase();
    if (h.account.uid !== undefined) v.miniUid = h.account.uid.toLowerCase();
    const written = h.manager !== undefined ? isoDate(r.managers[h.manager]?.modified) : undefined;
    if (written !== undefined) v.written = written;
    if (h.status === 'partial') v.partial = true;
    return [v];
  });
}

/** The case's index of one input; `status` is the one its inspect report gives. */
export function caseInput(found: InspectedEvidence, status: CaseInputStatus): CaseInput {
  const { path, pathHex, kind, size, sha256 } = found.base;
  const out: CaseInput = { path, status, managerKeys: [], versions: [], downloads: caseDownloads([]) };
  if (pathHex !== undefined) out.pathHex = pathHex;
  if (kind !== undefined) out.kind = kind;
  if (size !== undefined) out.size = size;
  if (sha256 !== undefined) out.sha256 = sha256;
  if (found.type === 'error') out.error = { code: found.error.code, message: found.error.message };
  if (found.type === 'blob') out.versions.push({ origin: 'live', history: 0, servers: [], listings: listings(found.blob.entries) });
  if (found.type !== 'store' && found.type !== 'msg') return out;
  const analysis = found.type === 'store' ? found.inspection.analysis : found.analysis;
  const correlations = found.type === 'store' ? found.inspection.correlations : undefined;
  if (found.type === 'store' && found.recordKey !== undefined) out.recordKey = found.recordKey;
  out.managerKeys = [...new Set(analysis.managers.flatMap((m) => hex(m.candidate.searchKey) ?? []))].sort();
  analysis.histories.forEach((h, k) => {
    if (h.role !== 'history') return;
    const corr = correlations?.[k];
    const v: CaseVersionInput = { origin: 'live', history: k, servers: corr?.servers ?? [], listings: listings(h.blob.entries, corr) };
    if (h.account.smtp !== undefined) v.smtp = h.account.smtp.toLowerCase();
    if (h.account.uid !== undefined) v.miniUid = h.account.uid.toLowerCase();
    const written = isoDate(analysis.managers[h.manager]?.candidate.modified);
    if (written !== undefined) v.written = written;
    out.versions.push(v);
  });
  if (found.type === 'msg') {
    // The account as a store's message gives it: its name, else the one in its stamp.
    out.downloads = caseDownloads(found.origins.downloads.map((d) => ({ server: d.server, uid: d.uid, account: (d.account ?? d.accountStamp?.split('\x01')[1])?.toLowerCase(), message: d })));
  }
  if (found.type === 'store') {
    const recovery = found.inspection.recovery;
    if (recovery) out.versions.push(...recoveredVersions(recovery));
    const origins = found.inspection.origins;
    if (origins) out.downloads = caseDownloads(origins);
  }
  return out;
}
