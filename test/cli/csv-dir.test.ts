// `--csv DIR`: one fixed-column file per record type, written beside the JSON of the same run, and
// each loaded as an analyst would (Python's csv module, pandas.read_csv with the declared header):
// every row as wide as the header, as many rows as the JSON has records of that type, the values
// the JSON holds. Real bytes: every sample store and the shared corpus's stores, with --recover.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { corpusDir, repoRoot } from '../support/corpus.js';
import { samplesDir } from '../support/samples.js';
import { describeWithPython } from '../support/tools.js';

interface Loaded {
  header: string[];
  rows: Record<string, string>[];
  widths: number[];
  pandasColumns: string[];
  pandasRows: number;
}

interface JsonEntry {
  uid: string;
  correlation?: { candidates: unknown[] };
}
interface JsonSource {
  path: string;
  status: string;
  warnings: unknown[];
  histories: { entries: JsonEntry[]; anomalies: unknown[]; notInHistory?: { uid: string; server: string; messages: { nid: string; messageId?: string; delivered?: string }[] }[]; unexplained?: unknown[] }[];
  recovered?: { kind: string; entries?: unknown[] }[];
}

const work = mkdtempSync(join(tmpdir(), 'pophist-csvdir-'));
const dir = join(work, 'csv');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let sources: JsonSource[] = [];
let loaded: Record<string, Loaded> = {};
const table = (name: string): Loaded => loaded[join(dir, `${name}.csv`)]!;
const sum = <T>(items: readonly T[], f: (t: T) => number): number => items.reduce((n, t) => n + f(t), 0);
const histories = () => sources.flatMap((s) => s.histories);

describeWithPython('pandas', 'python3-pandas', '--csv DIR on the samples and the corpus, with --recover', () => {
  beforeAll(() => {
    mkdirSync(dir);
    const json = join(work, 'report.json');
    const r = runCli(['inspect', samplesDir, corpusDir, '--recover', '--json', '-o', json, '--csv', dir], { timeoutMs: 120_000 });
    expect(r.stdout).toBe('');
    sources = (JSON.parse(execFileSync('cat', [json], { encoding: 'utf8' })) as { sources: JsonSource[] }).sources;
    const files = readdirSync(dir).map((f) => join(dir, f));
    loaded = JSON.parse(execFileSync('/usr/bin/python3', [join(repoRoot, 'test/support/csv_load.py'), ...files], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Loaded>;
  }, 180_000);

  it('writes one file per record type, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['accounts.csv', 'entries.csv', 'not-in-history.csv', 'policy-findings.csv', 'recovered-entries.csv', 'recovered.csv', 'run.csv', 'sources.csv', 'unexplained.csv', 'warnings.csv']);
  });

  const expected: [string, () => number, (t: Loaded) => void][] = [
    ['sources', () => sources.length, (t) => expect(t.rows.map((r) => [r.source, r.status])).toEqual(sources.map((s) => [s.path, s.status]))],
    [
      'entries',
      () => sum(histories(), (h) => sum(h.entries, (e) => Math.max(1, e.correlation?.candidates.length ?? 0))),
      (t) => expect(t.rows[0]!.uid).toBe(sources.flatMap((s) => s.histories).find((h) => h.entries.length > 0)!.entries[0]!.uid),
    ],
    [
      'not-in-history',
      () => sum(histories(), (h) => sum(h.notInHistory ?? [], (n) => n.messages.length)),
      (t) => {
        // The server, the delivery time and the Message-ID the single CSV dropped.
        const all = histories().flatMap((h) => (h.notInHistory ?? []).flatMap((n) => n.messages.map((m) => ({ ...m, uid: n.uid, server: n.server }))));
        expect(all.every((m) => m.delivered !== undefined)).toBe(true);
        for (const m of all) expect(t.rows).toContainEqual(expect.objectContaining({ nid: m.nid, uid: m.uid, server: m.server, message_id: m.messageId ?? '', delivered_utc: m.delivered }));
      },
    ],
    ['unexplained', () => sum(histories(), (h) => h.unexplained?.length ?? 0), (t) => expect(t.rows.every((r) => r.nid !== '')).toBe(true)],
    ['warnings', () => sum(sources, (s) => s.warnings.length + sum(s.histories, (h) => h.anomalies.length)), (t) => expect(t.rows.every((r) => r.code !== '')).toBe(true)],
    ['recovered', () => sum(sources, (s) => s.recovered?.length ?? 0), (t) => expect(new Set(t.rows.map((r) => r.kind))).toEqual(new Set(sources.flatMap((s) => (s.recovered ?? []).map((r) => r.kind))))],
    ['recovered-entries', () => sum(sources, (s) => sum(s.recovered ?? [], (r) => r.entries?.length ?? 0)), (t) => expect(t.rows.every((r) => r.older_only === 'true' || r.older_only === 'false' || r.older_only === '')).toBe(true)],
    ['run', () => 2, (t) => expect(t.rows.map((r) => [r.record, r.sources])).toEqual([['report', ''], ['end', String(sources.length)]])],
  ];

  it.each(expected)('%s.csv: loads in csv and pandas with its header, a row per record of the JSON', (name, count, check) => {
    const t = table(name);
    expect(t.pandasColumns).toEqual(t.header);
    expect(new Set(t.header).size).toBe(t.header.length);
    expect(t.widths).toEqual([t.header.length]);
    expect(count()).toBeGreaterThan(0);
    expect(t.rows).toHaveLength(count());
    expect(t.pandasRows).toBe(count());
    check(t);
  });
});
