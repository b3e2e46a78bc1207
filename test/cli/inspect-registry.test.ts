// `pophist inspect --registry NTUSER.DAT` in every format: stores written for a hive written by hivex
// (test/support/tie-fixtures.ts) show their account's server, user and policy and the policy
// findings; the JSON is valid against the schema; a bad hive stops the run; the real Outlook 2016
// hive (no POP3 account) leaves a history in no account.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../tools/samples/build.js';
import { runCliInProcess } from '../support/cli.js';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { buildHives, describeWithHiveTools } from '../support/hives.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';
import { DIRTY } from '../support/hive-fixtures.js';
import { TIE_CASES, TIE_HIVE } from '../support/tie-fixtures.js';

/** RFC 4180 fields of one line (quoted fields may hold commas; no line breaks in these). */
const fields = (line: string): string[] => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"'));

const REAL = corpusPath('registry/mkorman90_regipy_regipy_tests_data_NTUSER_BAGMRU.DAT');
const dir = mkdtempSync(join(tmpdir(), 'pophist-inspect-registry-'));
const store = (file: string): string => join(dir, file);

beforeAll(() => {
  for (const c of TIE_CASES) writeSample(c.spec, dir);
});

describeWithHiveTools('inspect --registry on stores made for a hive', () => {
  let hive: string;
  beforeAll(() => {
    hive = buildHives([TIE_HIVE]).get(TIE_HIVE.file)!;
  });

  it("table: the header names the hive; the store's delivery account, server, user, policy, the tie's rule and the finding", async () => {
    const r = await runCliInProcess(['inspect', store('remove14.pst'), '--registry', hive]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pophist \S+ \(.*; registry \S*tie\.dat \(8 POP3 accounts\): settings as last written, not as at each download\)\n/);
    expect(r.stdout).toContain('  Registry: the history of Mini UID 5e1f0001 selected, as no account was named and the hives name this store\'s one POP3 account\n');
    expect(r.stdout).toContain('  Account remove14@pop.example, uid 5e1f0001 [selected]');
    expect(r.stdout).toContain('    account "Account remove14" <remove14@pop.example> (profile "Outlook", account 00000002, key written 2024-01-15T10:00:00Z): this store is its delivery store\n');
    expect(r.stdout).toContain('      POP3 pop.remove14.example, user remove14; SMTP smtp.example\n');
    expect(r.stdout).toContain('      policy 0x000E0003: leave a copy on the server; remove it after 14 days\n');
    expect(r.stdout).toContain('      tied by mini-uid: the history attachment is named "Blob%.8x" of its account\'s Mini UID');
    expect(r.stdout).toContain('    warning: kept-past-removal (tags 0): 1 UID still read downloaded');
  });

  it('JSON: valid against the schema, each history with its account and findings, the hive in the header, no password', async () => {
    const r = await runCliInProcess(['inspect', ...TIE_CASES.map((c) => store(c.spec.file)), '--registry', hive, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(validateReport(doc), schemaErrors(validateReport)).toBe(true);
    expect(doc.options.registry).toEqual([{ path: hive, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), pop3Accounts: 8 }]);
    const codes = doc.sources.map((s: { histories: { registry: { findings: { code: string }[] } }[] }) => s.histories[0]!.registry.findings.map((f) => f.code));
    expect(codes).toEqual(TIE_CASES.map((c) => c.findings));
    const leave = doc.sources.find((s: { path: string }) => s.path.endsWith('leave.pst'));
    expect(leave.registry.deliveryStoreOf).toHaveLength(2);
    expect(leave.histories[0].registry).toMatchObject({ status: 'tied', rule: 'mini-uid', deliveryStore: true, accounts: [{ id: '00000004', pop3Server: 'pop.leave.example', policy: { raw: '0x00000001', leaveCopy: true } }] });
    expect(r.stdout).not.toMatch(/D08C9DDF|password/i);
  });

  it('worker threads (--jobs 2) get the hives with the options: the same report as one job', async () => {
    const args = ['inspect', ...TIE_CASES.map((c) => store(c.spec.file)), '--registry', hive, '--json'];
    const one = await runCliInProcess([...args, '--jobs', '1']);
    const two = await runCliInProcess([...args, '--jobs', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).sources.filter((s: { registry?: unknown }) => s.registry)).toHaveLength(TIE_CASES.length);
  });

  it('NDJSON: the source line carries the store\'s registry part and its histories\' accounts, each line valid', async () => {
    const r = await runCliInProcess(['inspect', store('leave.pst'), '--registry', hive, '--ndjson']);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
    const source = lines.find((l) => l.type === 'source');
    expect(source.registry.recordKey).toMatch(/^[0-9A-F]{32}$/);
    expect(source.histories[0].registry.findings[0].code).toBe('deleted-under-leave-on-server');
  });

  it('CSV: an account row and a policy-finding row per history; --csv DIR: accounts.csv and policy-findings.csv', async () => {
    const csv = (await runCliInProcess(['inspect', store('no-leave.pst'), '--registry', hive, '--csv'])).stdout.split('\r\n');
    const header = fields(csv[0]!);
    const cell = (row: string, name: string): string => fields(row)[header.indexOf(name)]!;
    const account = csv.find((l) => l.startsWith('account,'))!;
    expect(cell(account, 'registry_status')).toBe('tied');
    expect(cell(account, 'pop3_server')).toBe('pop.no-leave.example');
    expect(cell(account, 'policy')).toBe('0x00000000: do not leave a copy on the server (deleted there once downloaded)');
    const finding = csv.find((l) => l.startsWith('policy-finding,'))!;
    expect(cell(finding, 'policy_finding')).toBe('left-under-no-leave');
    expect(cell(finding, 'index')).toBe('1');
    const out = mkdtempSync(join(tmpdir(), 'pophist-registry-csv-'));
    const r = await runCliInProcess(['inspect', store('no-leave.pst'), store('stranger.pst'), '--registry', hive, '--csv', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'accounts.csv'), 'utf8').split('\r\n').filter((l) => l.includes('.pst,'))).toEqual([
      expect.stringContaining(',tied,'),
      expect.stringContaining(',not-in-hive,'),
    ]);
    const findings = readFileSync(join(out, 'policy-findings.csv'), 'utf8');
    expect(findings).toContain(',left-under-no-leave,warning,1,');
    expect(findings).toContain(',account-not-in-hive,info,,');
  });

  it('HTML: the hive in how the report was made, the account section and the findings', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pophist-registry-html-')), 'r.html');
    const r = await runCliInProcess(['inspect', store('changed.pst'), '--registry', hive, '--html', out]);
    expect(r.code).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<dt>registry hive</dt>');
    expect(page).toContain('<h3>Account in the registry</h3>');
    expect(page).toContain('<dt>POP3 server</dt><dd>pop.changed.example</dd>');
    expect(page).toContain('<dt>policy</dt><dd>0x00000001: leave a copy on the server</dd>');
    expect(page).toMatch(/<li class="">changed@pop\.example[^<]*: deleted-under-leave-on-server \(tags 0\): .*the policy may have been set or changed since/);
  });

  it('a dirty hive: said in the header of the JSON and of the table, with its DIRTY warning', async () => {
    const dirty = buildHives([DIRTY]).get(DIRTY.file)!;
    const doc = JSON.parse((await runCliInProcess(['inspect', store('leave.pst'), '--registry', dirty, '--json'])).stdout);
    expect(doc.options.registry).toEqual([expect.objectContaining({ dirty: true, pop3Accounts: 1, warnings: [expect.stringMatching(/\(\.LOG1, \.LOG2\) were not applied.*\(offset 4\)$/)] })]);
    const table = (await runCliInProcess(['inspect', store('leave.pst'), '--registry', dirty])).stdout;
    expect(table.split('\n')[0]).toContain('dirty.dat (1 POP3 account, dirty: its logs not applied, 1 warning)');
  });

  describe('a hive that cannot be read stops the run, saying which and why', () => {
    it.each([
      ['missing', () => join(dir, 'no-such.DAT'), /--registry .*no-such\.DAT.*ENOENT/],
      ['not a hive', () => store('leave.pst'), /--registry .*leave\.pst: .*regf/i],
    ])('%s', async (_, path, message) => {
      const r = await runCliInProcess(['inspect', store('leave.pst'), '--registry', path()]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  });
});

describeWithCorpus('inspect --registry with the real NTUSER.DAT (Outlook 2016, no POP3 account)', () => {
  it('the history is in no account of the hive: the finding says so; nothing is selected', async () => {
    const r = await runCliInProcess(['inspect', store('leave.pst'), '--registry', REAL, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(validateReport(doc), schemaErrors(validateReport)).toBe(true);
    expect(doc.options.registry).toEqual([expect.objectContaining({ pop3Accounts: 0 })]);
    expect(doc.sources[0].registry.deliveryStoreOf).toEqual([]);
    expect(doc.sources[0].histories[0].registry).toMatchObject({ status: 'not-in-hive', findings: [{ code: 'account-not-in-hive', severity: 'info' }] });
    expect(doc.sources[0].histories[0].selected).toBeUndefined();
  });
});
