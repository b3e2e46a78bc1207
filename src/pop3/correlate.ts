// Tie each downloaded UID to the message its download created: in a real Outlook 2016 store each
// tag's UTC time equalled, to the second, that message's PR_CREATION_TIME, in whatever folder it
// later went (design.md §5). Only rules are reported, never guesses: exact, or near within a window.

import { PstFormatError } from '../pst/file/errors.js';
import { formatNid } from '../pst/ndb/ids.js';
import type { Folder } from '../pst/messaging/folder.js';
import { PropId } from '../pst/messaging/proptags.js';
import type { PstStore } from '../pst/messaging/store.js';
import { folderPath } from './locate.js';

export interface StoreMessage {
  folder: string;
  nid: string;
  subject?: string;
  from?: string;
  messageId?: string;
  /** PR_CREATION_TIME in whole seconds since the epoch. */
  createdSec: number;
  created: Date;
  delivered?: Date;
}

export interface Correlation {
  status: 'matched' | 'ambiguous' | 'not-in-store';
  rule?: 'exact' | 'near';
  deltaSeconds?: number;
  candidates: StoreMessage[];
}

/** Every normal message of the store that has a creation time, sorted by it (one pass over all folders). */
export function indexMessages(store: PstStore, folders: readonly Folder[]): StoreMessage[] {
  const out: StoreMessage[] = [];
  for (const folder of folders) {
    let nids;
    try {
      nids = folder.messageNids();
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      store.warnings.fromError(e, `contents of "${folderPath(folder)}"`);
      continue;
    }
    for (const nid of nids) {
      try {
        const m = store.message(nid);
        const created = m.created;
        if (!created) continue;
        const p = m.props;
        out.push({
          folder: folderPath(folder),
          nid: formatNid(nid),
          subject: m.subject,
          from: p.string(PropId.SenderSmtpAddress) ?? p.string(PropId.SenderEmailAddress) ?? p.string(PropId.SenderName),
          messageId: p.string(PropId.InternetMessageId),
          createdSec: Math.floor(created.getTime() / 1000),
          created,
          delivered: m.props.time(PropId.MessageDeliveryTime),
        });
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.fromError(e, `message ${formatNid(nid)} in "${folderPath(folder)}"`);
      }
    }
  }
  return out.sort((a, b) => a.createdSec - b.createdSec);
}

/** First index whose createdSec ≥ sec. */
function lowerBound(index: readonly StoreMessage[], sec: number): number {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index[mid]!.createdSec < sec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function inRange(index: readonly StoreMessage[], from: number, to: number): StoreMessage[] {
  const out: StoreMessage[] = [];
  for (let i = lowerBound(index, from); i < index.length && index[i]!.createdSec <= to; i++) out.push(index[i]!);
  return out;
}

export function correlate(timeIso: string, index: readonly StoreMessage[], windowSeconds: number): Correlation {
  const sec = Math.floor(Date.parse(timeIso) / 1000);
  const exact = inRange(index, sec, sec);
  if (exact.length > 0) return { status: exact.length === 1 ? 'matched' : 'ambiguous', rule: 'exact', deltaSeconds: 0, candidates: exact };
  // Near: the smallest non-zero distance within the window that has any message.
  for (let d = 1; d <= windowSeconds; d++) {
    const near = [...inRange(index, sec - d, sec - d), ...inRange(index, sec + d, sec + d)];
    if (near.length > 0) {
      return { status: near.length === 1 ? 'matched' : 'ambiguous', rule: 'near', deltaSeconds: near[0]!.createdSec - sec, candidates: near };
    }
  }
  return { status: 'not-in-store', candidates: [] };
}

/** Store messages created within [from, to] that no tag's correlation named. */
export function unexplained(index: readonly StoreMessage[], fromIso: string, toIso: string, explained: ReadonlySet<string>): StoreMessage[] {
  const from = Math.floor(Date.parse(fromIso) / 1000);
  const to = Math.floor(Date.parse(toIso) / 1000);
  return inRange(index, from, to).filter((m) => !explained.has(m.nid));
}
