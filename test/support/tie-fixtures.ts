// Stores and a hive made for each other (inspect --registry): each store's Blob is named for a POP3
// account of the hive, and that account's Delivery Folder EntryID holds the store's record key. Each
// store's tags are laid out to trigger one policy finding, or built not to.

import type { TagSpec, SampleSpec } from '../../tools/samples/spec.js';
import { GENERAL_KEY } from '../../tools/samples/spec.js';
import { storeRecordKey } from '../../tools/pstwrite/store.js';
import { MESSAGING, POP3, IMAP4, profile, type AccountFacts } from './hive-fixtures.js';
import type { HiveFixture } from './hives.js';

const day = (d: number, time = '08:00:00'): string => new Date(Date.parse(`2024-03-01T${time}Z`) + d * 86_400_000).toISOString().replace('.000Z', 'Z');
const tag = (operation: TagSpec['operation'], d: number, uid: string): TagSpec => ({ operation, content: 'body', time: day(d), uid, folder: operation === 'deleted' ? undefined : 'Inbox' });

export interface TieCase {
  /** The store. */
  spec: SampleSpec;
  /** Its POP3 account in the hive (absent: the Blob names a Mini UID no account has). */
  account?: AccountFacts;
  /** The finding codes the case must give, in order. */
  findings: string[];
  /** The entries each finding names. */
  entries?: number[][];
}

function store(name: string, miniUid: string, tags: TagSpec[]): SampleSpec {
  return {
    file: `${name}.pst`,
    variant: 'unicode',
    encryption: 'none',
    displayName: `Tie ${name}`,
    inboxName: 'Inbox',
    folders: [],
    manager: { profileName: '', key: GENERAL_KEY, conversationKey: GENERAL_KEY, created: '2024-02-29T09:00:00Z', accounts: [{ smtp: `${name}@pop.example`, miniUid, naming: 'outlook2016', tags }] },
    otherMessages: [],
    description: name,
  };
}

const recordKeyOf = (spec: SampleSpec): string => Buffer.from(storeRecordKey(spec.displayName)).toString('hex').toUpperCase();
const BEFORE = new Date('2024-01-15T10:00:00Z');
const AFTER = new Date('2024-05-01T10:00:00Z');

function pop3(id: string, spec: SampleSpec, leave: number, lastWritten = BEFORE): AccountFacts {
  const miniUid = parseInt(spec.manager!.accounts[0]!.miniUid, 16);
  const user = spec.file.replace('.pst', '');
  return {
    id, clsid: POP3, lastWritten, stringsAs: 'binary', accountName: `Account ${user}`, email: `${user}@pop.example`, pop3Server: `pop.${user}.example`,
    pop3User: user, smtpServer: 'smtp.example', miniUid, leave, recordKey: recordKeyOf(spec), password: true,
    storePath: { path: `C:\\Users\\analyst\\Documents\\Outlook Files\\${spec.file}`, unicode: true },
  };
}

// Remove after 14 days: UID r-1 is still `downloaded` 20 days before the last tag; r-2 was removed (a delete tag); r-3 is 10 days old.
const REMOVE = store('remove14', '5e1f0001', [tag('downloaded', 0, 'r-1'), tag('downloaded', 0.5, 'r-2'), tag('downloaded', 10, 'r-3'), tag('deleted', 14, 'r-2'), tag('downloaded', 20, 'r-4')]);
const REMOVE_OK = store('remove14-ok', '5e1f0002', [tag('downloaded', 0, 'k-1'), tag('downloaded', 5, 'k-2'), tag('deleted', 14, 'k-1'), tag('downloaded', 15, 'k-3')]);
const LEAVE = store('leave', '5e1f0003', [tag('downloaded', 0, 'l-1'), tag('downloaded-and-deleted', 1, 'l-2'), tag('downloaded', 2, 'l-3')]);
const LEAVE_OK = store('leave-ok', '5e1f0004', [tag('downloaded', 0, 'o-1'), tag('downloaded', 40, 'o-2')]);
const NO_LEAVE = store('no-leave', '5e1f0005', [tag('downloaded-and-deleted', 0, 'n-1'), tag('downloaded', 1, 'n-2')]);
const NO_LEAVE_OK = store('no-leave-ok', '5e1f0006', [tag('downloaded-and-deleted', 0, 'p-1'), tag('downloaded-and-deleted', 30, 'p-2')]);
/** The policy key written after the tags: the finding is said, as `info`. */
const CHANGED = store('changed', '5e1f0007', [tag('downloaded-and-deleted', 0, 'c-1')]);
const STRANGER = store('stranger', '5e1f00ff', [tag('downloaded', 0, 's-1')]);

export const TIE_CASES: TieCase[] = [
  { spec: REMOVE, account: pop3('00000002', REMOVE, 0x000e0003), findings: ['kept-past-removal'], entries: [[0]] },
  { spec: REMOVE_OK, account: pop3('00000003', REMOVE_OK, 0x000e0003), findings: [] },
  { spec: LEAVE, account: pop3('00000004', LEAVE, 0x00000001), findings: ['deleted-under-leave-on-server'], entries: [[1]] },
  { spec: LEAVE_OK, account: pop3('00000005', LEAVE_OK, 0x00000001), findings: [] },
  { spec: NO_LEAVE, account: pop3('00000006', NO_LEAVE, 0x00000000), findings: ['left-under-no-leave'], entries: [[1]] },
  { spec: NO_LEAVE_OK, account: pop3('00000007', NO_LEAVE_OK, 0x00000000), findings: [] },
  { spec: CHANGED, account: pop3('00000008', CHANGED, 0x00000001, AFTER), findings: ['deleted-under-leave-on-server'], entries: [[0]] },
  { spec: STRANGER, findings: ['account-not-in-hive'] },
];

/** An IMAP4 account with the stranger's Mini UID would still not tie: only POP3 accounts name a Blob. Its profile delivers nothing. */
const IMAP: AccountFacts = { id: '00000009', clsid: IMAP4, lastWritten: BEFORE, stringsAs: 'binary', accountName: 'IMAP', miniUid: 0x5e1f00ff };

/** The hive: one Outlook 2010 profile holding every case's account, and a second profile whose account also delivers into LEAVE's store. */
export const TIE_HIVE: HiveFixture = {
  file: 'tie.dat',
  keys: [
    { path: MESSAGING, values: [{ name: 'DefaultProfile', sz: 'Outlook' }] },
    ...profile(`${MESSAGING}\\Outlook`, BEFORE, [...TIE_CASES.flatMap((c) => (c.account ? [c.account] : [])), IMAP]),
    ...profile(`${MESSAGING}\\Laptop`, BEFORE, [{ ...pop3('00000002', LEAVE, 0x00000001), miniUid: 0x5e1f0099, accountName: 'Laptop copy' }]),
  ],
};

export const SHARED_STORE = LEAVE;

/** An Outlook 2016 profile (strings REG_SZ) whose POP3 account is the committed sample `file`'s: its Blob's Mini UID, its store's record key. */
export function sampleHive(spec: SampleSpec): HiveFixture {
  const a = spec.manager!.accounts[0]!;
  const account: AccountFacts = {
    id: '00000002', clsid: POP3, lastWritten: BEFORE, stringsAs: 'sz', accountName: a.smtp, email: a.smtp, pop3Server: spec.pop3Server ?? 'pop.example.com',
    pop3User: a.smtp.split('@')[0], smtpServer: 'smtp.example.com', miniUid: parseInt(a.miniUid, 16), leave: 0x000e0003, recordKey: recordKeyOf(spec),
    storePath: { path: `C:\\Users\\alice\\Documents\\Outlook Files\\${spec.file}`, unicode: true },
  };
  const outlook = 'Software\\Microsoft\\Office\\16.0\\Outlook';
  return { file: 'sample.dat', keys: [{ path: outlook, values: [{ name: 'DefaultProfile', sz: 'Outlook' }] }, ...profile(`${outlook}\\Profiles\\Outlook`, BEFORE, [account])] };
}
