// An older version of a history against the live one of the same account: the UIDs only the older
// version holds, and the UIDs both hold with another time or operation (`history-rewritten`, a
// finding on the live entry, naming both versions).

import { addFinding } from '../history/checks.js';
import type { BlobEntry, DecodedBlob } from '../history/blob.js';
import { finding } from '../findings.js';
import { tagSeconds } from '../history/tag-time.js';
import type { OlderOnlyUidFinding, RecoveredLocationFinding } from './types.js';

export function compareWithLive(older: DecodedBlob, live: DecodedBlob, where: RecoveredLocationFinding): OlderOnlyUidFinding[] {
  const liveByUid = new Map<string, BlobEntry[]>();
  for (const e of live.entries) {
    const had = liveByUid.get(e.uid);
    if (had) had.push(e);
    else liveByUid.set(e.uid, [e]);
  }
  const olderOnly = new Map<string, OlderOnlyUidFinding>();
  for (const e of older.entries) {
    const now = liveByUid.get(e.uid);
    if (!now) {
      if (!olderOnly.has(e.uid)) olderOnly.set(e.uid, { uid: e.uid, operation: e.operation, time: e.time, second: tagSeconds(e.timeRaw) });
      continue;
    }
    // Outlook rewrites a history with the tags it holds: the same UID keeps its operation and time.
    if (now.some((l) => l.operation === e.operation && l.time === e.time)) continue;
    const l = now[0]!;
    const delta = tagSeconds(l.timeRaw) - tagSeconds(e.timeRaw);
    addFinding(
      live.findings,
      l,
      finding(
        'history-rewritten',
        'warning',
        `the older version recovered at offset ${where.offset} (block ${where.bid}) holds UID ${e.uid} as ${e.operation} at ${e.time} (its tag ${e.index}); the live history says ${l.operation} at ${l.time}`,
        { offset: l.offset, deltaSeconds: delta },
      ),
    );
  }
  return [...olderOnly.values()];
}
