// What each reference sample holds, as data: the generator writes it, and the tests derive what
// `pophist inspect` must report from it (which tag created which message, which are gone).

import type { Content, Operation } from '../../src/analysis/history/blob.js';
import { GENERAL_KEY, modernManager } from './spec-common.js';
import { ORIGIN_SAMPLES } from './spec-origins.js';

export interface TagSpec {
  operation: Operation;
  content: Content;
  time: string;
  uid: string;
  /** Where the message this download created lies now; absent when it is gone from the store. */
  folder?: string;
  /** Extra messages created in the same second (ambiguous) or this many seconds later (near). */
  twinSameSecond?: boolean;
  skewSeconds?: number;
  /** More folders holding a copy of the downloaded message. */
  copies?: string[];
  /** Copies made later (moved or copied to another folder): a new creation time, the same delivery time. */
  laterCopies?: { folder: string; afterSeconds: number }[];
  /** How long the message waited on the server before its download (delivery time before the tag; 30 s by default). */
  waitedSeconds?: number;
}

/** A POP3 origin as Outlook stamps it on a downloaded message (PidLidRemoteEntryId and the account). */
export interface OriginSpec {
  server: string;
  uid: string;
  /** Absent when the message names no account (no PidLidInternetAccountName or stamp). */
  account?: string;
  /** The account in PidLidInternetAccountStamp only, no PidLidInternetAccountName. */
  stampOnly?: boolean;
}

/** A message not created by a tag of the history. */
export interface OtherMessage {
  folder: string;
  subject: string;
  created: string;
  messageClass?: string;
  flags?: number;
  /** Downloaded by POP3 (by this or another account), though no tag of the history names it. */
  origin?: OriginSpec;
  /** ANSI stores: the message declares this code page and its strings are written in it. */
  codepage?: number;
}

export interface AccountSpec {
  smtp: string;
  miniUid: string;
  tags: TagSpec[];
  trailer?: number[];
  /** Tags of the Restags attachment; empty (as Outlook 2016 writes it) when absent. */
  restags?: TagSpec[];
  /** How the Blob is named: Outlook 2016 sets both names; older stores only the short one; some
   * stores only `Blob<mini UID>` and `Restags<mini UID>`, no name with the address. */
  naming?: 'outlook2016' | 'filename-only' | 'mini-uid-only';
}

/** An older Message Manager, written and then deleted before the live one (docs/format.md §5). */
export interface OlderManagerSpec {
  accounts: AccountSpec[];
  /** The next version's first block is written into the middle of this version's blob: only part of it survives. */
  partlyOverwritten?: boolean;
}

export interface SampleSpec {
  file: string;
  variant: 'unicode' | 'ansi' | 'unicode-4k';
  encryption: 'none' | 'permute' | 'cyclic';
  /** 4 KiB-page OSTs: data blocks zlib-compressed where that makes them smaller. */
  compress?: boolean;
  /** ANSI stores: the code page the store declares and its 8-bit strings are written in (1252 if absent). */
  codepage?: number;
  displayName: string;
  inboxName: string;
  /** Folders besides the Inbox and Deleted Items, as paths below the IPM subtree. */
  folders: string[];
  manager?: { profileName: string; key: Uint8Array; conversationKey?: Uint8Array; created: string; accounts: AccountSpec[] };
  /** Older versions of the manager, oldest first, each deleted as Outlook deletes and recreates it;
   * the store then carries allocation maps that mark their blocks free. */
  olderManagers?: OlderManagerSpec[];
  /** Messages not created by a tagged download of the live history. */
  otherMessages: OtherMessage[];
  /** When set, every message a tag created carries its POP3 origin from this server. */
  pop3Server?: string;
  /** After writing, the history's tag of this UID gets this time (14 digits) in its block, the block's CRC left stale. */
  damageHistoryTag?: { uid: string; time: string };
  /** The origin on the messages the tags created names no account (as on a real pt-BR store). */
  pop3Anonymous?: boolean;
  /** Folders the store names Sent Items, Outbox or Drafts, as paths below the IPM subtree. */
  special?: { sentItems?: string; drafts?: string };
  description: string;
  /** Copies of one store (snapshots) share this: the Message Manager's search key is made from it, not from the file name. */
  storeId?: string;
}

export const MSGFLAG_UNSENT = 0x8;

/**
 * The cases of a store downloaded from `server` by `account`, at the seconds given: messages that
 * are no download of a tag (a contact, an appointment and a task on a tag's second; sent mail on
 * another; a draft; an imported message; a download by a second account; two copies of a download
 * whose UID the history no longer lists).
 */
export function pop3Cases(account: string, server: string, at: { nonMail: string; sent: string; draft: string; imported: string; expired: string }, otherAccount: OriginSpec): OtherMessage[] {
  return [
    { folder: 'Contacts', subject: 'Contact saved on a tag second', created: at.nonMail, messageClass: 'IPM.Contact' },
    { folder: 'Calendar', subject: 'Appointment saved on a tag second', created: at.nonMail, messageClass: 'IPM.Appointment' },
    { folder: 'Tasks', subject: 'Task saved on a tag second', created: at.nonMail, messageClass: 'IPM.Task' },
    { folder: 'Sent Items', subject: 'Re: quarterly figures', created: at.sent },
    { folder: 'Drafts', subject: 'Draft written between downloads', created: at.draft, flags: MSGFLAG_UNSENT },
    { folder: 'Inbox', subject: 'Imported message with no POP3 origin', created: at.imported },
    { folder: 'Inbox', subject: 'Downloaded by another account', created: at.sent, origin: otherAccount },
    { folder: 'Inbox', subject: 'Downloaded, UID no longer listed', created: at.expired, origin: { server, uid: 'expired-uid-5', account } },
    { folder: 'Deleted Items', subject: 'Downloaded, UID no longer listed', created: at.expired, origin: { server, uid: 'expired-uid-5', account } },
  ];
}

const CASE_FOLDERS = ['Sent Items', 'Drafts', 'Contacts', 'Calendar', 'Tasks'];

export { GENERAL_KEY };
export const OLD_PROFILE_KEY = new Uint8Array(Buffer.from('8f3a6c0b21d94e57a0b3c4d5e6f70812', 'hex'));
/** Outlook 2016's 8 bytes after the tags: 4 zero bytes, then 4 others. */
export const OUTLOOK2016_TRAILER = [0, 0, 0, 0, 0x6b, 0x1f, 0x02, 0x5c];

const t = (s: string): string => `2024-03-04T${s}Z`;

const PST_SAMPLES: SampleSpec[] = [
  {
    file: 'pop3-unicode.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Alice (POP3)',
    inboxName: 'Inbox',
    folders: ['Inbox/Projects', ...CASE_FOLDERS],
    pop3Server: 'pop.example.com',
    special: { sentItems: 'Sent Items', drafts: 'Drafts' },
    description:
      'One POP3 account, 21 tags of every operation and content; the messages they created carry their POP3 origin and are spread over Inbox, a subfolder and Deleted Items (one in two copies, one created 610 s before its tag); 3 are gone; 2 tags are delete-only; and every case of pop3Cases.',
    manager: modernManager([
        {
          smtp: 'alice@example.com',
          miniUid: 'da8ea945',
          trailer: OUTLOOK2016_TRAILER,
          naming: 'outlook2016',
          tags: [
            { operation: 'downloaded', content: 'body', time: t('08:00:05'), uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('08:00:09'), uid: '1709539209.4711.pop@mail.example.com', folder: 'Inbox' },
            { operation: 'downloaded', content: 'header', time: t('08:05:00'), uid: 'UIDL_000003', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('08:10:30'), uid: 'msg-0004@pop.example.net', folder: 'Inbox/Projects' },
            { operation: 'downloaded', content: 'body', time: t('08:15:45'), uid: '000005.a_b-c@d', folder: 'Inbox/Projects' },
            { operation: 'downloaded-and-deleted', content: 'body', time: t('08:20:00'), uid: 'GmailId18e0a1b2c3d4e5f6', folder: 'Inbox' },
            { operation: 'downloaded-and-deleted', content: 'none', time: t('08:25:12'), uid: 'AAAAAAAA-0007', folder: 'Deleted Items' },
            { operation: 'downloaded', content: 'none', time: t('08:30:00'), uid: 'uid.0008', folder: 'Deleted Items' },
            { operation: 'downloaded', content: 'body', time: t('08:35:59'), uid: '0009@example', folder: 'Inbox', copies: ['Inbox/Projects'] },
            { operation: 'downloaded', content: 'body', time: t('08:40:01'), uid: 'UIDL_000010', folder: 'Inbox/Projects' },
            { operation: 'downloaded', content: 'header', time: t('08:45:33'), uid: 'x_11', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('08:50:00'), uid: '12-12-12', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('08:50:00'), uid: 'moved-away-1' },
            { operation: 'downloaded-and-deleted', content: 'header', time: t('08:55:55'), uid: 'thirteen.13', folder: 'Deleted Items' },
            { operation: 'downloaded', content: 'body', time: t('09:00:00'), uid: '14@14', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('09:05:05'), uid: 'UIDL_000015', folder: 'Inbox/Projects' },
            { operation: 'downloaded', content: 'body', time: t('09:10:10'), uid: 'UIDL_000016', folder: 'Inbox', skewSeconds: -610 },
            { operation: 'downloaded', content: 'body', time: t('09:15:00'), uid: 'gone-1@pop.example.net' },
            { operation: 'downloaded-and-deleted', content: 'body', time: t('09:20:00'), uid: 'gone_2.pop' },
            { operation: 'deleted', content: 'body', time: t('09:25:00'), uid: 'UIDL_000003' },
            { operation: 'deleted', content: 'none', time: t('09:30:00'), uid: '12-12-12' },
          ],
        },
    ]),
    otherMessages: pop3Cases(
      'alice@example.com',
      'pop.example.com',
      { nonMail: t('09:15:00'), sent: t('09:20:00'), draft: t('08:42:00'), imported: t('08:43:00'), expired: t('07:59:00') },
      { server: 'pop.other.example', uid: 'gone_2.pop', account: 'alice@other.example' },
    ),
  },
  {
    file: 'pop3-ansi-cyclic.pst',
    variant: 'ansi',
    encryption: 'cyclic',
    displayName: 'Bob (ANSI)',
    inboxName: 'Inbox',
    folders: ['Inbox/Projects', ...CASE_FOLDERS],
    pop3Server: 'pop.example.org',
    special: { sentItems: 'Sent Items', drafts: 'Drafts' },
    description: 'An ANSI store with cyclic encryption: one account, 8 tags, the messages carrying their POP3 origin (one in two copies); 3 are gone; and every case of pop3Cases.',
    manager: modernManager([
        {
          smtp: 'bob@example.org',
          miniUid: '0a1b2c3d',
          naming: 'outlook2016',
          tags: [
            { operation: 'downloaded', content: 'body', time: t('10:00:00'), uid: 'b-1', folder: 'Inbox', copies: ['Inbox/Projects'] },
            { operation: 'downloaded', content: 'body', time: t('10:01:00'), uid: 'b.2', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('10:01:00'), uid: 'b-moved' },
            { operation: 'downloaded', content: 'header', time: t('10:02:00'), uid: 'b@3', folder: 'Inbox' },
            { operation: 'downloaded-and-deleted', content: 'body', time: t('10:03:00'), uid: 'b_4', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('10:04:00'), uid: 'b5', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('10:05:00'), uid: 'b-gone' },
            { operation: 'downloaded', content: 'body', time: t('10:06:00'), uid: 'b-other' },
          ],
        },
    ]),
    otherMessages: pop3Cases(
      'bob@example.org',
      'pop.example.org',
      { nonMail: t('10:05:00'), sent: t('10:06:00'), draft: t('10:02:30'), imported: t('10:03:30'), expired: t('09:59:00') },
      { server: 'pop.other.example', uid: 'b-other', account: 'bob@other.example' },
    ),
  },
  {
    file: 'two-accounts.pst',
    variant: 'unicode',
    encryption: 'none',
    displayName: 'Two accounts',
    inboxName: 'Inbox',
    folders: [],
    description: 'One Message Manager with two Blob attachments (two SMTP addresses) and a non-empty Restags for the second.',
    manager: modernManager([
        {
          smtp: 'alice@example.com',
          miniUid: '11111111',
          naming: 'outlook2016',
          trailer: OUTLOOK2016_TRAILER,
          tags: [
            { operation: 'downloaded', content: 'body', time: t('11:00:00'), uid: 'a-1', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('11:00:30'), uid: 'a-2', folder: 'Inbox' },
          ],
        },
        {
          smtp: 'carol@example.net',
          miniUid: '22222222',
          naming: 'outlook2016',
          tags: [
            { operation: 'downloaded', content: 'body', time: t('11:05:00'), uid: 'c-1', folder: 'Inbox' },
            { operation: 'downloaded-and-deleted', content: 'body', time: t('11:06:00'), uid: 'c-2', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: t('11:07:00'), uid: 'c-3' },
          ],
          restags: [
            { operation: 'deleted', content: 'body', time: t('11:30:00'), uid: 'c-2' },
            { operation: 'deleted', content: 'none', time: t('11:31:00'), uid: 'c-3' },
          ],
        },
    ]),
    otherMessages: [],
  },
  {
    file: 'localized-inbox.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Boîte aux lettres',
    inboxName: 'Boîte de réception',
    folders: ['Inbox'],
    description: 'The Inbox is named "Boîte de réception"; a decoy folder named "Inbox" exists. The receive-folder table names the real one.',
    manager: modernManager([
        {
          smtp: 'claire@exemple.fr',
          miniUid: '5ca1ab1e',
          naming: 'outlook2016',
          tags: [
            { operation: 'downloaded', content: 'body', time: t('12:00:00'), uid: 'fr-1', folder: 'Boîte de réception' },
            { operation: 'downloaded', content: 'body', time: t('12:10:00'), uid: 'fr-2', folder: 'Boîte de réception' },
          ],
        },
    ]),
    otherMessages: [],
  },
  {
    file: 'pre2010-profile.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Outlook 2007 profile',
    inboxName: 'Inbox',
    folders: [],
    description:
      'A pre-2010 Message Manager: profile name "Outlook" and a 16-byte key in its subject and PR_SEARCH_KEY, no conversation key; the Blob is named by its short filename only.',
    manager: {
      profileName: 'Outlook',
      key: OLD_PROFILE_KEY,
      created: '2009-11-01T09:00:00Z',
      accounts: [
        {
          smtp: 'dave@example.com',
          miniUid: '7e57ab1e',
          naming: 'filename-only',
          tags: [
            { operation: 'downloaded', content: 'body', time: '2009-11-02T08:00:00Z', uid: 'old-1', folder: 'Inbox' },
            { operation: 'downloaded', content: 'body', time: '2009-11-02T08:30:00Z', uid: 'old-2', folder: 'Inbox' },
          ],
        },
      ],
    },
    otherMessages: [],
  },
  {
    file: 'no-history.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'No POP3',
    inboxName: 'Inbox',
    folders: ['Inbox/Archive'],
    description: 'Ordinary mail and no Message Manager.',
    otherMessages: [
      { folder: 'Inbox', subject: 'Welcome', created: '2024-01-01T10:00:00Z' },
      { folder: 'Inbox/Archive', subject: 'Old news', created: '2023-06-01T10:00:00Z' },
    ],
  },
  {
    file: 'correlation-cases.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Correlation cases',
    inboxName: 'Inbox',
    folders: [],
    description: 'One tag whose second holds two messages (ambiguous), one whose message was created 1 second later (near, +1 s), one exact.',
    manager: modernManager([
        {
          smtp: 'erin@example.com',
          miniUid: 'c0ffee00',
          naming: 'outlook2016',
          tags: [
            { operation: 'downloaded', content: 'body', time: t('13:00:00'), uid: 'same-second', folder: 'Inbox', twinSameSecond: true },
            { operation: 'downloaded', content: 'body', time: t('13:10:00'), uid: 'one-second-skew', folder: 'Inbox', skewSeconds: 1 },
            { operation: 'downloaded', content: 'body', time: t('13:20:00'), uid: 'exact', folder: 'Inbox' },
          ],
        },
    ]),
    otherMessages: [],
  },
  rewritten('pop3-rewritten.pst', 'unicode', 'permute', 'frank@example.com', 'f4a2c9e1'),
  rewritten('pop3-rewritten-ansi.pst', 'ansi', 'cyclic', 'gina@example.org', '9b3e7d05'),
  {
    file: 'ansi-cyrillic.pst',
    variant: 'ansi',
    encryption: 'permute',
    codepage: 1251,
    displayName: 'Личные папки',
    inboxName: 'Входящие',
    folders: ['Входящие/Проекты'],
    description: 'An ANSI store written on a Russian Windows: code page 1251 declared on the store, folder names and subjects in it; one message declares 1252.',
    manager: modernManager([
      {
        smtp: 'ivan@example.ru',
        miniUid: '0dd1a251',
        naming: 'outlook2016',
        tags: [
          { operation: 'downloaded', content: 'body', time: t('13:00:00'), uid: 'ru-1', folder: 'Входящие' },
          { operation: 'downloaded', content: 'body', time: t('13:20:00'), uid: 'ru-2', folder: 'Входящие/Проекты' },
        ],
      },
    ]),
    otherMessages: [
      { folder: 'Входящие', subject: 'Re: Счёт на оплату — 500 €', created: '2024-03-04T13:05:00Z' },
      { folder: 'Входящие', subject: 'Invoice — 20 € paid', created: '2024-03-04T13:10:00Z', codepage: 1252 },
    ],
  },
  ...ORIGIN_SAMPLES,
];

/** The same content as an Outlook 2013+ OST: 4 KiB pages, no encryption (as real ones), data blocks
 * zlib-compressed unless `compress` is false. */
export function asOst4k(s: SampleSpec, file: string, compress = true): SampleSpec {
  return { ...s, file, variant: 'unicode-4k', encryption: 'none', compress, description: `${s.file}'s content in a 4 KiB-page OST (wVer 36)` };
}

export const SAMPLES: SampleSpec[] = [...PST_SAMPLES, asOst4k(PST_SAMPLES[0]!, 'pop3-ost-4k.ost')];

/** `count` downloads a minute apart from `start`, UIDs `prefix`-001…: a history long enough that
 * its blob leaves the attachment's heap for a data block of its own. */
function downloads(prefix: string, start: string, count: number): TagSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    operation: i % 7 === 3 ? ('downloaded-and-deleted' as const) : ('downloaded' as const),
    content: 'body' as const,
    time: new Date(Date.parse(start) + i * 60_000).toISOString().replace('.000Z', 'Z'),
    uid: `${prefix}-${String(i + 1).padStart(3, '0')}`,
  }));
}

/** Three older versions of one account's history, then the live one: what each holds, and which
 * UIDs only older versions hold (the server stopped listing them). */
function rewritten(file: string, variant: 'unicode' | 'ansi', encryption: 'permute' | 'cyclic', smtp: string, miniUid: string): SampleSpec {
  const acc = (tags: TagSpec[]): AccountSpec => ({ smtp, miniUid, naming: 'outlook2016', trailer: OUTLOOK2016_TRAILER, tags });
  const shared: TagSpec = { operation: 'downloaded', content: 'body', time: '2024-02-01T08:00:00Z', uid: 'kept-1' };
  return {
    file,
    variant,
    encryption,
    displayName: `Rewritten history (${variant})`,
    inboxName: 'Inbox',
    folders: [],
    description:
      'The Message Manager was rewritten: three older versions were deleted and recreated before the live one (their blocks freed in the AMap, bytes left in place); the second older version\'s 120-tag blob was partly overwritten by the third version\'s attachment (which holds its own blob).',
    olderManagers: [
      {
        accounts: [
          acc([
            shared,
            { operation: 'downloaded', content: 'body', time: '2024-02-01T09:00:00Z', uid: 'old-1' },
            { operation: 'downloaded', content: 'header', time: '2024-02-01T09:30:00Z', uid: 'old.2@pop' },
          ]),
        ],
      },
      { accounts: [acc([shared, ...downloads('bulk', '2024-02-02T08:00:00Z', 120)])], partlyOverwritten: true },
      {
        accounts: [
          acc([
            shared,
            { operation: 'downloaded', content: 'body', time: '2024-02-10T10:00:00Z', uid: 'kept-2' },
            { operation: 'downloaded-and-deleted', content: 'body', time: '2024-02-10T10:05:00Z', uid: 'third-1' },
          ]),
        ],
      },
    ],
    manager: modernManager([
      acc([
        { ...shared, folder: 'Inbox' },
        { operation: 'downloaded', content: 'body', time: '2024-02-10T10:00:00Z', uid: 'kept-2', folder: 'Inbox' },
        { operation: 'downloaded', content: 'body', time: t('08:00:00'), uid: 'live-1', folder: 'Inbox' },
      ]),
    ]),
    otherMessages: [
      // What the download of old-1 created: still in the store, though the live history no longer lists its UID.
      { folder: 'Inbox', subject: 'POP3 message old-1', created: '2024-02-01T09:00:00Z' },
    ],
  };
}

export const MSG_SAMPLE = { file: 'message-manager.msg', from: 'pop3-unicode.pst' };
export const DOCS_EXAMPLE = 'docs-example.bin';
