// The fixture hives: Outlook 2010 (Windows Messaging Subsystem, strings as REG_BINARY UTF-16LE) and
// 2013+ (Office\15.0 and 16.0, strings as REG_SZ) layouts, several profiles, POP3, IMAP4 and MAPI
// accounts, every Leave on Server policy, a dirty hive. Each account is written from its facts below,
// so a test can say what must come out.

import type { FixtureKey, FixtureValue, HiveFixture } from './hives.js';

export const POP3 = '{ED475411-B0D6-11D2-8C3B-00104B2A6676}';
export const IMAP4 = '{ED475412-B0D6-11D2-8C3B-00104B2A6676}';
export const MAPI = '{ED475414-B0D6-11D2-8C3B-00104B2A6676}';
const ACCOUNTS = '9375CFF0413111d3B88A00104B2A6676';
export const MESSAGING = 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles';

export interface AccountFacts {
  id: string;
  clsid: string;
  lastWritten: Date;
  /** REG_BINARY UTF-16LE with a NUL (Outlook 2010) or REG_SZ. */
  stringsAs: 'binary' | 'sz';
  accountName: string;
  displayName?: string;
  email?: string;
  pop3Server?: string;
  pop3User?: string;
  smtpServer?: string;
  miniUid: number;
  leave?: number;
  pop3Port?: number;
  pop3UseSsl?: number;
  smtpUseAuth?: number;
  smtpSecureConnection?: number;
  /** The PST path in the delivery store entry id, as UTF-16LE or as ANSI. */
  storePath?: { path: string; unicode: boolean };
  recordKey?: string;
  password?: boolean;
}

/** A wrapped PST store entry id ([MS-OXCDATA] 2.2.4.3): flags, the wrapped-store provider UID, version, flag, `mspst.dll`, then the wrapped PST part and its path. */
export function storeEntryId(path: string, unicode: boolean): Buffer {
  const head = Buffer.concat([Buffer.alloc(4), Buffer.from('38A1BB1005E5101AA1BB08002B2A56C2', 'hex'), Buffer.from([0, 0]), Buffer.from('mspst.dll\0', 'latin1')]);
  const wrapped = Buffer.concat([Buffer.alloc(4), Buffer.from('4E495441F9BFB80100AA0037D96E0000', 'hex')]);
  const pathBytes = unicode ? Buffer.concat([Buffer.from('\0', 'latin1'), Buffer.from(`${path}\0`, 'utf16le')]) : Buffer.from(`${path}\0`, 'latin1');
  return Buffer.concat([head, Buffer.alloc((4 - (head.length % 4)) % 4), wrapped, pathBytes]);
}

/** Delivery Folder EntryID: 4 flag bytes, the store's record key, the folder's NID. */
export function folderEntryId(recordKey: string, nid: number): Buffer {
  const b = Buffer.alloc(24);
  Buffer.from(recordKey, 'hex').copy(b, 4);
  b.writeUInt32LE(nid, 20);
  return b;
}

function accountKey(profilePath: string, a: AccountFacts): FixtureKey {
  const str = (name: string, s: string | undefined): FixtureValue[] => (s === undefined ? [] : [a.stringsAs === 'sz' ? { name, sz: s } : { name, utf16Binary: s }]);
  const dw = (name: string, n: number | undefined): FixtureValue[] => (n === undefined ? [] : [{ name, dword: n }]);
  const values: FixtureValue[] = [
    { name: 'clsid', sz: a.clsid },
    ...str('Account Name', a.accountName),
    ...str('Display Name', a.displayName),
    ...str('Email', a.email),
    ...str('POP3 Server', a.pop3Server),
    ...str('POP3 User', a.pop3User),
    ...str('SMTP Server', a.smtpServer),
    ...dw('Mini UID', a.miniUid),
    ...dw('Leave on Server', a.leave),
    ...dw('POP3 Port', a.pop3Port),
    ...dw('POP3 Use SSL', a.pop3UseSsl),
    ...dw('SMTP Use Auth', a.smtpUseAuth),
    ...dw('SMTP Secure Connection', a.smtpSecureConnection),
  ];
  if (a.storePath) values.push({ name: 'Delivery Store EntryID', binary: storeEntryId(a.storePath.path, a.storePath.unicode) });
  if (a.recordKey) values.push({ name: 'Delivery Folder EntryID', binary: folderEntryId(a.recordKey, 0x8082) });
  // 0x02 then what stands for a DPAPI blob: never decrypted, never shown.
  if (a.password) values.push({ name: 'POP3 Password', binary: Buffer.concat([Buffer.from([2]), Buffer.from('01000000D08C9DDF0115D1118C7A00C04FC297EB', 'hex')]) });
  return { path: `${profilePath}\\${ACCOUNTS}\\${a.id}`, lastWritten: a.lastWritten, values };
}

/** A profile key, its accounts key and one key per account. */
export function profile(path: string, lastWritten: Date, accounts: AccountFacts[]): FixtureKey[] {
  return [{ path, lastWritten }, { path: `${path}\\${ACCOUNTS}`, lastWritten }, ...accounts.map((a) => accountKey(path, a))];
}

const t = (iso: string): Date => new Date(iso);

/** Outlook 2010 profile `Outlook`: the real hive's POP3 account, shape for shape. */
export const WORK: AccountFacts = {
  id: '00000002', clsid: POP3, lastWritten: t('2013-04-02T08:15:30Z'), stringsAs: 'binary',
  accountName: 'Work POP3', displayName: 'Alice Example', email: 'alice@example.com', pop3Server: 'pop.example.com', pop3User: 'alice',
  smtpServer: 'smtp.example.com', miniUid: 0x34ecccac, leave: 0x000e0003, pop3Port: 995, pop3UseSsl: 1, smtpUseAuth: 1, smtpSecureConnection: 2,
  storePath: { path: 'C:\\Users\\alice\\Documents\\Outlook Files\\alice@example.com.pst', unicode: true },
  recordKey: '0123456789ABCDEF0123456789ABCDEF', password: true,
};
export const NO_LEAVE: AccountFacts = {
  id: '00000004', clsid: POP3, lastWritten: t('2013-05-10T12:00:00Z'), stringsAs: 'binary', accountName: 'Home', email: 'bob@home.example',
  pop3Server: 'mail.home.example', pop3User: 'bob', miniUid: 0x0000002a, leave: 0, storePath: { path: 'D:\\Mail\\home.pst', unicode: false },
};
export const IMAP_2010: AccountFacts = { id: '00000003', clsid: IMAP4, lastWritten: t('2013-04-02T08:20:00Z'), stringsAs: 'binary', accountName: 'Gmail IMAP', miniUid: 0x11223344 };
export const ON_NUKE: AccountFacts = { id: '00000002', clsid: POP3, lastWritten: t('2014-01-01T00:00:00Z'), stringsAs: 'binary', accountName: 'Archive', pop3Server: 'pop.archive.example', pop3User: 'arch', miniUid: 0xdeadbeef, leave: 0x00000005 };
/** Removal flags without LEAVE_ON_SERVER: Outlook deletes on download, so they do nothing. */
export const STRAY_FLAGS: AccountFacts = { id: '00000006', clsid: POP3, lastWritten: t('2014-01-03T00:00:00Z'), stringsAs: 'binary', accountName: 'Stray flags', miniUid: 0x00000006, leave: 0x000a0002 };
export const KEEP: AccountFacts = { id: '00000005', clsid: POP3, lastWritten: t('2014-01-02T00:00:00Z'), stringsAs: 'binary', accountName: 'Keep forever', pop3Server: 'pop.keep.example', pop3User: 'keeper', miniUid: 0x00abcdef, leave: 0x00000001 };

/** Outlook 2016 and 2013 profiles, strings as REG_SZ. */
export const MODERN: AccountFacts = {
  id: '00000003', clsid: POP3, lastWritten: t('2021-09-14T17:45:00Z'), stringsAs: 'sz', accountName: 'carol@isp.example', email: 'carol@isp.example',
  pop3Server: 'pop3.isp.example', pop3User: 'carol@isp.example', smtpServer: 'smtp.isp.example', miniUid: 0x9a0b1c2d, leave: 0x00070003,
  pop3Port: 110, recordKey: 'FEDCBA9876543210FEDCBA9876543210', storePath: { path: 'C:\\Users\\carol\\Documents\\Outlook Files\\carol.pst', unicode: true },
};
export const MODERN_MAPI: AccountFacts = { id: '00000001', clsid: MAPI, lastWritten: t('2021-09-14T17:40:00Z'), stringsAs: 'sz', accountName: 'Outlook Data File', miniUid: 0x01020304 };
export const MODERN_IMAP: AccountFacts = { id: '00000004', clsid: IMAP4, lastWritten: t('2021-09-15T09:00:00Z'), stringsAs: 'sz', accountName: 'Work IMAP', miniUid: 0x05060708 };
export const OLD_2013: AccountFacts = { id: '00000002', clsid: POP3, lastWritten: t('2016-02-29T23:59:59Z'), stringsAs: 'sz', accountName: 'Old 2013', pop3Server: 'pop.old.example', pop3User: 'old', miniUid: 0x00000101, leave: 0x001e0007 };

export const OUTLOOK_2010: HiveFixture = {
  file: 'outlook2010.dat',
  keys: [
    { path: MESSAGING, values: [{ name: 'DefaultProfile', sz: 'Outlook' }] },
    ...profile(`${MESSAGING}\\Outlook`, t('2013-04-02T08:00:00Z'), [WORK, IMAP_2010, NO_LEAVE]),
    ...profile(`${MESSAGING}\\Second`, t('2013-12-31T10:00:00Z'), [ON_NUKE, KEEP, STRAY_FLAGS]),
  ],
};

/** Key names in other cases than Outlook's: they are matched without regard to case. */
export const OUTLOOK_2016: HiveFixture = {
  file: 'outlook2016.dat',
  keys: [
    { path: 'SOFTWARE\\Microsoft\\Office\\16.0\\Outlook', values: [{ name: 'DefaultProfile', sz: 'Main' }] },
    ...profile('SOFTWARE\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Main', t('2021-09-14T17:39:00Z'), [MODERN_MAPI, MODERN, MODERN_IMAP]),
    { path: 'SOFTWARE\\Microsoft\\Office\\15.0\\OUTLOOK', values: [{ name: 'DefaultProfile', sz: 'old' }] },
    ...profile('SOFTWARE\\Microsoft\\Office\\15.0\\OUTLOOK\\PROFILES\\Old', t('2016-02-29T23:00:00Z'), [OLD_2013]),
  ],
};

/** From a seed holding only the root: hivex creates the keys. */
export const DIRTY: HiveFixture = { file: 'dirty.dat', dirty: true, emptySeed: true, keys: profile(`${MESSAGING}\\Outlook`, t('2013-04-02T08:00:00Z'), [WORK]) };

export const FIXTURES: readonly HiveFixture[] = [OUTLOOK_2010, OUTLOOK_2016, DIRTY];
