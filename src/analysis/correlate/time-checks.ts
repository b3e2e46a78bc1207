// A match checked against the times the store keeps (issue 25): Outlook writes a tag at the second
// its POP3 provider creates the message, and the message reached the server before that, so
// - created more than the window before the tag: `created-before-download`;
// - created more than the window after it: a later copy, `copied-later` when no candidate is the
//   original (consistent when its delivery time is not after the tag);
// - delivered more than the window after the tag: `delivered-after-download`.
// Delivery before the tag is the message waiting on the server: never a finding.

import { formatNid, asNid } from '../../pst/index.js';
import { finding, type Finding } from '../findings.js';
import type { MessageFacts } from './rules.js';
import { nearestFirst } from './nearest.js';

const nidOf = (messages: MessageFacts, i: number): string => formatNid(asNid(messages.nid(i)));

export function timeFindings(second: number, messages: MessageFacts, indices: readonly number[], window: number): Finding[] {
  const out: Finding[] = [];
  const later: number[] = [];
  let original = false;
  for (const i of indices) {
    const created = messages.created(i);
    const delivered = messages.delivered(i);
    if (!Number.isNaN(created)) {
      const delta = created - second;
      if (delta < -window) {
        out.push(finding('created-before-download', 'warning', `message ${nidOf(messages, i)} was created ${-delta} s before the download this tag records`, { nid: nidOf(messages, i), deltaSeconds: delta }));
      } else if (delta > window) later.push(i);
      else original = true;
    }
    if (!Number.isNaN(delivered) && delivered - second > window) {
      const delta = delivered - second;
      out.push(finding('delivered-after-download', 'warning', `message ${nidOf(messages, i)} was delivered ${delta} s after the download this tag records`, { nid: nidOf(messages, i), deltaSeconds: delta }));
    }
  }
  // A later copy beside its original is ordinary; alone, it says the original is gone.
  if (!original) {
    for (const i of later) {
      const delta = messages.created(i) - second;
      const delivered = messages.delivered(i);
      const agrees = !Number.isNaN(delivered) && delivered - second <= window;
      const note = agrees ? 'its delivery time agrees with the tag' : 'its delivery time does not agree with the tag';
      out.push(
        finding('copied-later', agrees ? 'info' : 'warning', `message ${nidOf(messages, i)} is a copy created ${delta} s after the download; ${note}; the original, created at the tag's second, is not in the store`, {
          nid: nidOf(messages, i),
          deltaSeconds: delta,
        }),
      );
    }
  }
  return out;
}

/** Which download tags a UID has, by second: does one of them explain a message created at `second`? */
export interface TagTimes {
  owns(uid: string, second: number): boolean;
}

export interface OtherDownload {
  index: number;
  /** The UID its remote id names, and its creation second minus the tag's. */
  uid: string;
  delta: number;
}

/**
 * Messages created within the window of the tag's second, from the same server as the match, whose
 * remote id names another UID that no tag of the history explains: the message downloaded at this
 * second says another UID. Looked for even when a remote-uid match won.
 */
export function otherDownloadsAtTagTime(second: number, uid: string, messages: MessageFacts, matched: readonly number[], window: number, tags: TagTimes): OtherDownload[] {
  const servers = new Set(matched.map((i) => messages.server(i)));
  const out: OtherDownload[] = [];
  nearestFirst(messages, second, window, (group, delta) => {
    for (const i of group) {
      const other = messages.uid(i);
      if (other === undefined || other === uid || matched.includes(i) || !servers.has(messages.server(i))) continue;
      if (!tags.owns(other, messages.created(i))) out.push({ index: i, uid: other, delta });
    }
    return false;
  });
  return out;
}
