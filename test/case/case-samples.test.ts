// `pophist case` on the sample case (samples/case/, samples/README.md), in both the Unicode-permute
// and the ANSI-cyclic version: every finding the README names, the contract, NDJSON, reruns and
// --jobs, and what a case says of inputs that are bad or the same file.

import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../support/case-document.js';
import { runCliInProcess } from '../support/cli.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateCase, validateCaseLine } from '../support/schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-case-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// In-process: these tests are about what a case reports, not the process (the --jobs 2 threads are the built ones either way).
const caseRun = (args: string[]) => runCliInProcess(['case', ...args]);
const caseJson = async (args: string[]): Promise<{ report: CaseDocument; code: number; stderr: string }> => {
  const r = await caseRun([...args, '--json']);
  return { report: JSON.parse(r.stdout) as CaseDocument, code: r.code, stderr: r.stderr };
};

/** A version's input file name, for expectations that read like the README. */
const fileOf = (report: CaseDocument, id: string): string => {
  const v = report.accounts.flatMap((a) => a.versions).find((x) => x.id === id)!;
  return `${report.inputs[v.input]!.path.split('/').pop()}${v.origin === 'recovered' ? ' (recovered)' : ''}`;
};

describe.each(['unicode', 'ansi'])('the %s sample case', (variant) => {
  const dir = samplePath(`case/${variant}`);
  let report: CaseDocument;
  let code: number;
  let hana: CaseDocument['accounts'][number];
  beforeAll(async () => {
    ({ report, code } = await caseJson(['-r', dir, '--recover', '--jobs', '1']));
    hana = report.accounts.find((a) => a.name === 'hana@example.com')!;
  });
  const findings = (code: string) => hana.findings.filter((f) => f.code === code);

  it('is valid pophist/case@1, exit 0, every input named with its status', () => {
    expect(validateCase(report), schemaErrors(validateCase)).toBe(true);
    expect(code).toBe(0);
    expect(report.inputs.map((i) => [i.path.split('/').pop(), i.status])).toEqual([
      ['archive.pst', 'no-history'],
      ['h-008.msg', 'no-history'],
      ['laptop.pst', 'history-found'],
      ...[1, 2, 3, 4, 5].map((d) => [`mailbox-day${d}.pst`, 'history-found']),
    ]);
    expect(report.summary).toMatchObject({ inputs: 8, sameFile: 0, accounts: 2, versions: 8 });
  });

  it('orders the versions of hana@example.com by their newest tag: five snapshots, the laptop, the recovered version before the live one of day 5', () => {
    expect(hana.versions.map((v) => fileOf(report, v.id))).toEqual(['mailbox-day1.pst', 'mailbox-day2.pst', 'mailbox-day3.pst', 'mailbox-day4.pst', 'laptop.pst', 'mailbox-day5.pst (recovered)', 'mailbox-day5.pst']);
    expect(hana.versions.map((v) => v.tags)).toEqual([3, 5, 7, 9, 5, 10, 6]);
    expect(hana.joinedBy.find((j) => j.key === 'smtp')?.versions).toHaveLength(7);
  });

  it('recognises the five snapshots by their store identity', () => {
    const snap = report.findings.filter((f) => f.code === 'snapshots');
    expect(snap).toHaveLength(1);
    expect(snap[0]!.code === 'snapshots' && snap[0]!.inputs.map((i) => report.inputs[i]!.path.split('/').pop())).toEqual([1, 2, 3, 4, 5].map((d) => `mailbox-day${d}.pst`));
    expect(report.stores.find((s) => s.inputs.length === 5)?.sharedManagerKey).toBe(true);
  });

  it('dropped-between: h-001…h-005 between the recovered version of day 5 and the live one', () => {
    const dropped = findings('dropped-between').map((f) => f.code === 'dropped-between' && [f.uid, fileOf(report, f.from), fileOf(report, f.to)]);
    expect(dropped).toEqual(['h-001', 'h-002', 'h-003', 'h-004', 'h-005'].map((u) => [u, 'mailbox-day5.pst (recovered)', 'mailbox-day5.pst']));
    // The message of h-005 stayed in the store of day 5 though no tag lists it.
    const h5 = hana.uids.find((u) => u.uid === 'h-005')!;
    expect(h5.messages.map((m) => report.inputs[m.input]!.path.split('/').pop())).toContain('mailbox-day5.pst');
  });

  it('found-elsewhere: the archived h-001 and h-002, gone from days 3 and 4, are in archive.pst', () => {
    const found = findings('found-elsewhere');
    expect(found.map((f) => f.code === 'found-elsewhere' && [f.uid, f.versions.map((v) => fileOf(report, v))])).toEqual(['h-001', 'h-002'].map((u) => [u, ['mailbox-day3.pst', 'mailbox-day4.pst']]));
    for (const f of found) {
      const files = f.code === 'found-elsewhere' ? f.places.map((p) => report.inputs[p.input]!.path.split('/').pop()) : [];
      expect(files).toEqual(['archive.pst', 'mailbox-day1.pst', 'mailbox-day2.pst']);
    }
  });

  it('in-no-history: h-000, downloaded before any version, in archive.pst only', () => {
    expect(findings('in-no-history').map((f) => f.code === 'in-no-history' && [f.uid, f.server, f.places.map((p) => report.inputs[p.input]!.path.split('/').pop())])).toEqual([['h-000', 'pop.example.com', ['archive.pst']]]);
  });

  it("versions-disagree: h-007's tag time changed between the recovered and the live version of day 5; nothing else disagrees or reappears", () => {
    expect(findings('versions-disagree').map((f) => f.code === 'versions-disagree' && [f.uid, f.versions.map((v) => fileOf(report, v))])).toEqual([['h-007', ['mailbox-day5.pst (recovered)', 'mailbox-day5.pst']]]);
    expect(findings('reappeared')).toEqual([]);
  });

  it('the .msg export of h-008 is one more place its message lies, by its remote id', () => {
    const h8 = hana.uids.find((u) => u.uid === 'h-008')!;
    const files = h8.messages.map((m) => report.inputs[m.input]!.path.split('/').pop());
    expect(files).toEqual(['h-008.msg', 'laptop.pst', 'mailbox-day4.pst', 'mailbox-day5.pst']);
    expect(h8.messages[0]!.message).toEqual({ location: 'top', subject: 'POP3 message h-008', created: '2024-05-04T08:00:00Z', delivered: '2024-05-04T07:59:30Z' });
  });

  it('key-conflict: mini UID 4a7e0c11 names hana@example.com and hana@example.org, which stay two accounts', () => {
    const conflicts = report.findings.filter((f) => f.code === 'key-conflict');
    expect(conflicts.map((f) => f.code === 'key-conflict' && [f.value, f.smtp, f.accounts])).toEqual([['4a7e0c11', ['hana@example.com', 'hana@example.org'], ['a1', 'a2']]]);
    expect(report.accounts.map((a) => a.name)).toEqual(['hana@example.com', 'hana@example.org']);
  });

  it('without --recover, day 5 has only its live version: h-001…h-005 dropped and h-007 disagreeing between days 4 and 5', async () => {
    const live = (await caseJson(['-r', dir])).report;
    const a = live.accounts[0]!;
    const pairs = a.findings.flatMap((f) => (f.code === 'dropped-between' ? [[f.uid, fileOf(live, f.from), fileOf(live, f.to)]] : f.code === 'versions-disagree' ? [[f.uid, ...f.versions.map((v) => fileOf(live, v))]] : []));
    expect(pairs).toEqual([...['h-001', 'h-002', 'h-003', 'h-004', 'h-005', 'h-007'].map((u) => [u, 'mailbox-day4.pst', 'mailbox-day5.pst'])]);
  });

  it('NDJSON: every line valid, one per UID and per finding, the end line last', async () => {
    const lines = (await caseRun(['-r', dir, '--recover', '--ndjson'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    for (const l of lines) expect(validateCaseLine(l), `${JSON.stringify(l).slice(0, 200)}: ${schemaErrors(validateCaseLine)}`).toBe(true);
    const count = (t: string) => lines.filter((l) => l.type === t).length;
    expect(count('uid')).toBe(report.summary.uids);
    expect(count('finding')).toBe(report.findings.length + report.accounts.reduce((n, a) => n + a.findings.length, 0));
    expect(lines.at(-1)).toEqual({ type: 'end', schema: 'pophist/case@1', complete: true, inputs: 8 });
  });

  it('reruns are byte-identical, and --jobs 2 equals --jobs 1, in every format', async () => {
    for (const format of ['--json', '--ndjson', '--wide']) {
      const one = (await caseRun(['-r', dir, '--recover', '--jobs', '1', format])).stdout;
      expect((await caseRun(['-r', dir, '--recover', '--jobs', '1', format])).stdout, format).toBe(one);
      expect((await caseRun(['-r', dir, '--recover', '--jobs', '2', format])).stdout, format).toBe(one);
    }
  });
});

describe('inputs a case cannot read, or has already', () => {
  it('counts a link and a copy of an input once, and says which input they repeat', async () => {
    const day1 = samplePath('case/unicode/mailbox-day1.pst');
    symlinkSync(day1, join(tmp, 'link.pst'));
    copyFileSync(day1, join(tmp, 'copy.pst'));
    const { report } = await caseJson([day1, join(tmp, 'link.pst'), join(tmp, 'copy.pst')]);
    expect(validateCase(report), schemaErrors(validateCase)).toBe(true);
    expect(report.inputs.map((i) => [i.status, i.sameAs])).toEqual([
      ['history-found', undefined],
      ['same-file', { input: 0, by: 'link' }],
      ['same-file', { input: 0, by: 'same-bytes' }],
    ]);
    expect(report.summary).toMatchObject({ inputs: 3, sameFile: 2, versions: 1 });
    expect(report.findings.filter((f) => f.code === 'snapshots')).toEqual([]);
  });

  it('names and counts a missing file, a file that is no PST and a damaged store, and goes on (exit 2)', async () => {
    const junk = join(tmp, 'notes.pst');
    writeFileSync(junk, 'not a store');
    const { report, code, stderr } = await caseJson([join(tmp, 'missing.pst'), junk, samplePath('pop3-damaged.pst'), samplePath('case/unicode/mailbox-day4.pst')]);
    expect(validateCase(report), schemaErrors(validateCase)).toBe(true);
    expect(report.inputs.map((i) => [i.path.split('/').pop(), i.status, i.error?.code])).toEqual([
      ['missing.pst', 'error', 'UNREADABLE'],
      ['notes.pst', 'error', 'NOT_A_PST'],
      ['pop3-damaged.pst', 'inconclusive', undefined],
      ['mailbox-day4.pst', 'history-found', undefined],
    ]);
    expect(report.summary.statuses).toEqual({ 'history-found': 1, 'no-history': 0, inconclusive: 1, error: 2 });
    expect(report.accounts.map((a) => a.name)).toEqual(['ivy@example.com', 'hana@example.com']);
    expect(code).toBe(2);
    expect(stderr).toContain('4 inputs: 1 with a history, 1 inconclusive, 2 errored');
  });
});
