// What recovery reports of an attachment and of a history found in freed space, from what was
// rebuilt there (its naming finding, its data and what is known of the data's damage) and the live
// histories: plain data in, findings out, with no store to read (docs/format.md §5).

import type { AttachmentFinding, HistoryFinding } from '../locate/match-managers.js';
import { tagSeconds } from '../history/tag-time.js';
import type { AttachmentData } from './attachment-data.js';
import { survivingTags } from './surviving-tags.js';
import type { OlderOnlyUidFinding, RecoveredAttachmentFinding, RecoveredHistoryFinding, RecoveredLocationFinding } from './types.js';

/** An attachment's record: its names and account, and how much of its data survives. */
/**
 * `attachSize`: PR_ATTACH_SIZE where the row or PC gives it; `objectLost`: the attachment object
 * (its PC, where the data lies) is neither live nor in freed space.
 */
export function recoveredAttachment(f: AttachmentFinding, blob: AttachmentData | undefined, attachSize?: number, objectLost = false): RecoveredAttachmentFinding {
  const c = f.candidate;
  const dataLost = objectLost ? 'overwritten' : blob === undefined ? 'no-data' : blob.damaged ? 'damaged' : undefined;
  return {
    filename: c.filename,
    longFilename: c.longFilename,
    displayName: c.displayName,
    role: f.role,
    smtp: f.smtp,
    accountUid: f.accountUid,
    size: blob && !blob.damaged ? blob.data.length - blob.lost.reduce((n, l) => n + (l.to - l.from), 0) : undefined,
    dataSurvives: blob !== undefined && !blob.damaged && (blob.lost.length === 0 || blob.data.length > 0),
    ...(attachSize !== undefined ? { attachSize } : {}),
    ...(dataLost ? { dataLost } : {}),
  };
}

/**
 * A history blob found in freed space: `whole`, `partial` (only the tags that provably survive the
 * reused ranges) or `damaged` (no tag), its span, and the UIDs it holds that the live history of
 * the same account and role no longer does.
 */
export function recoveredHistory(
  f: AttachmentFinding,
  blob: AttachmentData,
  location: RecoveredLocationFinding,
  live: readonly HistoryFinding[],
  manager?: number,
): RecoveredHistoryFinding {
  const role = f.role === 'restags' ? 'restags' : 'history';
  const account = { smtp: f.smtp, uid: f.accountUid };
  const decoded = blob.damaged ? { entries: [], anomalies: [] } : survivingTags(blob.data, blob.lost);
  const status = blob.damaged ? 'damaged' : blob.lost.length > 0 ? 'partial' : 'whole';
  const times = decoded.entries.map((e) => e.time).filter((t) => t !== '').sort();
  const h: RecoveredHistoryFinding = { manager, attachment: f.candidate.longFilename ?? f.candidate.filename, role, account, status, lost: blob.lost, blob: decoded, location };
  if (times.length > 0) h.span = { first: times[0]!, last: times[times.length - 1]! };
  const liveIndex = live.findIndex((l) => l.role === role && sameAccount(l.account, account));
  if (liveIndex >= 0) {
    const liveUids = new Set(live[liveIndex]!.blob.entries.map((e) => e.uid));
    const olderOnly = new Map<string, OlderOnlyUidFinding>();
    for (const e of decoded.entries) if (!liveUids.has(e.uid) && !olderOnly.has(e.uid)) olderOnly.set(e.uid, { uid: e.uid, operation: e.operation, time: e.time, second: tagSeconds(e.timeRaw) });
    h.live = { history: liveIndex, olderOnly: [...olderOnly.values()] };
  }
  return h;
}

/** The same account: by SMTP address when both name one (any case), else by mini UID. */
export function sameAccount(a: { smtp?: string; uid?: string }, b: { smtp?: string; uid?: string }): boolean {
  if (a.smtp !== undefined && b.smtp !== undefined) return a.smtp.toLowerCase() === b.smtp.toLowerCase();
  return a.uid !== undefined && a.uid === b.uid;
}
