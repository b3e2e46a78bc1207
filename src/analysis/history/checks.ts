// Checks inside one history, tag against tag: Outlook keeps one tag per UID and operation, deletes a
// UID on the server only after downloading it, and appends tags in time order, none later than its
// last write of the Message Manager. Each break is a finding on the entry it concerns. Times are
// compared as their raw digits (yyyyMMddHHmmss sorts as time does); seconds are computed only for
// a finding, which keeps a 65,535-tag history one cheap pass.

import { finding, type Finding } from '../findings.js';
import type { BlobEntry } from './blob.js';
import { tagSeconds } from './tag-time.js';
import { isoSeconds } from '../iso-time.js';

/** Findings by entry index; entries with none are absent. */
export type EntryFindings = Map<number, Finding[]>;

const seconds = (e: BlobEntry): number => tagSeconds(e.timeRaw);
const isDelete = (e: BlobEntry): boolean => e.operation === 'deleted';

/** A finding on an entry, kept with the others of its history. */
export function addFinding(out: EntryFindings, e: BlobEntry, f: Finding): void {
  const had = out.get(e.index);
  if (had) had.push(f);
  else out.set(e.index, [f]);
}

/** Every check that needs nothing but the tags: one pass, and a map of each UID's tags. */
export function checkHistory(entries: readonly BlobEntry[]): EntryFindings {
  const out: EntryFindings = new Map();
  // Most UIDs have one tag: the entry itself, an array only for a second one.
  const byUid = new Map<string, BlobEntry | BlobEntry[]>();
  let previous: BlobEntry | undefined;
  for (const e of entries) {
    if (previous && e.timeRaw < previous.timeRaw) {
      const delta = seconds(e) - seconds(previous);
      addFinding(out, e, finding('time-goes-backwards', 'warning', `tag ${e.index} is dated ${e.time}, ${-delta} s before tag ${previous.index} that precedes it`, { otherEntry: previous.index, offset: e.offset, deltaSeconds: delta }));
    }
    previous = e;
    const had = byUid.get(e.uid);
    if (had === undefined) byUid.set(e.uid, e);
    else if (Array.isArray(had)) had.push(e);
    else byUid.set(e.uid, [had, e]);
  }
  for (const tags of byUid.values()) if (Array.isArray(tags)) checkOneUid(tags, out);
  return out;
}

/** The tags of one UID, in blob order: a second tag of the same operation and content at another time, and a delete before the download. */
function checkOneUid(tags: readonly BlobEntry[], out: EntryFindings): void {
  const download = tags.find((t) => !isDelete(t));
  // The first tag of each operation and content (at most 9 kinds), whatever the number of tags.
  const first = new Map<string, BlobEntry>();
  for (const e of tags) {
    const kind = `${e.operation} ${e.content}`;
    const same = first.get(kind);
    if (!same) first.set(kind, e);
    else if (same.timeRaw !== e.timeRaw) {
      const delta = seconds(e) - seconds(same);
      addFinding(out, e, finding('duplicate-uid', 'warning', `UID ${e.uid} is tagged ${e.operation} again, at ${e.time}; tag ${same.index} says ${same.time}`, { otherEntry: same.index, offset: e.offset, deltaSeconds: delta }));
    }
    if (download && isDelete(e) && e.timeRaw < download.timeRaw) {
      const delta = seconds(e) - seconds(download);
      addFinding(out, e, finding('operations-out-of-order', 'warning', `UID ${e.uid} is deleted at ${e.time}, ${-delta} s before tag ${download.index} downloads it`, { otherEntry: download.index, offset: e.offset, deltaSeconds: delta }));
    }
  }
}

/** Tags dated after the last write of the Message Manager that holds them (PR_LAST_MODIFICATION_TIME). */
export function checkAgainstLastWrite(entries: readonly BlobEntry[], lastWrite: Date | undefined, out: EntryFindings): void {
  if (!lastWrite || Number.isNaN(lastWrite.getTime())) return;
  const last = Math.floor(lastWrite.getTime() / 1000);
  const when = isoSeconds(last);
  const lastRaw = when.replace(/\D/g, '');
  for (const e of entries) {
    if (e.timeRaw > lastRaw) {
      const t = seconds(e);
      addFinding(out, e, finding('time-after-last-write', 'warning', `tag ${e.index} is dated ${e.time}, ${t - last} s after the Message Manager was last written (${when})`, { offset: e.offset, deltaSeconds: t - last }));
    }
  }
}
