// The report's records of POP3 downloads outside a history: a .msg's messages with a POP3 origin,
// and a store's downloads no history accounts for.

import { isoDate as iso, type MsgDownloadFinding, type ServerDownloadsFinding } from '../analysis/index.js';
import type { MsgDownload, ServerDownloads } from './types.js';

export function msgDownload(d: MsgDownloadFinding): MsgDownload {
  return {
    location: d.location,
    server: d.server,
    uid: d.uid,
    unescapedUid: d.unescapedUid,
    account: d.account,
    accountStamp: d.accountStamp,
    messageClass: d.messageClass,
    created: iso(d.created),
    delivered: iso(d.delivered),
    messageId: d.messageId,
    subject: d.subject,
  };
}

/** Listed only when there are some: a store without POP3 downloads reads as before. */
export function unattributed(found: readonly ServerDownloadsFinding[] | undefined): ServerDownloads[] | undefined {
  if (!found || found.length === 0) return undefined;
  return found.map((s) => ({ server: s.server, messages: s.messages, uids: s.uids, firstDelivered: iso(s.firstDelivered), lastDelivered: iso(s.lastDelivered), folders: s.folders }));
}
