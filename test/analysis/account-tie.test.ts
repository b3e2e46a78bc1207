// inspect --registry below the report: stores written by our writer for a hive written by hivex,
// each Blob's Mini UID and the store's record key those of one account. Each history is tied to
// its account, each store to the accounts that deliver into it, the policy findings come out on
// the stores built to trigger them and not on the others, and a store's one account is selected.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { readHiveAccounts } from '../../src/accounts/index.js';
import { inspectEvidence, registryFacts, resolveOptions, type InspectedEvidence, type RegistryFacts } from '../../src/analysis/index.js';
import { writeSample } from '../../tools/samples/build.js';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { buildHives, describeWithHiveTools } from '../support/hives.js';
import { MSG_SAMPLE } from '../../tools/samples/spec.js';
import { samplePath, spec } from '../support/samples.js';
import { sampleHive, SHARED_STORE, TIE_CASES, TIE_HIVE } from '../support/tie-fixtures.js';

const REAL = corpusPath('registry/mkorman90_regipy_regipy_tests_data_NTUSER_BAGMRU.DAT');
const dir = mkdtempSync(join(tmpdir(), 'pophist-tie-'));
const storeOf = (file: string): string => join(dir, file);

function inspected(file: string, registry: RegistryFacts, given: { accountUid?: string } = {}): Extract<InspectedEvidence, { type: 'store' }>['inspection'] {
  const found = inspectEvidence(storeOf(file), resolveOptions({ registry, profile: given }));
  if (found.type !== 'store') throw new Error(`${file}: ${found.type}`);
  return found.inspection;
}

beforeAll(() => {
  for (const c of TIE_CASES) writeSample(c.spec, dir);
});

describeWithHiveTools('stores and the hive made for them', () => {
  let registry: RegistryFacts;
  beforeAll(() => {
    const hive = buildHives([TIE_HIVE]).get(TIE_HIVE.file)!;
    registry = registryFacts([readHiveAccounts(hive, readFileSync(hive))]);
  });

  it.each(TIE_CASES.filter((c) => c.account).map((c) => [c.spec.file, c] as const))('%s: tied by Mini UID to its account, its delivery store, with its findings', (_, c) => {
    const i = inspected(c.spec.file, registry);
    const tie = i.accounts!.histories[0]!;
    expect(tie).toMatchObject({ status: 'tied', rule: 'mini-uid', deliveryStore: true });
    if (tie.status !== 'tied') return;
    expect(tie.account).toMatchObject({ id: c.account!.id, profile: 'Outlook', pop3Server: c.account!.pop3Server, pop3User: c.account!.pop3User, miniUid: c.spec.manager!.accounts[0]!.miniUid });
    expect(tie.findings.map((f) => f.code)).toEqual(c.findings);
    expect(tie.findings.map((f) => f.entries)).toEqual(c.entries ?? []);
    for (const f of tie.findings) {
      const written = c.account!.lastWritten.toISOString().replace('.000Z', 'Z');
      expect(f.keyWritten).toBe(written);
      expect(f.evidence).toContain(`the account key was last written at ${written}`);
      expect(f.rule).toContain(`Leave on Server 0x${c.account!.leave!.toString(16).toUpperCase().padStart(8, '0')}`);
    }
    // The empty Restags attachment (as Outlook 2016 writes it) is no history to tie.
    expect(i.accounts!.histories).toHaveLength(1);
    expect(i.accounts!.recordKey).toBe(c.account!.recordKey);
  });

  it('a policy in force before the tags is a warning; one written after them is said as info, the policy may have changed since', () => {
    const before = inspected('leave.pst', registry).accounts!.histories[0]!;
    const after = inspected('changed.pst', registry).accounts!.histories[0]!;
    expect(before.findings[0]).toMatchObject({ severity: 'warning', evidence: expect.stringContaining('before these tags') });
    expect(after.findings[0]).toMatchObject({ severity: 'info', evidence: expect.stringContaining('the policy may have been set or changed since') });
  });

  it('remove after 14 days: the UID kept 20 days, with the numbers; a UID with a later delete tag and one 10 days old are not', () => {
    const f = inspected('remove14.pst', registry).accounts!.histories[0]!.findings[0]!;
    expect(f.evidence).toContain("1 UID still read downloaded (left on the server) more than 14 days (and 1 day of slack) before the history's last tag at 2024-03-21T08:00:00Z");
    expect(f.evidence).toContain('the oldest, entry 0 at 2024-03-01T08:00:00Z, 20 days before it');
    expect(f.contradictedBy).toContain('a later delete tag');
  });

  it('the one POP3 account delivering into a store selects its history; not when the analyst names one, nor when two accounts deliver there', () => {
    const auto = inspected('remove14.pst', registry);
    expect(auto.accounts!.automatic).toBe('5e1f0001');
    expect(auto.analysis.histories.map((h) => h.selected)).toEqual([true]);
    const given = inspected('remove14.pst', registry, { accountUid: '5e1f0001' });
    expect(given.accounts!.automatic).toBeUndefined();
    expect(given.analysis.histories.map((h) => h.selected)).toEqual([true]);
    const shared = inspected(SHARED_STORE.file, registry);
    expect(shared.accounts!.deliveryStoreOf.map((a) => [a.profile, a.id]).sort()).toEqual([
      ['Laptop', '00000002'],
      ['Outlook', '00000004'],
    ]);
    expect(shared.accounts!.automatic).toBeUndefined();
    expect(shared.analysis.histories[0]!.selected).toBeUndefined();
  });

  it('a Blob whose Mini UID no POP3 account has: the finding, naming the IMAP4 account that has it; no delivery store, no selection', () => {
    const i = inspected('stranger.pst', registry);
    expect(i.accounts!.deliveryStoreOf).toEqual([]);
    expect(i.accounts!.automatic).toBeUndefined();
    const tie = i.accounts!.histories[0]!;
    expect(tie).toMatchObject({ status: 'not-in-hive', rule: 'mini-uid' });
    expect(tie.findings).toEqual([
      expect.objectContaining({ code: 'account-not-in-hive', severity: 'info', evidence: expect.stringContaining('the history names Mini UID 5e1f00ff, and none of the 8 POP3 accounts in') }),
    ]);
    expect(tie.findings[0]!.evidence).toContain('the imap4 account 00000009 of profile "Outlook" has it');
  });

  it('a Mini UID two profiles have: the account whose delivery store this is wins; when both deliver here, ambiguous, nothing selected', () => {
    const own = registry.accounts.find((a) => a.miniUid === '5e1f0004')!;
    const other = { ...own, profile: 'Copy', deliveryRecordKey: undefined };
    const won = inspected('leave-ok.pst', { ...registry, accounts: [...registry.accounts, other] }).accounts!;
    expect(won.histories[0]).toMatchObject({ status: 'tied', deliveryStore: true, account: { profile: 'Outlook' } });
    const both = inspected('leave-ok.pst', { ...registry, accounts: [...registry.accounts, { ...own, profile: 'Copy' }] });
    expect(both.accounts!.histories[0]).toMatchObject({ status: 'ambiguous', accounts: [{ profile: 'Outlook' }, { profile: 'Copy' }], findings: [] });
    expect(both.accounts!.automatic).toBeUndefined();
  });

  it("the store's one account names no Blob in it: sought as --account-uid would, nothing selected, NOTHING_SELECTED says why", () => {
    const stranger = inspected('stranger.pst', registry).accounts!;
    const other = { ...registry.accounts.find((a) => a.miniUid === '5e1f0004')!, profile: 'Other', miniUid: '00000bad', deliveryRecordKey: stranger.recordKey };
    const i = inspected('stranger.pst', { ...registry, accounts: [...registry.accounts, other] });
    expect(i.accounts!.automatic).toBe('00000bad');
    expect(i.analysis.histories[0]!.selected).toBe(false);
    expect(i.analysis.warnings).toEqual([expect.objectContaining({ code: 'NOTHING_SELECTED', message: expect.stringContaining('account UID 00000bad') })]);
  });

  it('the same hive given twice counts once', () => {
    const hive = registry.hives[0]!.path;
    const twice = registryFacts([hive, hive].map((p) => readHiveAccounts(p, readFileSync(p))));
    expect(twice).toEqual(registry);
  });

  it('no password bytes reach the analysis', () => {
    expect(JSON.stringify(registry)).not.toMatch(/D08C9DDF|password/i);
  });
});

describeWithHiveTools('the committed sample and its .msg, with an Outlook 2016 hive naming its account', () => {
  const sample = spec(MSG_SAMPLE.from);
  let registry: RegistryFacts;
  beforeAll(() => {
    const fixture = sampleHive(sample);
    const hive = buildHives([fixture]).get(fixture.file)!;
    registry = registryFacts([readHiveAccounts(hive, readFileSync(hive))]);
  });

  it('the store: its delivery store, its history tied and selected, no finding (all its tags within 14 days)', () => {
    const found = inspectEvidence(samplePath(sample.file), resolveOptions({ registry }));
    if (found.type !== 'store') throw new Error(found.type);
    const a = found.inspection.accounts!;
    expect(a.deliveryStoreOf.map((x) => x.email)).toEqual([sample.manager!.accounts[0]!.smtp]);
    expect(a.automatic).toBe(sample.manager!.accounts[0]!.miniUid);
    expect(a.histories[0]).toMatchObject({ status: 'tied', deliveryStore: true, findings: [] });
    expect(found.inspection.analysis.histories[0]!.selected).toBe(true);
  });

  it('the .msg: tied by its Blob name alone; with no record key, whether it is the delivery store is not said', () => {
    const found = inspectEvidence(samplePath(MSG_SAMPLE.file), resolveOptions({ registry }));
    if (found.type !== 'msg') throw new Error(found.type);
    expect(found.accounts!.recordKey).toBeUndefined();
    expect(found.accounts!.histories[0]).toMatchObject({ status: 'tied', rule: 'mini-uid', findings: [] });
    expect(found.accounts!.histories[0]).not.toHaveProperty('deliveryStore');
  });
});

describeWithHiveTools('a pre-2010 sample whose Blob is named by address, its Mini UID in PR_ATTACH_ADDITIONAL_INFO', () => {
  it('tied by the additional info, said so; its delivery store; the automatic selection finds no Inbox manager for Outlook 2010+ facts and says why', () => {
    const sample = spec('pre2010-profile.pst');
    const fixture = sampleHive(sample);
    const hive = buildHives([fixture]).get(fixture.file)!;
    const registry = registryFacts([readHiveAccounts(hive, readFileSync(hive))]);
    const found = inspectEvidence(samplePath(sample.file), resolveOptions({ registry }));
    if (found.type !== 'store') throw new Error(found.type);
    const a = found.inspection.accounts!;
    expect(a.histories[0]).toMatchObject({ status: 'tied', rule: 'additional-info', deliveryStore: true });
    expect(a.automatic).toBe('7e57ab1e');
    expect(found.inspection.analysis.warnings.map((w) => w.code)).toContain('NOTHING_SELECTED');
  });
});

describeWithCorpus('the real NTUSER.DAT (Outlook 2016, no POP3 account)', () => {
  it("a store's histories are in no account of it; nothing is selected", () => {
    const registry = registryFacts([readHiveAccounts(REAL, readFileSync(REAL))]);
    expect(registry.hives).toEqual([expect.objectContaining({ pop3Accounts: 0 })]);
    const i = inspected('leave.pst', registry);
    expect(i.accounts!.deliveryStoreOf).toEqual([]);
    expect(i.accounts!.histories.map((h) => h.status)).toEqual(['not-in-hive']);
    expect(i.accounts!.histories[0]!.findings[0]!.evidence).toContain('none of the 0 POP3 accounts in');
    expect(i.analysis.histories[0]!.selected).toBeUndefined();
  });
});
