// `case --csv DIR`: a file per record type, its rows the case report's records, each file whole;
// existing files are never replaced without --force, and no file is left when one cannot be written.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../support/case-document.js';
import { runCli } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-case-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** RFC 4180 rows (quoted cells with doubled quotes and line breaks), header first. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('case --csv DIR', () => {
  const dir = join(tmp, 'out');
  mkdirSync(dir);
  const args = ['case', '-r', samplePath('case/ansi'), '--recover'];
  const r = runCli([...args, '--json', '--csv', dir], { timeoutMs: 60_000 });
  const report = JSON.parse(r.stdout) as CaseDocument;
  const table = (name: string): Record<string, string>[] => {
    const [head, ...rows] = parseCsv(readFileSync(join(dir, `case-${name}.csv`), 'utf8'));
    for (const row of rows) expect(row).toHaveLength(head!.length);
    return rows.map((row) => Object.fromEntries(head!.map((h, k) => [h, row[k]!])));
  };

  it('writes one file per record type beside the JSON, the run file ending with its end row', () => {
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['case-findings.csv', 'case-inputs.csv', 'case-messages.csv', 'case-run.csv', 'case-uids.csv', 'case-versions.csv']);
    expect(table('run').map((x) => x.record)).toEqual(['case', 'end']);
    expect(table('run')[1]!.inputs).toBe(String(report.inputs.length));
  });

  it('has a row per input, version, UID listing, message and finding of the JSON report', () => {
    expect(table('inputs').map((x) => [x.source, x.status])).toEqual(report.inputs.map((i) => [i.path, i.status]));
    expect(table('versions').map((x) => x.version)).toEqual(report.accounts.flatMap((a) => a.versions.map((v) => v.id)));
    expect(table('uids').length).toBe(report.accounts.flatMap((a) => a.uids.map((u) => Math.max(1, u.listedBy.length))).reduce((n, k) => n + k, 0));
    expect(table('messages').length).toBe(report.accounts.flatMap((a) => a.uids.flatMap((u) => u.messages)).length + report.unattributed.length);
    const findings = table('findings');
    expect(findings.map((f) => [f.code, f.uid || f.key_value || f.store])).toEqual([
      ...report.accounts.flatMap((a) => a.findings.map((f) => [f.code, 'uid' in f ? f.uid : ''])),
      ...report.findings.map((f) => [f.code, f.code === 'key-conflict' ? f.value : f.code === 'snapshots' ? f.store : '']),
    ]);
    const dropped = findings.find((f) => f.code === 'dropped-between' && f.uid === 'h-005')!;
    expect([dropped.from, dropped.to]).toEqual(['a1.v6', 'a1.v7']);
    expect(table('uids').find((u) => u.uid === 'h-008' && u.version === 'a1.v4')).toMatchObject({ tags: 'downloaded 2024-05-04T08:00:00Z', in_store: 'matched', messages: '4' });
  });

  it('never replaces a file without --force, and then writes none of them', () => {
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'case-uids.csv'), 'mine');
    const again = runCli([...args, '--csv', other], { timeoutMs: 60_000 });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to write');
    expect(readFileSync(join(other, 'case-uids.csv'), 'utf8')).toBe('mine');
    expect(existsSync(join(other, 'case-run.csv'))).toBe(false);
    expect(runCli([...args, '--csv', other, '--force'], { timeoutMs: 60_000 }).code).toBe(0);
    expect(readFileSync(join(other, 'case-uids.csv'), 'utf8')).toBe(readFileSync(join(dir, 'case-uids.csv'), 'utf8'));
  });
});
