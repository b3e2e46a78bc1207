// The POP3 origin of every message in a .msg file, the top one and each embedded one at any depth:
// PidLidRemoteEntryId read as for a store's message (remote-id.ts), with the account, class, times,
// Internet Message-ID and subject that describe it. A .msg is one message saved from a store; its
// origin says which server and UID its download came from, not which history holds it.

import type { MsgItem } from '../../msg/index.js';
import { parseRemoteId } from './remote-id.js';

export interface MsgDownloadFinding {
  /** Where the message sits: `top`, or the embedded-message attachments leading to it (`embedded 1 / embedded 0`). */
  location: string;
  server: string;
  uid: string;
  /** The UID with the history's `$xx` escapes undone, when that differs. */
  unescapedUid?: string;
  /** PidLidInternetAccountName, and PidLidInternetAccountStamp as stored. */
  account?: string;
  accountStamp?: string;
  messageClass?: string;
  created?: Date;
  delivered?: Date;
  messageId?: string;
  subject?: string;
}

export interface MsgOriginWarning {
  code: 'BAD_VALUE';
  message: string;
}

export interface MsgOrigins {
  downloads: MsgDownloadFinding[];
  warnings: MsgOriginWarning[];
}

/** Every message of the item with a readable POP3 origin, depth first, in attachment order. */
export function msgOrigins(top: MsgItem): MsgOrigins {
  const out: MsgOrigins = { downloads: [], warnings: [] };
  const visit = (item: MsgItem, path: readonly number[]): void => {
    const location = path.length === 0 ? 'top' : path.map((n) => `embedded ${n}`).join(' / ');
    const raw = item.remoteEntryId;
    if (raw !== undefined) {
      const parsed = raw instanceof Uint8Array ? parseRemoteId(raw) : { ok: false as const, reason: `is a ${typeof raw}, not binary` };
      if (parsed.ok) out.downloads.push(download(item, location, parsed.id));
      else out.warnings.push({ code: 'BAD_VALUE', message: `message ${location}: its PidLidRemoteEntryId ${parsed.reason}; it is not taken as a POP3 download` });
    }
    for (const a of item.attachments) if (a.embedded) visit(a.embedded, [...path, a.index]);
  };
  visit(top, []);
  return out;
}

function download(item: MsgItem, location: string, id: { server: string; uid: string; unescaped?: string }): MsgDownloadFinding {
  return {
    location,
    server: id.server,
    uid: id.uid,
    unescapedUid: id.unescaped,
    account: item.accountName,
    accountStamp: item.accountStamp,
    messageClass: item.messageClass,
    created: item.created,
    delivered: item.delivered,
    messageId: item.internetMessageId,
    subject: item.subject,
  };
}
