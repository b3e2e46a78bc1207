// `case --timeline FORMAT`: the case's events in inspect's four formats, each read by the rules of
// the tool that takes it (Timesketch's importer and plaso's l2tcsv via test/support/timeline_rules.py,
// The Sleuth Kit's mactime), one row per fact of the JSON report, every tag row naming its version.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../support/case-document.js';
import { runCliInProcess } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';
import { describeWithTool } from '../support/tools.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-case-timeline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const args = ['case', '-r', samplePath('case/unicode'), '--recover'];
// In-process: the rows a case prints, not the process.
const run = async (format: string): Promise<string> => (await runCliInProcess([...args, '--timeline', format])).stdout;
const report = JSON.parse((await runCliInProcess([...args, '--json'])).stdout) as CaseDocument;

/** Rows the report's facts make: each version's write, each tag of each listing, each drop, each message's two times. */
function expectedRows(): { tags: number; total: number } {
  let tags = 0;
  let total = 0;
  for (const a of report.accounts) {
    total += a.versions.filter((v) => v.written !== undefined).length;
    for (const u of a.uids) {
      for (const l of u.listedBy) tags += l.tags.length;
      for (const p of u.messages) total += (p.message.created ? 1 : 0) + (p.message.delivered ? 1 : 0);
    }
    total += a.findings.filter((f) => f.code === 'dropped-between').length;
  }
  for (const p of report.unattributed) total += (p.message.created ? 1 : 0) + (p.message.delivered ? 1 : 0);
  return { tags, total: total + tags };
}

function checked(kind: 'jsonl' | 'csv' | 'l2tcsv', text: string): unknown[] {
  const file = join(work, `${kind}.txt`);
  writeFileSync(file, text);
  return JSON.parse(execFileSync('/usr/bin/python3', [join(repoRoot, 'test/support/timeline_rules.py'), kind, file], { encoding: 'utf8' })) as unknown[];
}

describe('case --timeline', () => {
  const { tags, total } = expectedRows();

  it('Timesketch JSONL: every row accepted, one per fact, each tag naming its version', async () => {
    const text = await run('timesketch-jsonl');
    expect(checked('jsonl', text)).toHaveLength(total);
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { event_kind: string; version?: string; uid?: string; status?: string });
    const tagRows = rows.filter((r) => r.event_kind === 'tag');
    expect(tagRows).toHaveLength(tags);
    for (const r of tagRows) expect(r.version).toMatch(/^a\d+\.v\d+$/);
    // h-001's download, listed by seven versions of two stores: gone from the store of days 3 and 4.
    expect(tagRows.filter((r) => r.uid === 'h-001').map((r) => [r.version, r.status])).toEqual([
      ['a1.v1', 'matched'],
      ['a1.v2', 'matched'],
      ['a1.v3', 'not-in-store'],
      ['a1.v4', 'not-in-store'],
      ['a1.v6', undefined],
    ]);
    expect(rows.filter((r) => r.event_kind === 'uid-dropped').map((r) => [r.uid, r.version])).toEqual(['h-001', 'h-002', 'h-003', 'h-004', 'h-005'].map((u) => [u, 'a1.v7']));
  });

  it('Timesketch CSV and l2tcsv: accepted, the same rows, the version in a column of its own or in extra', async () => {
    const csv = await run('timesketch-csv');
    expect(csv.split('\r\n')[0]!.split(',').at(-1)).toBe('version');
    expect(checked('csv', csv)).toHaveLength(total);
    const l2t = await run('l2tcsv');
    expect(checked('l2tcsv', l2t)).toHaveLength(total);
    expect(l2t.split('\r\n').filter((l) => l.includes('version: a1.v')).length).toBeGreaterThanOrEqual(tags);
  });

  it('reruns are byte-identical', async () => {
    for (const f of ['timesketch-jsonl', 'bodyfile']) expect(await run(f)).toBe(await run(f));
  });
});

describeWithTool('mactime', 'sleuthkit', 'case --timeline bodyfile through mactime', () => {
  it('prints one line per event at its UTC time', async () => {
    const jsonl = (await run('timesketch-jsonl')).trimEnd().split('\n');
    const want = jsonl.map((l) => (JSON.parse(l) as { timestamp: number }).timestamp / 1000).sort((a, b) => a - b);
    const body = join(work, 'case.body');
    writeFileSync(body, await run('bodyfile'));
    const out = execFileSync('mactime', ['-b', body, '-z', 'UTC', '-d'], { encoding: 'utf8' }).trimEnd().split('\n').slice(1);
    expect(out.map((l) => Date.parse(`${/^\w{3} (\w{3} \d\d \d{4} \d\d:\d\d:\d\d),/.exec(l)![1]} UTC`))).toEqual(want);
  });
});
