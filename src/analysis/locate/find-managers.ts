// Where Outlook keeps the POP3 history in a PST: the Inbox's associated contents, found through the
// receive-folder table (locale independent), then every other folder's associated contents too
// (docs/format.md §1.1).
// Microsoft, "Locating the message download history for a POP3 account",
// https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/locating-the-message-download-history-for-a-pop3-account

import { formatNid, PropId, PstFormatError, SpecialNid, type Nid } from '../../pst/index.js';
import type { Attachment, Folder, Message, PstStore } from '../../pst/index.js';
import { MANAGER_CLASS, type ManagerCandidate } from './manager-candidate.js';

export interface InboxResolution {
  nid?: Nid;
  folder?: string;
  via: 'receive-folder-table' | 'inbox-name' | 'not-found';
}

export const folderPath = (f: Folder): string => `/${f.path.join('/')}`;

/** MAPI picks the receive folder whose class is the longest prefix of the message class. */
function receiveFolderFor(store: PstStore, messageClass: string): Nid | undefined {
  let best: { len: number; nid: Nid } | undefined;
  const cls = messageClass.toUpperCase();
  for (const e of store.receiveFolders()) {
    const c = e.messageClass.toUpperCase();
    const matches = c === '' || cls === c || cls.startsWith(`${c}.`);
    if (matches && (!best || c.length > best.len)) best = { len: c.length, nid: e.folderNid };
  }
  return best?.nid;
}

export function resolveInbox(store: PstStore, folders: readonly Folder[]): InboxResolution {
  try {
    const nid = receiveFolderFor(store, 'IPM.Note');
    const hit = nid !== undefined && nid !== SpecialNid.ROOT_FOLDER ? folders.find((f) => f.nid === nid) : undefined;
    if (hit) return { nid: hit.nid, folder: folderPath(hit), via: 'receive-folder-table' };
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    store.warnings.gap(e, 'receive-folder table');
  }
  // An archive's table points at the root: fall back to the IPM subtree's folder named Inbox.
  const ipm = store.ipmSubtreeNid();
  const byName = folders.find((f) => f.path.length >= 1 && f.name.toLowerCase() === 'inbox' && folders.some((p) => p.nid === ipm && isChild(p, f)));
  return byName ? { nid: byName.nid, folder: folderPath(byName), via: 'inbox-name' } : { via: 'not-found' };
}

function isChild(parent: Folder, child: Folder): boolean {
  return child.path.length === parent.path.length + 1 && parent.path.every((n, i) => child.path[i] === n);
}

/** Every IPM.MessageManager in any folder's associated contents, the Inbox's first. */
export function findManagers(store: PstStore, folders: readonly Folder[], inbox: InboxResolution): ManagerCandidate[] {
  const ordered = [...folders.filter((f) => f.nid === inbox.nid), ...folders.filter((f) => f.nid !== inbox.nid)];
  const out: ManagerCandidate[] = [];
  // A table or message read from a block that fails its CRC may hide a manager (a row's NID or the class
  // string changed): when nothing is found, such a read makes "no history" a guess, so it is a gap too.
  const damaged = (before: number, what: string): void => {
    if (store.warnings.damaged > before) store.warnings.readFromDamage(`${what} (read from a block that fails its CRC or signature)`);
  };
  for (const folder of ordered) {
    let nids: Nid[];
    const tableBefore = store.warnings.damaged;
    try {
      nids = folder.associatedNids();
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      store.warnings.gap(e, `associated contents of "${folderPath(folder)}"`);
      continue;
    }
    damaged(tableBefore, `associated contents of "${folderPath(folder)}"`);
    for (const nid of nids) {
      const before = store.warnings.damaged;
      try {
        const msg = store.message(nid);
        if (msg.messageClass?.toLowerCase() === MANAGER_CLASS.toLowerCase()) out.push(toCandidate(store, folder, msg, folder.nid === inbox.nid));
        else damaged(before, `associated message ${formatNid(nid)} in "${folderPath(folder)}"`);
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        store.warnings.gap(e, `associated message ${formatNid(nid)} in "${folderPath(folder)}"`);
      }
    }
  }
  return out;
}

function toCandidate(store: PstStore, folder: Folder, msg: Message, inInbox: boolean): ManagerCandidate {
  const name = `the Message Manager ${formatNid(msg.nid)}`;
  const attachments = msg.attachments(store.warnings).map((a) => ({
    index: a.index,
    filename: a.filename,
    longFilename: a.longFilename,
    displayName: a.displayName,
    additionalInfo: a.additionalInfo,
    data: readData(store, a, msg),
    damaged: store.damagedBlocks(a.node, attachmentHolds(a, name)),
  }));
  // Once read, a CRC warning on the manager's own blocks or its attachment table says what they hold.
  store.damagedBlocks(msg.node, name, false);
  const table = msg.node.subnode(SpecialNid.ATTACHMENT_TABLE);
  if (table) store.damagedBlocks(table, `the attachment table of ${name}`);
  return {
    folder: folderPath(folder),
    nid: formatNid(msg.nid),
    inInbox,
    messageClass: msg.messageClass ?? MANAGER_CLASS,
    subject: msg.subject,
    conversationKey: msg.props.binary(PropId.ConversationKey),
    searchKey: msg.props.binary(PropId.SearchKey),
    created: msg.created,
    modified: msg.modified,
    attachments,
  };
}

/** What a CRC warning on an attachment's block says it holds: a history's bytes, by Outlook's names. */
function attachmentHolds(a: Attachment, manager: string): string {
  const name = a.longFilename ?? a.filename ?? '';
  const what = name.startsWith('Blob') ? 'the POP3 history blob' : name.startsWith('Restags') ? 'the Restags blob' : 'an attachment';
  return `${what} (attachment ${a.index} ${JSON.stringify(name)} of ${manager})`;
}

/** An attachment whose data cannot be read is still listed (without data), with a warning. */
function readData(store: PstStore, a: Attachment, msg: Message): Uint8Array | undefined {
  try {
    return a.data();
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    store.warnings.gap(e, `data of attachment ${a.index} of ${formatNid(msg.nid)}`);
    return undefined;
  }
}
