// The sample case (samples/case/<variant>/, samples/README.md): one POP3 account, hana@example.com
// on pop.example.com, seen as an analyst finds it. Five snapshots of the live store, a day apart
// (the history grows; on day 5 the server stops listing UIDs 1–5 and Outlook rewrites the history,
// leaving the older version in freed space, and one tag's time changes); an archive.pst holding the
// messages AutoArchive moved out on day 3 and one downloaded before any history in the case; and a
// second machine's store of the same account (leave on server), whose second Blob reuses the live
// store's mini UID for another address; and the message of h-008 exported as a .msg.

import type { MsgSpec } from '../msgwrite/index.js';
import { pop3Origin } from './build.js';
import { modernManager } from './spec-common.js';
import { OUTLOOK2016_TRAILER, type AccountSpec, type OtherMessage, type SampleSpec, type TagSpec } from './spec.js';

const SMTP = 'hana@example.com';
const SERVER = 'pop.example.com';
const MINI_UID = '4a7e0c11';
const at = (day: number, time: string): string => `2024-05-0${day}T${time}Z`;

/** Each UID's download on the live machine: the day and time. */
const DOWNLOADS: [uid: string, day: number, time: string][] = [
  ['h-001', 1, '08:00:00'],
  ['h-002', 1, '09:00:00'],
  ['h-003', 1, '10:00:00'],
  ['h-004', 2, '08:00:00'],
  ['h-005', 2, '09:00:00'],
  ['h-006', 3, '08:00:00'],
  ['h-007', 3, '09:00:00'],
  ['h-008', 4, '08:00:00'],
  ['h-009', 4, '09:00:00'],
  ['h-010', 5, '07:00:00'],
  ['h-011', 5, '09:00:00'],
];

/** Moved to archive.pst by AutoArchive on day 3: gone from every later snapshot. */
const ARCHIVED = new Set(['h-001', 'h-002']);

function tag(uid: string, day: number, time: string, snapshot: number): TagSpec {
  const inStore = !(ARCHIVED.has(uid) && snapshot >= 3);
  return { operation: 'downloaded', content: 'body', time: at(day, time), uid, ...(inStore ? { folder: 'Inbox' } : {}) };
}

const account = (tags: TagSpec[]): AccountSpec => ({ smtp: SMTP, miniUid: MINI_UID, naming: 'outlook2016', trailer: OUTLOOK2016_TRAILER, tags });

const origin = (uid: string, smtp = SMTP): OtherMessage['origin'] => ({ server: SERVER, uid, account: smtp });

/** The live store as it was at the end of `day` (1–5). */
function snapshot(day: number, base: Pick<SampleSpec, 'variant' | 'encryption'>): SampleSpec {
  const upTo = DOWNLOADS.filter(([, d]) => d <= Math.min(day, 4)).map(([u, d, t]) => tag(u, d, t, day));
  const spec: SampleSpec = {
    ...base,
    file: `mailbox-day${day}.pst`,
    storeId: 'case-mailbox',
    displayName: 'Hana (POP3)',
    inboxName: 'Inbox',
    folders: [],
    pop3Server: SERVER,
    description: `The live store at the end of day ${day}.`,
    manager: modernManager([account(upTo)]),
    otherMessages: [],
  };
  if (day < 5) return spec;
  // Day 5: h-010 downloaded, then the server stopped listing h-001…h-005 and Outlook rewrote the history
  // (the version before the rewrite is left in freed space); h-007's tag came back with another time.
  const before = [...upTo, ...DOWNLOADS.filter(([u]) => u === 'h-010').map(([u, d, t]) => tag(u, d, t, day))];
  const after = before.filter((t) => !['h-001', 'h-002', 'h-003', 'h-004', 'h-005'].includes(t.uid)).map((t) => (t.uid === 'h-007' ? { ...t, time: at(3, '09:30:00') } : t));
  after.push(tag('h-011', 5, '09:00:00', day));
  return {
    ...spec,
    manager: modernManager([account(after)]),
    olderManagers: [{ accounts: [account(before)] }],
    // The message of h-005 stays in the Inbox though no tag lists its UID any more.
    otherMessages: [{ folder: 'Inbox', subject: 'POP3 message h-005', created: at(2, '09:00:00'), origin: origin('h-005') }],
  };
}

function archive(base: Pick<SampleSpec, 'variant' | 'encryption'>): SampleSpec {
  const moved = DOWNLOADS.filter(([u]) => ARCHIVED.has(u)).map(([uid, d, t]): OtherMessage => ({ folder: 'Inbox', subject: `POP3 message ${uid}`, created: at(d, t), origin: origin(uid) }));
  return {
    ...base,
    file: 'archive.pst',
    displayName: 'Archive Folders',
    inboxName: 'Inbox',
    folders: [],
    description: 'The archive AutoArchive made on day 3: the messages of h-001 and h-002, and one of h-000, downloaded before any history in the case.',
    otherMessages: [{ folder: 'Inbox', subject: 'POP3 message h-000', created: '2024-04-20T08:00:00Z', origin: origin('h-000') }, ...moved],
  };
}

function laptop(base: Pick<SampleSpec, 'variant' | 'encryption'>): SampleSpec {
  const tags: TagSpec[] = ['h-004', 'h-005', 'h-006', 'h-007', 'h-008'].map((uid, k) => ({ operation: 'downloaded', content: 'body', time: at(k < 2 ? 2 : k < 4 ? 3 : 4, `19:0${k}:00`), uid, folder: 'Inbox' }));
  return {
    ...base,
    file: 'laptop.pst',
    displayName: 'Hana (laptop)',
    inboxName: 'Inbox',
    folders: [],
    pop3Server: SERVER,
    description: 'A second machine with the same account, leaving mail on the server: it downloaded h-004…h-008 each evening. Its second Blob names hana@example.org with the live store\'s mini UID.',
    manager: modernManager([
      { smtp: SMTP, miniUid: '9c2d51b0', naming: 'outlook2016', trailer: OUTLOOK2016_TRAILER, tags },
      { smtp: 'hana@example.org', miniUid: MINI_UID, naming: 'outlook2016', tags: [{ operation: 'downloaded', content: 'body', time: at(4, '19:10:00'), uid: 'o-1', folder: 'Inbox' }] },
    ]),
    otherMessages: [],
  };
}

/** The message of h-008 saved from the live store as an Outlook item, its POP3 origin with it. */
function exported(): { file: string; spec: MsgSpec } {
  const [uid, day, time] = DOWNLOADS.find(([u]) => u === 'h-008')!;
  const created = new Date(at(day, time));
  return {
    file: `${uid}.msg`,
    spec: {
      messageClass: 'IPM.Note',
      subject: `POP3 message ${uid}`,
      created,
      modified: created,
      delivered: new Date(created.getTime() - 30_000),
      internetMessageId: `<${uid}@example.net>`,
      recipient: SMTP,
      named: pop3Origin({ server: SERVER, uid, account: SMTP }, false).named,
      attachments: [],
    },
  };
}

export interface CaseSample {
  /** Below samples/. */
  dir: string;
  specs: SampleSpec[];
  msgs: { file: string; spec: MsgSpec }[];
}

function caseOf(dir: string, base: Pick<SampleSpec, 'variant' | 'encryption'>): CaseSample {
  return { dir, specs: [...[1, 2, 3, 4, 5].map((d) => snapshot(d, base)), archive(base), laptop(base)], msgs: [exported()] };
}

export const CASE_SAMPLES: CaseSample[] = [caseOf('case/unicode', { variant: 'unicode', encryption: 'permute' }), caseOf('case/ansi', { variant: 'ansi', encryption: 'cyclic' })];
