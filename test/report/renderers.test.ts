// The renderers on a report with one source holding a history, one with no history and one that
// could not be read: nothing is silently dropped, and each format keeps its own rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { prettyJson, renderJson } from '../../src/report/json.js';
import { renderNdjson } from '../../src/report/ndjson.js';
import { renderTable, TABLE_ROW_LIMIT } from '../../src/report/table.js';
import type { Candidate, Entry, Report } from '../../src/report/types.js';

const entry = (index: number, uid: string, extra: Partial<Entry> = {}): Entry => ({
  index,
  uid,
  encodedUid: uid,
  operation: 'downloaded',
  content: 'body',
  time: '2020-01-02T03:04:05Z',
  timeRaw: '20200102030405',
  tag: `+b20200102030405${uid}`,
  offset: 4,
  ...extra,
});

const report: Report = {
  schema: 'pophist/report@2',
  tool: { name: 'pophist', version: 'test' },
  sources: [
    {
      path: 'a, "b".pst',
      kind: 'pst',
      status: 'history-found',
      managers: [],
      histories: [
        {
          role: 'history',
          account: { smtp: 'a@example.com', uid: 'da8ea945', servers: ['pop.example.com'] },
          entries: [
            entry(0, 'one', { correlation: { status: 'matched', rule: 'creation-time-near', evidence: ['PR_CREATION_TIME'], contradictions: [], deltaSeconds: -2, candidates: [{ folder: '/Inbox', nid: '0x24', created: '2020-01-02T03:04:03Z', subject: '-1 day' }] } }),
            entry(1, 'two', {
              correlation: {
                status: 'not-in-store',
                evidence: [],
                candidates: [],
                contradictions: [{ folder: '/Inbox', nid: '0x44', subject: 'other', reason: 'remote-id-names-another-uid', detail: 'its PidLidRemoteEntryId names POP://pop.example.com/7, not two' }],
              },
            }),
          ],
          notInHistory: [{ uid: '5', server: 'pop.example.com', messages: [{ folder: '/Inbox', nid: '0x64', subject: 'expired', created: '2020-01-02T03:00:00Z' }] }],
          anomalies: [],
        },
      ],
      warnings: [],
    },
    { path: 'empty.pst', kind: 'pst', status: 'no-history', managers: [], histories: [], warnings: [] },
    { path: 'broken.pst', status: 'error', error: { code: 'NOT_A_PST', message: 'no !BDN' }, managers: [], histories: [], warnings: [] },
  ],
};

describe('--json', () => {
  it('is the report itself, pretty-printed, ending with a newline', () => {
    const out = renderJson(report);
    expect(JSON.parse(out)).toEqual(report);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n').length).toBeGreaterThan(10);
  });

  it('is written in pieces with exactly the bytes of JSON.stringify(report, null, 2)', () => {
    expect(renderJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => [...prettyJson(v)].join('') === JSON.stringify(v, null, 2)),
      { numRuns: 2000 },
    );
    // What JSON.stringify leaves out or turns into null, and a value with toJSON, inside walked containers.
    const odd = { a: undefined, b: [undefined, () => 1, Number.NaN, -0, 1e300, new Date(0)], c: { d: [], e: {} }, f: [[], [{}], [[1]]] };
    expect([...prettyJson(odd)].join('')).toBe(JSON.stringify(odd, null, 2));
  });
});

describe('--ndjson', () => {
  const lines = renderNdjson(report).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('has a line per source, even without entries, and a line per entry after its source', () => {
    expect(lines.map((l) => [l.type, l.type === 'source' ? l.path : l.uid])).toEqual([
      ['source', 'a, "b".pst'],
      ['entry', 'one'],
      ['entry', 'two'],
      ['source', 'empty.pst'],
      ['source', 'broken.pst'],
    ]);
    expect(lines[4]).toMatchObject({ status: 'error', error: { code: 'NOT_A_PST' } });
  });

  it('gives each entry its source path and account, and leaves entries out of the source line', () => {
    expect(lines[1]).toMatchObject({ source: 'a, "b".pst', account: { smtp: 'a@example.com', uid: 'da8ea945' }, history: 0, role: 'history' });
    expect(lines[2]!.correlation).toMatchObject({ status: 'not-in-store', contradictions: [{ nid: '0x44', reason: 'remote-id-names-another-uid' }] });
    const { entries: _entries, ...summary } = report.sources[0]!.histories[0]!;
    expect(lines[0]!.histories).toEqual([summary]);
  });
});

describe('--csv', () => {
  const csv = renderCsv(report);
  const rows = csv.split('\r\n');

  it('ends every record with CRLF, quotes cells holding a comma or a quote, and doubles the quotes', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(1 + 5 + 1);
    expect(rows[1]!.startsWith('"a, ""b"".pst",pst,history-found,')).toBe(true);
  });

  it('keeps a row for each source without entries, with its error', () => {
    expect(rows[4]!.startsWith('empty.pst,pst,no-history,')).toBe(true);
    expect(rows[5]!.startsWith('broken.pst,,error,NOT_A_PST: no !BDN,')).toBe(true);
  });

  it('carries rule, evidence and contradictions per entry, then a row per message not in the history', () => {
    const header = rows[0]!.split(',');
    const cells = (r: string): string[] => r.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    const [one, two, expired] = [cells(rows[1]!), cells(rows[2]!), cells(rows[3]!)];
    expect([one[header.indexOf('rule')], one[header.indexOf('evidence')], one[header.indexOf('record')]]).toEqual(['creation-time-near', 'PR_CREATION_TIME', 'entry']);
    expect(two[header.indexOf('contradictions')]).toBe('0x44 remote-id-names-another-uid');
    expect([expired[header.indexOf('record')], expired[header.indexOf('uid')], expired[header.indexOf('nid')]]).toEqual(['not-in-history', '5', '0x64']);
  });

  it('neutralises evidence that looks like a formula but leaves numbers alone', () => {
    const header = rows[0]!.split(',');
    const first = rows[1]!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
    expect(first[header.indexOf('delta_seconds')]).toBe('-2');
    expect(first[header.indexOf('subject')]).toBe("'-1 day");
  });
});

describe('table', () => {
  it('shows every source, including those without history and those in error', () => {
    const out = renderTable(report);
    expect(out).toContain('a, "b".pst  (pst)  history found');
    expect(out).toContain('empty.pst  (pst)  no history');
    expect(out).toContain('broken.pst  (unknown)  error NOT_A_PST: no !BDN');
    expect(out).toContain('matched (creation-time-near (-2s); PR_CREATION_TIME): /Inbox "-1 day"');
    expect(out).toContain('not in store [contradicted: 0x44 remote-id-names-another-uid]');
    expect(out).toContain('POP3 servers pop.example.com');
  });

  it('shows the downloads the history no longer lists after the tags', () => {
    const out = renderTable(report);
    const line = '  not in history: UID 5 from pop.example.com: /Inbox [0x64] "expired" created 2020-01-02T03:00:00Z';
    expect(out).toContain(line);
    expect(out.indexOf(line)).toBeGreaterThan(out.indexOf('│ two'));
  });

  it('lists at most TABLE_ROW_LIMIT unexplained messages per history and says how many more there are', () => {
    const many: Candidate[] = Array.from({ length: TABLE_ROW_LIMIT + 5 }, (_, i) => ({ folder: '/Sent Items', nid: `0x${(i * 32 + 36).toString(16)}`, subject: `m${i}`, created: '2020-01-02T03:04:05Z' }));
    const withMany: Report = { ...report, sources: [{ ...report.sources[0]!, histories: [{ ...report.sources[0]!.histories[0]!, unexplained: many }] }] };
    const out = renderTable(withMany);
    expect(out.match(/^ {2}unexplained: /gm)).toHaveLength(TABLE_ROW_LIMIT);
    expect(out).toContain(`"m${TABLE_ROW_LIMIT - 1}"`);
    expect(out).not.toContain(`"m${TABLE_ROW_LIMIT}"`);
    expect(out).toContain(`… 5 more unexplained messages not shown here; --json or --ndjson list all ${TABLE_ROW_LIMIT + 5}`);
  });
});
