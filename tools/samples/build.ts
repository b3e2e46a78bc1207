// Writes one reference sample from its spec (spec.ts) with our PST and MSG writers.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { writeMsg, type MsgSpec } from '../msgwrite/index.js';
import { NamedProp } from '../../src/pst/messaging/namedprops.js';
import { PropType } from '../../src/pst/ltp/proptype.js';
import type { NamedValue } from '../pstwrite/namemap.js';
import { text } from '../pstwrite/props.js';
import { PstWriter, type AttachmentSpec, type FolderHandle, type MessageSpec } from '../pstwrite/store.js';
import { alterTagTime } from './alter-tag.js';
import { GENERAL_KEY } from './spec-common.js';
import type { AccountSpec, OriginSpec, SampleSpec } from './spec.js';

const MANAGER_FLAGS = 0x52; // as seen on Outlook 2016's Message Manager

export function managerSubject(profileName: string, key: Uint8Array): string {
  return `Outlook Message Manager (${profileName}) (KEY: ${Buffer.from(key).toString('hex').toUpperCase()})`;
}

function miniUidBytes(uid: string): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(parseInt(uid, 16) >>> 0);
  return new Uint8Array(b);
}

function accountAttachments(a: AccountSpec): AttachmentSpec[] {
  const blob = encodeBlob(a.tags, a.trailer ? { trailer: Uint8Array.from(a.trailer) } : {});
  const restags = a.restags ? encodeBlob(a.restags) : new Uint8Array(0);
  const info = miniUidBytes(a.miniUid);
  if (a.naming === 'mini-uid-only') {
    return [
      { filename: `Blob${a.miniUid}`, additionalInfo: info, data: blob },
      { filename: `Restags${a.miniUid}`, additionalInfo: info, data: restags },
    ];
  }
  if (a.naming === 'filename-only') {
    return [
      { filename: `BlobPOP${a.smtp}`, additionalInfo: info, data: blob },
      { filename: `RestagsPOP${a.smtp}`, additionalInfo: info, data: restags },
    ];
  }
  return [
    { filename: `Blob${a.miniUid}`, longFilename: `BlobPOP${a.smtp}`, additionalInfo: info, data: blob },
    { filename: `Restags${a.miniUid}`, longFilename: `RestagsPOP${a.smtp}`, additionalInfo: info, data: restags },
  ];
}

/** The Message Manager as written to the Inbox's associated contents (and to the .msg). */
export function managerMessage(spec: SampleSpec): MessageSpec & MsgSpec {
  const m = spec.manager!;
  const created = new Date(m.created);
  // Outlook saves the manager after writing its blobs: it was last modified after its last tag.
  const tagTimes = m.accounts.flatMap((a) => [...a.tags, ...(a.restags ?? [])].map((t) => Date.parse(t.time)));
  const modified = new Date(Math.max(created.getTime(), ...tagTimes.map((t) => t + 5_000)));
  const searchKey = m.key === GENERAL_KEY ? new Uint8Array(createHash('md5').update(spec.storeId ?? spec.file).digest()) : m.key;
  return {
    messageClass: 'IPM.MessageManager',
    subject: managerSubject(m.profileName, m.key),
    conversationKey: m.conversationKey,
    searchKey,
    created,
    modified,
    flags: MANAGER_FLAGS,
    attachments: m.accounts.flatMap(accountAttachments),
  };
}

/**
 * What Outlook's POP3 provider stamps on a message it downloads (docs/format.md §4, seen on Outlook 2016):
 * PidLidRemoteEntryId = UTF-16LE `POP://server/UID` + NUL, the account's name and stamp, and the
 * Received: lines.
 */
export function pop3Origin(o: OriginSpec, ansi: boolean): Pick<MessageSpec, 'named' | 'transportHeaders'> {
  const str = (s: string): { type: number; bytes: Uint8Array } => {
    const v = text(0, s, ansi);
    return { type: v.type, bytes: v.bytes };
  };
  const named: NamedValue[] = [{ name: NamedProp.RemoteEntryId, type: PropType.Binary, bytes: new Uint8Array(Buffer.from(`POP://${o.server}/${o.uid}\0`, 'utf16le')) }];
  if (o.account !== undefined && !o.stampOnly) named.push({ name: NamedProp.InternetAccountName, ...str(o.account) });
  if (o.account !== undefined) named.push({ name: NamedProp.InternetAccountStamp, ...str(`00000006\x01${o.account}`) });
  return { named, transportHeaders: `Received: from ${o.server} by client with POP3\r\n` };
}

const CONTAINER: Record<string, string> = { Contacts: 'IPF.Contact', Calendar: 'IPF.Appointment', Tasks: 'IPF.Task' };

function tagMessage(uid: string, created: Date, i: number, note = '', delivered = new Date(created.getTime() - 30_000)): MessageSpec {
  return {
    messageClass: 'IPM.Note',
    subject: `POP3 message ${uid}${note}`,
    senderName: `Sender ${i}`,
    senderEmail: `sender${i}@example.net`,
    body: `Downloaded by POP3 as UID ${uid}.`,
    created,
    delivered,
    internetMessageId: `<${createHash('sha1').update(uid + note).digest('hex').slice(0, 16)}@example.net>`,
  };
}

/** Older managers, each written and deleted. After a partly overwritten one, the next block
 * written (the next version's first attachment, blob included) goes into the middle of the freed
 * block that holds its blob, as an allocator reusing the space would; that block's trailer stays. */
function writeOlderManagers(w: PstWriter, inbox: FolderHandle, spec: SampleSpec): void {
  for (const older of spec.olderManagers ?? []) {
    const gone = w.addDeletedAssociated(inbox, managerMessage({ ...spec, manager: { ...spec.manager!, accounts: older.accounts } }));
    if (older.partlyOverwritten) w.reuseAt(gone.blocks.reduce((a, b) => (b.cb > a.cb ? b : a)).ib + 1024);
  }
}

export function writeSample(spec: SampleSpec, dir: string): string {
  const path = join(dir, spec.file);
  // Allocation maps mark the older managers free; 4 KiB-page files are written without (freed space is then found by the scan alone).
  const maps = spec.olderManagers !== undefined && spec.variant !== 'unicode-4k';
  const w = new PstWriter(path, { variant: spec.variant, encryption: spec.encryption, displayName: spec.displayName, ...(maps ? { maps } : {}), ...(spec.compress ? { compress: true } : {}), ...(spec.codepage ? { codepage: spec.codepage } : {}) });
  const folders = new Map<string, FolderHandle>([['Deleted Items', w.deletedItems]]);
  const inbox = w.addFolder(w.ipmSubtree, spec.inboxName);
  w.setInbox(inbox);
  folders.set(spec.inboxName, inbox);
  const folder = (path: string): FolderHandle => {
    const hit = folders.get(path);
    if (hit) return hit;
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? w.ipmSubtree : folder(path.slice(0, cut));
    const name = path.slice(cut + 1);
    const made = w.addFolder(parent, name, CONTAINER[name]);
    folders.set(path, made);
    return made;
  };
  for (const f of spec.folders) folder(f);
  if (spec.special?.sentItems) w.setSpecialFolder('sent-items', folder(spec.special.sentItems));
  if (spec.special?.drafts) w.setSpecialFolder('drafts', folder(spec.special.drafts));
  const ansi = spec.variant === 'ansi';

  if (spec.manager) {
    w.addAssociated(inbox, { messageClass: 'IPM.Configuration.WorkHours', subject: 'IPM.Configuration.WorkHours', created: new Date(spec.manager.created) });
    writeOlderManagers(w, inbox, spec);
    w.addAssociated(inbox, managerMessage(spec));
    let i = 0;
    for (const a of spec.manager.accounts) {
      for (const tag of a.tags) {
        i++;
        if (!tag.folder) continue; // downloaded, then removed from the store
        const at = new Date(Date.parse(tag.time) + (tag.skewSeconds ?? 0) * 1000);
        const origin = spec.pop3Server ? pop3Origin({ server: spec.pop3Server, uid: tag.uid, account: spec.pop3Anonymous ? undefined : a.smtp }, ansi) : {};
        const delivered = new Date(at.getTime() - (tag.waitedSeconds ?? 30) * 1000);
        for (const f of [tag.folder, ...(tag.copies ?? [])]) w.addMessage(folder(f), { ...tagMessage(tag.uid, at, i, '', delivered), ...origin });
        for (const c of tag.laterCopies ?? []) w.addMessage(folder(c.folder), { ...tagMessage(tag.uid, new Date(at.getTime() + c.afterSeconds * 1000), i, '', delivered), ...origin });
        if (tag.twinSameSecond) w.addMessage(folder(tag.folder), tagMessage(tag.uid, at, i, ' (another message, same second)'));
      }
    }
  }
  spec.otherMessages.forEach((m, k) =>
    w.addMessage(folder(m.folder), {
      messageClass: m.messageClass ?? 'IPM.Note',
      subject: m.subject,
      senderName: 'Colleague',
      senderEmail: `colleague${k}@example.org`,
      body: m.subject,
      created: new Date(m.created),
      ...(m.flags !== undefined ? { flags: m.flags } : {}),
      ...(m.codepage !== undefined ? { codepage: m.codepage } : {}),
      ...(m.origin ? { delivered: new Date(Date.parse(m.created) - 30_000), ...pop3Origin(m.origin, ansi) } : {}),
    }),
  );
  w.finish();
  if (spec.damageHistoryTag) alterTagTime(path, spec.damageHistoryTag.uid, spec.damageHistoryTag.time);
  return path;
}

export function writeManagerMsg(spec: SampleSpec): Uint8Array {
  const m = managerMessage(spec);
  return writeMsg({ ...m, attachments: m.attachments });
}
