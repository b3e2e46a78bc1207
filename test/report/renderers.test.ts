// The renderers on a report with one source holding a history, one with no history and one that
// could not be read: nothing is silently dropped, and each format keeps its own rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { LazyList } from '../../src/analysis/lazy-list.js';
import { prettyJson, renderJson } from '../../src/report/json.js';
import { renderNdjson } from '../../src/report/ndjson.js';
import { renderTable } from '../../src/report/table.js';
import { SCREENFUL } from '../../src/report/table-rest.js';
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
  schema: 'pophist/report@3',
  tool: { name: 'pophist', version: 'test' },
  options: { correlate: true, window: 2 },
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
            entry(2, 'three', {
              correlation: {
                status: 'ambiguous',
                rule: 'creation-time',
                evidence: ['PR_CREATION_TIME'],
                deltaSeconds: 0,
                candidates: [
                  { folder: '/Inbox', nid: '0x44', created: '2020-01-02T03:04:05Z', subject: 'first' },
                  { folder: '/Junk', nid: '0x64', created: '2020-01-02T03:04:05Z', subject: 'second' },
                ],
                contradictions: [],
              },
            }),
          ],
          notInHistory: [{ uid: '5', server: 'pop.example.com', attributedBy: 'account-name', messages: [{ folder: '/Inbox', nid: '0x64', subject: 'expired', created: '2020-01-02T03:00:00Z' }] }],
          anomalies: [],
          unexplained: [{ folder: '/Sent Items', nid: '0x84', created: '2020-01-02T03:04:06Z', subject: 'not from a download' }],
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

  it('keeps those bytes where long arrays are streamed a slice at a time and what holds them is walked', () => {
    const long = Array.from({ length: 1300 }, (_, i) => (i % 97 === 0 ? undefined : i % 5 === 0 ? { i, c: [i, { s: 'x\ny' }] } : i % 3 === 0 ? [] : `s${i}`));
    const nested = { a: [1, { b: long, c: {} }], d: [long, [long]], e: 'end', f: undefined };
    expect([...prettyJson(nested)].join('')).toBe(JSON.stringify(nested, null, 2));
    expect([...prettyJson(long, '    ')].join('')).toBe(JSON.stringify(long, null, 2).replace(/\n/g, '\n    '));
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 513, maxLength: 1100 }), (v) => [...prettyJson({ v })].join('') === JSON.stringify({ v }, null, 2)),
      { numRuns: 25 },
    );
  });

  it('writes a lazily made list as the array it stands for, making its items only as it writes them', () => {
    const items = Array.from({ length: 1300 }, (_, i) => (i % 5 === 0 ? { i, long: Array.from({ length: 600 }, (_, k) => k) } : { i, s: `x${i}` }));
    let made = 0;
    const lazy = new LazyList(items.length, (i) => {
      made++;
      return items[i]!;
    });
    const doc = { a: 1, list: lazy, empty: new LazyList(0, () => 0), after: [lazy.map((x) => x.i)] };
    const pieces = prettyJson(doc);
    expect(made).toBe(0);
    const text = [...pieces].join('');
    expect(text).toBe(JSON.stringify({ a: 1, list: items, empty: [], after: [items.map((x) => x.i)] }, null, 2));
    expect(made).toBe(2 * items.length);
  });

  it('is the same document whether sources come one by one or the report is whole, with options after the tool', () => {
    const out = renderJson(report);
    expect(Object.keys(JSON.parse(out) as object)).toEqual(['schema', 'tool', 'options', 'sources']);
    expect(renderJson({ ...report, sources: [] })).toBe(`${JSON.stringify({ ...report, sources: [] }, null, 2)}\n`);
    const { sources, ...header } = report;
    const stamped = { ...header, generated: '2026-01-02T03:04:05.678Z', sources };
    expect(renderJson(stamped)).toBe(`${JSON.stringify(stamped, null, 2)}\n`);
  });
});

describe('--ndjson', () => {
  const lines = renderNdjson(report).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('starts with the report line, then has a line per source, even without entries, and a line per finding after its source', () => {
    expect(lines.map((l) => [l.type, l.type === 'source' ? l.path : l.type === 'entry' || l.type === 'not-in-history' ? l.uid : l.nid])).toEqual([
      ['report', undefined],
      ['source', 'a, "b".pst'],
      ['entry', 'one'],
      ['entry', 'two'],
      ['entry', 'three'],
      ['not-in-history', '5'],
      ['unexplained', '0x84'],
      ['source', 'empty.pst'],
      ['source', 'broken.pst'],
      ['end', undefined],
    ]);
    expect(lines[9]).toEqual({ type: 'end', schema: report.schema, complete: true, sources: 3 });
    expect(lines[0]).toEqual({ type: 'report', schema: report.schema, tool: report.tool, options: report.options });
    expect(lines[8]).toMatchObject({ status: 'error', error: { code: 'NOT_A_PST' } });
  });

  it('gives each finding its source path and account, and leaves the finding lists out of the source line', () => {
    expect(lines[2]).toMatchObject({ source: 'a, "b".pst', account: { smtp: 'a@example.com', uid: 'da8ea945' }, history: 0, role: 'history' });
    expect(lines[3]!.correlation).toMatchObject({ status: 'not-in-store', contradictions: [{ nid: '0x44', reason: 'remote-id-names-another-uid' }] });
    expect(lines[5]).toMatchObject({ type: 'not-in-history', source: 'a, "b".pst', history: 0, uid: '5', server: 'pop.example.com', messages: [{ nid: '0x64' }] });
    expect(lines[6]).toMatchObject({ source: 'a, "b".pst', history: 0, role: 'history', folder: '/Sent Items', subject: 'not from a download' });
    expect(lines[1]!.histories).toEqual([{ role: 'history', account: { smtp: 'a@example.com', uid: 'da8ea945', servers: ['pop.example.com'] }, anomalies: [] }]);
  });
});

describe('--csv', () => {
  const csv = renderCsv(report);
  const rows = csv.split('\r\n');

  const header = rows[0]!.split(',');
  const cells = (row: string): string[] => row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
  const col = (row: string, name: string): string | undefined => cells(row)[header.indexOf(name)];

  it('ends every record with CRLF, quotes cells holding a comma or a quote, and doubles the quotes', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(rows.at(-1)).toBe('');
    expect(rows[2]!.startsWith('source,"a, ""b"".pst",pst,history-found,')).toBe(true);
  });

  it('names each row in the record column: the report, each source (with its error), each entry, each message not in the history, each unexplained message', () => {
    expect(rows.slice(1, -1).map((r) => [col(r, 'record'), col(r, 'source')])).toEqual([
      ['report', ''],
      ['source', '"a, ""b"".pst"'],
      ['entry', '"a, ""b"".pst"'],
      ['entry', '"a, ""b"".pst"'],
      ['entry', '"a, ""b"".pst"'],
      ['entry', '"a, ""b"".pst"'],
      ['not-in-history', '"a, ""b"".pst"'],
      ['unexplained', '"a, ""b"".pst"'],
      ['source', 'empty.pst'],
      ['source', 'broken.pst'],
      ['end', ''],
    ]);
    expect(col(rows[11]!, 'sources')).toBe('3');
    expect(col(rows[1]!, 'tool')).toBe('pophist test');
    expect(JSON.parse(col(rows[1]!, 'options')!.slice(1, -1).replace(/""/g, '"'))).toEqual(report.options);
    expect(rows[10]!.startsWith('source,broken.pst,,error,NOT_A_PST: no !BDN,')).toBe(true);
    expect([col(rows[8]!, 'folder'), col(rows[8]!, 'nid'), col(rows[8]!, 'created_utc')]).toEqual(['/Sent Items', '0x84', '2020-01-02T03:04:06Z']);
  });

  it('carries rule, evidence and contradictions per entry, and the UID and message of each download not in the history', () => {
    expect([col(rows[3]!, 'rule'), col(rows[3]!, 'evidence')]).toEqual(['creation-time-near', 'PR_CREATION_TIME']);
    expect(col(rows[4]!, 'contradictions')).toBe('0x44 remote-id-names-another-uid');
    expect([col(rows[7]!, 'uid'), col(rows[7]!, 'nid'), col(rows[7]!, 'subject')]).toEqual(['5', '0x64', 'expired']);
  });

  it('gives an ambiguous entry a row per candidate', () => {
    const three = rows.filter((r) => col(r, 'uid') === 'three');
    expect(three.map((r) => [col(r, 'index'), col(r, 'correlation'), col(r, 'candidates'), col(r, 'nid'), col(r, 'subject')])).toEqual([
      ['2', 'ambiguous', '2', '0x44', 'first'],
      ['2', 'ambiguous', '2', '0x64', 'second'],
    ]);
  });

  it('neutralises evidence that looks like a formula but leaves numbers alone', () => {
    expect(col(rows[3]!, 'delta_seconds')).toBe('-2');
    expect(col(rows[3]!, 'subject')).toBe("'-1 day");
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
    const line = '  not in history: UID 5 from pop.example.com (attributed by account-name): /Inbox [0x64] "expired" created 2020-01-02T03:00:00Z';
    expect(out).toContain(line);
    expect(out.indexOf(line)).toBeGreaterThan(out.indexOf('│ two'));
  });

  it('starts with the tool and how the report was made', () => {
    expect(renderTable(report).split('\n')[0]).toBe("pophist test (correlation on, window 2 s: a PST or OST's tags against its messages; a .msg or blob has no messages to compare)");
    const selected = { ...report, options: { correlate: false as const, selections: { smtp: 'a@example.com' } }, generated: '2026-01-02T03:04:05Z' };
    expect(renderTable(selected).split('\n')[0]).toBe('pophist test (correlation off; selections: smtp "a@example.com"; generated 2026-01-02T03:04:05Z)');
  });

  it('lists a screenful of unexplained messages per history and sums up the rest by folder and creation time', () => {
    const at = (i: number): string => new Date(Date.UTC(2020, 0, 2) + i * 60_000).toISOString().replace('.000Z', 'Z');
    const many: Candidate[] = Array.from({ length: SCREENFUL + 2500 }, (_, i) => ({ folder: i % 2 ? '/Inbox' : '/Sent Items', nid: `0x${(i * 32 + 36).toString(16)}`, subject: `m${i}`, created: at(i) }));
    const withMany: Report = { ...report, sources: [{ ...report.sources[0]!, histories: [{ ...report.sources[0]!.histories[0]!, unexplained: many }] }] };
    const out = renderTable(withMany);
    expect(out.match(/^ {2}unexplained: /gm)).toHaveLength(SCREENFUL);
    expect(out).toContain(`"m${SCREENFUL - 1}"`);
    expect(out).not.toContain(`"m${SCREENFUL}"`);
    const last = SCREENFUL + 2499;
    expect(out).toContain(
      `… 2500 more unexplained messages, by folder: /Inbox: 1250 created ${at(SCREENFUL + 1)} to ${at(last)}; /Sent Items: 1250 created ${at(SCREENFUL)} to ${at(last - 1)}; --csv, --ndjson or --json list all ${SCREENFUL + 2500}`,
    );
  });

  it('lists a screenful of UIDs not in the history and sums up the rest, every message counted', () => {
    const gone = Array.from({ length: SCREENFUL + 3 }, (_, i) => ({
      uid: `u${i}`,
      server: 'pop.example.com',
      attributedBy: 'server' as const,
      messages: Array.from({ length: i === SCREENFUL ? 2 : 1 }, (_, k) => ({ folder: k ? '/Deleted Items' : '/Inbox', nid: `0x${(i * 64 + k * 32 + 36).toString(16)}`, subject: `n${i}`, created: '2021-05-06T07:08:09Z' })),
    }));
    const out = renderTable({ ...report, sources: [{ ...report.sources[0]!, histories: [{ ...report.sources[0]!.histories[0]!, notInHistory: gone }] }] });
    expect(out.match(/^ {2}not in history: /gm)).toHaveLength(SCREENFUL);
    expect(out).toContain(`… 3 more UIDs not in the history, their messages by folder: /Deleted Items: 1 created 2021-05-06T07:08:09Z; /Inbox: 3 created 2021-05-06T07:08:09Z; --csv, --ndjson or --json list all ${SCREENFUL + 3}`);
  });
});
