// Benchmark stores, written with our own writer (tools/pstwrite): a realistic folder tree, messages
// with bodies and attachments, and one Message Manager whose history ties to some of them. Received
// messages carry their POP3 origin as Outlook writes it, except every IMPORTED_EVERY-th (imported);
// Sent Items, Drafts and Outbox hold sent and unsent mail.

import type { TagInput } from '../src/analysis/history/blob.js';
import { encodeBlob } from '../src/analysis/history/blob.js';
import { PstWriter, type FolderHandle } from '../tools/pstwrite/store.js';
import { rng } from '../tools/rng.js';
import { MSGFLAG_UNSENT } from '../tools/samples/spec.js';
import { pop3Origin } from '../tools/samples/build.js';
import { NamedProp } from '../src/pst/index.js';

export interface StoreShape {
  name: string;
  messages: number;
  /** Every n-th message carries an attachment of attachBytes. */
  attachEvery: number;
  attachBytes: number;
  tags: number;
  /** Bad input at scale: every message's remote id malformed (four ways in turn) and the history cut short. */
  malformed?: true;
  /** The store's display name, from which the writer derives its record key: shapes that share one are snapshots of one store. */
  store?: string;
}

/** `count` tags of escaped GUID UIDs, one second apart: at 65,535 the largest history the format can declare. */
export function benchTags(count: number): TagInput[] {
  return Array.from({ length: count }, (_, i) => ({
    operation: 'downloaded',
    content: 'body',
    time: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z'),
    uid: `0BC535DB-EA63-11E1-A75C-${i.toString(16).padStart(12, '0')}`,
  }));
}

/** Every store has the same 300-tag history, so that what changes between them is the store itself. */
export const SHAPES: Record<'2MB' | '10k' | '200MB' | '2GB' | '1M' | '1M-bad' | 'snap-1' | 'snap-2' | 'snap-3' | 'snap-4', StoreShape> = {
  '2MB': { name: 'bench-2MB.v2.pst', messages: 500, attachEvery: 20, attachBytes: 20_000, tags: 300 },
  '10k': { name: 'bench-10k.v2.pst', messages: 10_000, attachEvery: 50, attachBytes: 20_000, tags: 300 },
  '200MB': { name: 'bench-200MB.v2.pst', messages: 100_000, attachEvery: 50, attachBytes: 20_000, tags: 300 },
  '2GB': { name: 'bench-2GB.v2.pst', messages: 100_000, attachEvery: 1, attachBytes: 18_500, tags: 300 },
  // The 200 MB store's shape with ten times the messages: the mailbox of a heavy POP3 user.
  '1M': { name: 'bench-1M.v2.pst', messages: 1_000_000, attachEvery: 50, attachBytes: 20_000, tags: 300 },
  '1M-bad': { name: 'bench-1M-bad.v2.pst', messages: 1_000_000, attachEvery: 50, attachBytes: 20_000, tags: 300, malformed: true },
  // The case of a mailbox seen at four moments (shadow copies): one store (one record key) of
  // 97,000 to 100,000 messages, whose 300-tag history names other downloads at each moment.
  'snap-1': { name: 'bench-snapshot-1.v2.pst', messages: 97_000, attachEvery: 50, attachBytes: 20_000, tags: 300, store: 'bench-mailbox' },
  'snap-2': { name: 'bench-snapshot-2.v2.pst', messages: 98_000, attachEvery: 50, attachBytes: 20_000, tags: 300, store: 'bench-mailbox' },
  'snap-3': { name: 'bench-snapshot-3.v2.pst', messages: 99_000, attachEvery: 50, attachBytes: 20_000, tags: 300, store: 'bench-mailbox' },
  'snap-4': { name: 'bench-snapshot-4.v2.pst', messages: 100_000, attachEvery: 50, attachBytes: 20_000, tags: 300, store: 'bench-mailbox' },
};

/** PidLidRemoteEntryId values the reader must refuse, one per reason it gives: odd length, no POP:// prefix, no server, no UID. */
function malformedRemoteId(i: number, uid: string): Uint8Array {
  const text = [`POP://${SERVER}/${uid}`, `IMAP://${SERVER}/${uid}`, `POP:///${uid}`, `POP://${SERVER}/`][i % 4]!;
  const bytes = new Uint8Array(Buffer.from(`${text}\0`, 'utf16le'));
  return i % 4 === 0 ? bytes.subarray(0, bytes.length - 1) : bytes;
}

/** The message's POP3 origin as Outlook writes it, or with its remote id malformed. */
function origin(shape: StoreShape, i: number, uid: string): ReturnType<typeof pop3Origin> {
  const o = pop3Origin({ server: SERVER, uid, account: ACCOUNT }, false);
  if (!shape.malformed) return o;
  return { ...o, named: o.named!.map((n) => (n.name === NamedProp.RemoteEntryId ? { ...n, bytes: malformedRemoteId(i, uid) } : n)) };
}

const BASE = Date.UTC(2023, 0, 1);
const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ';

const ACCOUNT = 'bench@example.com';
const SERVER = 'pop.example.net';
const IMPORTED_EVERY = 100;
/** Folders by index in writeBenchStore's list: 0–4 and 8… receive mail; 5 Sent Items, 6 Drafts, 7 Outbox. */
const SENT = 5;
const UNSENT = new Set([6, 7]);
const FOLDER_COUNT = 16;

export interface PlannedMessage {
  i: number;
  folder: number;
  created: Date;
  uid: string;
  /** Received and downloaded by POP3: carries PidLidRemoteEntryId and the account. */
  downloaded: boolean;
  tagged: boolean;
}

/** Every message of a bench store, in writing order: the writer and the bench's expectations share it. */
export function* planMessages(shape: StoreShape): Generator<PlannedMessage> {
  const random = rng(42);
  for (let i = 0; i < shape.attachBytes; i++) random(); // the attachment's bytes come first
  const tagEvery = Math.max(1, Math.floor(shape.messages / shape.tags));
  let tags = 0;
  let due = false;
  for (let i = 0; i < shape.messages; i++) {
    const folder = Math.floor(random() * FOLDER_COUNT);
    const received = folder !== SENT && !UNSENT.has(folder);
    const downloaded = received && i % IMPORTED_EVERY !== 1;
    // Every tagEvery-th message, or the next download after it, is named by a tag.
    due ||= i % tagEvery === 0;
    const tagged = downloaded && due && tags < shape.tags;
    if (tagged) {
      tags++;
      due = false;
    }
    yield { i, folder, created: new Date(BASE + i * 37_000), uid: `bench-${i.toString(36)}@pop.example.net`, downloaded, tagged };
  }
}

/** How many messages `unexplained` must list: received, not downloaded, created within the tags' span. */
export function expectedUnexplained(shape: StoreShape): number {
  const plan = [...planMessages(shape)];
  const times = plan.filter((m) => m.tagged).map((m) => m.created.getTime());
  const [first, last] = [Math.min(...times), Math.max(...times)];
  return plan.filter((m) => m.folder !== SENT && !UNSENT.has(m.folder) && !m.downloaded && m.created.getTime() >= first && m.created.getTime() <= last).length;
}

export function writeBenchStore(path: string, shape: StoreShape): void {
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'permute', displayName: shape.store ?? shape.name });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const folders: FolderHandle[] = [inbox, w.deletedItems];
  for (const n of ['Projects', 'Receipts', 'Newsletters']) folders.push(w.addFolder(inbox, n));
  for (const n of ['Sent Items', 'Drafts', 'Outbox']) folders.push(w.addFolder(w.ipmSubtree, n));
  w.setSpecialFolder('sent-items', folders[SENT]!);
  w.setSpecialFolder('drafts', folders[6]!);
  w.setSpecialFolder('outbox', folders[7]!);
  const archive = w.addFolder(w.ipmSubtree, 'Archive');
  for (let y = 2015; y < 2023; y++) folders.push(w.addFolder(archive, String(y)));
  for (const n of ['Calendar', 'Contacts', 'Tasks', 'Notes', 'Journal']) w.addFolder(w.ipmSubtree, n, `IPF.${n}`);
  if (folders.length !== FOLDER_COUNT) throw new Error('the bench folder list and its plan disagree');

  const random = rng(42);
  const attachment = new Uint8Array(shape.attachBytes);
  for (let i = 0; i < attachment.length; i++) attachment[i] = (random() * 256) | 0;
  const tags: TagInput[] = [];
  for (const m of planMessages(shape)) {
    const i = m.i;
    w.addMessage(folders[m.folder]!, {
      messageClass: 'IPM.Note',
      subject: `Message ${i}: ${LOREM.slice(0, 20 + (i % 40))}`,
      senderName: `Sender ${i % 97}`,
      senderEmail: `sender${i % 97}@example.net`,
      body: LOREM.repeat(2 + (i % 3)),
      created: m.created,
      delivered: new Date(m.created.getTime() - 20_000),
      internetMessageId: `<${m.uid}>`,
      ...(UNSENT.has(m.folder) ? { flags: MSGFLAG_UNSENT } : {}),
      ...(m.downloaded ? origin(shape, i, m.uid) : {}),
      attachments: i % shape.attachEvery === 0 ? [{ filename: `file${i}.bin`, longFilename: `file${i}.bin`, data: attachment }] : [],
    });
    if (m.tagged) tags.push({ operation: 'downloaded', content: 'body', time: m.created.toISOString().replace('.000Z', 'Z'), uid: m.uid });
  }
  const blob = encodeBlob(tags);
  // Cut short in the middle of a tag, as a history overwritten or carved from freed space is.
  addMessageManager(w, inbox, ACCOUNT, new Date(BASE - 86_400_000), shape.malformed ? blob.subarray(0, Math.floor(blob.length * 0.6) + 3) : blob);
  w.finish();
}

/** Outlook 2010's Message Manager in `folder`, with one account's history and its empty Restags. */
function addMessageManager(w: PstWriter, folder: FolderHandle, smtp: string, created: Date, blob: Uint8Array): void {
  w.addAssociated(folder, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    conversationKey: new Uint8Array(Buffer.from('General Key\0', 'latin1')),
    created,
    attachments: [
      { filename: 'Blobda8ea945', longFilename: `BlobPOP${smtp}`, additionalInfo: Uint8Array.of(0x45, 0xa9, 0x8e, 0xda), data: blob },
      { filename: 'Restagsda8ea945', longFilename: `RestagsPOP${smtp}`, data: new Uint8Array(0) },
    ],
  });
}

const OPERATIONS = ['downloaded', 'downloaded', 'downloaded', 'deleted', 'downloaded-and-deleted'] as const;
const CONTENTS = ['body', 'body', 'header', 'none'] as const;

/**
 * The `n`-th small store of the many-files case: Unicode or ANSI, each encryption, a few folders and
 * up to 60 messages; every third has a Message Manager whose history of up to 120 tags names some of
 * its messages and some that are gone.
 */
export function writeSmallStore(path: string, n: number): void {
  const random = rng(1000 + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const w = new PstWriter(path, { variant: n % 4 === 3 ? 'ansi' : 'unicode', encryption: pick(['none', 'permute', 'cyclic'] as const), displayName: `Custodian ${n}` });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const folders: FolderHandle[] = [inbox, w.deletedItems];
  for (let f = Math.floor(random() * 5); f > 0; f--) folders.push(w.addFolder(pick(folders), `Folder ${f}`));
  const start = BASE + n * 86_400_000;
  const tags: TagInput[] = [];
  const messages = Math.floor(random() * 61);
  for (let i = 0; i < messages; i++) {
    const created = new Date(start + i * 61_000);
    const uid = `s${n}-${i}@pop.example.org`;
    w.addMessage(pick(folders), {
      messageClass: 'IPM.Note',
      subject: `Store ${n} message ${i}`,
      senderEmail: `sender${i % 13}@example.org`,
      body: LOREM.repeat(1 + (i % 4)),
      created,
      internetMessageId: `<${uid}>`,
      attachments: random() < 0.1 ? [{ filename: `a${i}.txt`, data: new Uint8Array(Buffer.from(LOREM.repeat(20))) }] : [],
    });
    if (random() < 0.7) tags.push({ operation: 'downloaded', content: pick(CONTENTS), time: created.toISOString().replace('.000Z', 'Z'), uid });
  }
  if (n % 3 === 0) addSmallHistory(w, inbox, n, start, tags, random);
  w.finish();
}

/** Downloads of messages that are gone, and deletions, then the Message Manager holding them all. */
function addSmallHistory(w: PstWriter, inbox: FolderHandle, n: number, start: number, tags: TagInput[], random: () => number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  for (let g = Math.floor(random() * 60); g > 0; g--) {
    tags.push({ operation: pick(OPERATIONS), content: pick(CONTENTS), time: new Date(start + g * 977_000).toISOString().replace('.000Z', 'Z'), uid: `gone-${n}-${g}` });
  }
  addMessageManager(w, inbox, `custodian${n}@example.org`, new Date(start - 86_400_000), encodeBlob(tags));
}
