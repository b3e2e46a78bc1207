// `pophist accounts`: every fixture hive's profiles and accounts come out as they were written, the
// real Outlook 2016 hive shows its two MAPI services and no POP3 account, and the hive is only read.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHiveAccounts, type Account, type HiveAccounts } from '../../src/accounts/index.js';
import { runCli } from '../support/cli.js';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { DIRTY, FIXTURES, IMAP_2010, KEEP, MESSAGING, MODERN, MODERN_IMAP, MODERN_MAPI, NO_LEAVE, OLD_2013, ON_NUKE, OUTLOOK_2010, OUTLOOK_2016, STRAY_FLAGS, WORK, type AccountFacts } from '../support/hive-fixtures.js';
import { buildHives, describeWithHiveTools, SEED_TIME } from '../support/hives.js';
import { schemaErrors, validateAccounts } from '../support/schema.js';

const REAL = corpusPath('registry/mkorman90_regipy_regipy_tests_data_NTUSER_BAGMRU.DAT');
const KIND = { '{ED475411-B0D6-11D2-8C3B-00104B2A6676}': 'pop3', '{ED475412-B0D6-11D2-8C3B-00104B2A6676}': 'imap4', '{ED475414-B0D6-11D2-8C3B-00104B2A6676}': 'mapi' } as Record<string, string>;

/** What an account written from these facts must read as. */
function expected(f: AccountFacts): Partial<Account> {
  const hex = f.miniUid.toString(16).padStart(8, '0');
  const out: Record<string, unknown> = { id: f.id, kind: KIND[f.clsid], clsid: f.clsid, lastWritten: f.lastWritten.toISOString(), accountName: f.accountName, miniUid: hex, passwordStored: f.password === true, notes: [] };
  for (const k of ['displayName', 'email', 'pop3Server', 'pop3User', 'smtpServer', 'pop3Port', 'pop3UseSsl', 'smtpUseAuth', 'smtpSecureConnection'] as const) if (f[k] !== undefined) out[k] = f[k];
  if (KIND[f.clsid] === 'pop3') out.blobName = `Blob${hex}`;
  if (f.storePath) out.deliveryStore = expect.objectContaining({ provider: 'mspst.dll', path: f.storePath.path });
  if (f.recordKey) out.deliveryFolder = expect.objectContaining({ storeRecordKey: f.recordKey, folderNid: '0x8082' });
  if (f.leave !== undefined) out.leaveOnServer = expect.objectContaining({ raw: `0x${f.leave.toString(16).toUpperCase().padStart(8, '0')}` });
  return out as Partial<Account>;
}

const account = (h: HiveAccounts, profile: string, id: string): Account | undefined => h.profiles.find((p) => p.name === profile)?.accounts.find((a) => a.id === id);

describeWithHiveTools('fixture hives', () => {
  let hives: Map<string, string>;
  const read = (file: string): HiveAccounts => readHiveAccounts(file, readFileSync(hives.get(file)!));
  beforeAll(() => {
    hives = buildHives(FIXTURES);
  });

  it('Outlook 2010 layout: profiles, default, and each account as written (strings REG_BINARY UTF-16LE)', () => {
    const h = read(OUTLOOK_2010.file);
    expect(h.status).toBe('read');
    expect(h.warnings).toEqual([]);
    expect(h.profiles.map((p) => [p.name, p.layout, p.isDefault, p.keyPath])).toEqual([
      ['Outlook', 'messaging-subsystem', true, `${MESSAGING}\\Outlook`],
      ['Second', 'messaging-subsystem', false, `${MESSAGING}\\Second`],
    ]);
    expect(h.profiles[0]!.lastWritten).toBe('2013-04-02T08:00:00.000Z');
    expect(h.profiles[0]!.accounts).toEqual([expected(WORK), expected(IMAP_2010), expected(NO_LEAVE)].map((e) => expect.objectContaining(e)));
    expect(h.profiles[1]!.accounts).toEqual([expected(ON_NUKE), expected(KEEP), expected(STRAY_FLAGS)].map((e) => expect.objectContaining(e)));
    expect(account(h, 'Outlook', '00000002')!.keyPath).toBe(`${MESSAGING}\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002`);
  });

  it('Outlook 2013+ layout, key names in other cases, strings REG_SZ, two Office versions', () => {
    const h = read(OUTLOOK_2016.file);
    expect(h.profiles.map((p) => [p.name, p.layout, p.officeVersion, p.isDefault])).toEqual([
      ['Old', 'office', '15.0', true],
      ['Main', 'office', '16.0', true],
    ]);
    expect(h.profiles[0]!.keyPath).toBe('SOFTWARE\\Microsoft\\Office\\15.0\\OUTLOOK\\PROFILES\\Old');
    expect(h.profiles[0]!.accounts).toEqual([expect.objectContaining(expected(OLD_2013))]);
    expect(h.profiles[1]!.accounts).toEqual([expected(MODERN_MAPI), expected(MODERN), expected(MODERN_IMAP)].map((e) => expect.objectContaining(e)));
    // Not POP3: no Blob name from the Mini UID.
    expect(account(h, 'Main', MODERN_MAPI.id)!.blobName).toBeUndefined();
  });

  it('every Leave on Server policy in words, with its days', () => {
    const h2010 = read(OUTLOOK_2010.file);
    const h2016 = read(OUTLOOK_2016.file);
    const policy = (h: HiveAccounts, p: string, id: string) => account(h, p, id)!.leaveOnServer;
    expect(policy(h2010, 'Outlook', WORK.id)).toEqual({ raw: '0x000E0003', leaveCopy: true, removeAfterDays: 14, removeWhenDeletedFromDeletedItems: false, words: 'leave a copy on the server; remove it after 14 days' });
    expect(policy(h2010, 'Outlook', NO_LEAVE.id)).toEqual({ raw: '0x00000000', leaveCopy: false, removeWhenDeletedFromDeletedItems: false, words: 'do not leave a copy on the server (deleted there once downloaded)' });
    expect(policy(h2010, 'Second', ON_NUKE.id)?.words).toBe('leave a copy on the server; remove it when deleted from Deleted Items');
    expect(policy(h2010, 'Second', KEEP.id)?.words).toBe('leave a copy on the server');
    expect(policy(h2010, 'Second', STRAY_FLAGS.id)).toEqual({
      raw: '0x000A0002',
      leaveCopy: false,
      removeAfterDays: 10,
      removeWhenDeletedFromDeletedItems: false,
      words: 'do not leave a copy on the server (deleted there once downloaded); remove it after 10 days; (removal flags without leave-a-copy have no effect)',
    });
    expect(policy(h2016, 'Main', MODERN.id)).toMatchObject({ removeAfterDays: 7, words: 'leave a copy on the server; remove it after 7 days' });
    expect(policy(h2016, 'Old', OLD_2013.id)?.words).toBe('leave a copy on the server; remove it after 30 days; remove it when deleted from Deleted Items');
  });

  it('the delivery store path from a Unicode and an ANSI entry id; the password only said to be there', () => {
    const h = read(OUTLOOK_2010.file);
    expect(account(h, 'Outlook', WORK.id)!.deliveryStore?.path).toBe('C:\\Users\\alice\\Documents\\Outlook Files\\alice@example.com.pst');
    expect(account(h, 'Outlook', NO_LEAVE.id)!.deliveryStore?.path).toBe('D:\\Mail\\home.pst');
    expect(account(h, 'Outlook', WORK.id)!.passwordStored).toBe(true);
    const json = runCli(['accounts', hives.get(OUTLOOK_2010.file)!, '--json']).stdout;
    expect(json).not.toMatch(/D08C9DDF/i);
  });

  it('a dirty hive: a warning naming the logs it did not apply, at the sequence numbers', () => {
    const h = read(DIRTY.file);
    expect(h.hive).toMatchObject({ dirty: true, primarySequence: 3, secondarySequence: 2 });
    expect(h.warnings).toEqual([expect.objectContaining({ code: 'DIRTY', offset: 4, message: expect.stringContaining('(.LOG1, .LOG2) were not applied') })]);
    // hivexregedit created these keys: each has the time hivex gave it, the seed root's.
    expect(h.profiles[0]!.accounts).toEqual([expect.objectContaining({ ...expected(WORK), lastWritten: SEED_TIME.toISOString() })]);
  });

  describe('the command', () => {
    it('table: each POP3 account with server, user, policy, Blob name and delivery store', () => {
      const r = runCli(['accounts', hives.get(OUTLOOK_2010.file)!]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('profile "Outlook" (Outlook 97–2010 layout, default): 3 accounts, 2 POP3\n  00000002  POP3  "Work POP3" <alice@example.com>  key written 2013-04-02 08:15:30Z\n');
      expect(r.stdout).toContain('    server       pop.example.com:995 (POP3 Use SSL 1), user alice\n');
      expect(r.stdout).toContain('    policy       0x000E0003: leave a copy on the server; remove it after 14 days\n');
      expect(r.stdout).toContain('    history      attachment Blob34ecccac (Mini UID 34ecccac, by Microsoft\'s naming rule "Blob%.8x")\n');
      expect(r.stdout).toContain('    folder       0x8082 in the store with record key 0123456789ABCDEF0123456789ABCDEF\n');
      expect(r.stdout).toContain('    password     stored (encrypted with DPAPI; not decrypted, not shown)\n');
      expect(r.stdout).toContain('  00000003  IMAP4  "Gmail IMAP"  key written 2013-04-02 08:20:00Z\n');
    });

    it('--json: one document valid against schema/accounts.schema.json; --csv: a row per account', () => {
      const files = FIXTURES.map((f) => hives.get(f.file)!);
      const r = runCli(['accounts', ...files, '--json']);
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(validateAccounts(doc), schemaErrors(validateAccounts)).toBe(true);
      expect(doc.schema).toBe('pophist/accounts@1');
      expect(doc.hives.map((h: HiveAccounts) => h.profiles.flatMap((p) => p.accounts.map((a) => a.id)))).toEqual([
        ['00000002', '00000003', '00000004', '00000002', '00000005', '00000006'],
        ['00000002', '00000001', '00000003', '00000004'],
        ['00000002'],
      ]);
      const csv = runCli(['accounts', ...files, '--csv']).stdout.trimEnd().split('\r\n');
      expect(csv[0]).toMatch(/^record,hive,status,message,offset,profile,/);
      expect(csv.filter((l) => l.startsWith('account,'))).toHaveLength(11);
      expect(csv.find((l) => l.includes('Work POP3'))).toContain(',pop.example.com,995,1,alice,smtp.example.com,,1,2,34ecccac,Blob34ecccac,0x000E0003,yes,14,no,');
      expect(csv.filter((l) => l.startsWith('warning,'))).toEqual([expect.stringContaining(',DIRTY,')]);
    });
  });
});

describeWithCorpus('a real NTUSER.DAT (Windows 10, Outlook 2016): two MAPI services, no POP3 account', () => {
  it('the profile, its default, both accounts as MAPI, and the dirty hive said', () => {
    const h = readHiveAccounts(REAL, readFileSync(REAL));
    expect(h.profiles).toHaveLength(1);
    expect(h.profiles[0]).toMatchObject({ name: 'Outlook', layout: 'office', officeVersion: '16.0', isDefault: true, keyPath: 'SOFTWARE\\Microsoft\\Office\\16.0\\Outlook\\Profiles\\Outlook' });
    expect(h.profiles[0]!.accounts.map((a) => [a.id, a.kind, a.accountName, a.clsid])).toEqual([
      ['00000001', 'mapi', 'Outlook Address Book', '{ED475414-B0D6-11D2-8C3B-00104B2A6676}'],
      ['00000002', 'mapi', 'Outlook Data File', '{ED475414-B0D6-11D2-8C3B-00104B2A6676}'],
    ]);
    expect(h.hive).toMatchObject({ dirty: true, primarySequence: 29989, secondarySequence: 29988 });
  });

  it('the command finds no POP3 account: exit 1, the profile still listed', () => {
    const r = runCli(['accounts', REAL]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('profile "Outlook" (Outlook 2013+ layout, Office 16.0, default): 2 accounts, 0 POP3\n  00000001  MAPI service  "Outlook Address Book"  key written 2022-05-18 18:33:45Z\n');
  });
});

describe('inputs that are not hives', () => {
  it('a PST: one line naming the offset, exit 2', () => {
    const r = runCli(['accounts', 'samples/no-history.pst']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: samples/no-history.pst: no "regf" signature: this is not a registry hive (registry, offset 0)\n');
  });

  it('a missing file and no file at all', () => {
    expect(runCli(['accounts', '/nonexistent/NTUSER.DAT']).stderr).toBe('pophist: cannot read /nonexistent/NTUSER.DAT: ENOENT\n');
    const r = runCli(['accounts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: accounts needs at least one registry hive: pophist accounts NTUSER.DAT…\n');
  });
});
