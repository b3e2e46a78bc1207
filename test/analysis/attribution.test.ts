// Downloads without an account name: attributed to a history by the server its own matches came
// from, or as the store's only history, and said so (`attributedBy`); what no rule attributes is a
// store-level finding (`unattributed`), never dropped; a store with downloads and no history lists
// them by server. Real bytes: stores our writer made (samples and variants written here).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectEvidence } from '../../src/analysis/evidence/inspect-evidence.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { toSource } from '../../src/report/build.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderTable } from '../../src/report/table.js';
import { renderReport } from '../../src/report/sink.js';
import { timelineRenderer } from '../../src/report/timeline.js';
import { REPORT_SCHEMA, type Report, type Source } from '../../src/report/types.js';
import { writeSample } from '../../tools/samples/build.js';
import { ANONYMOUS_SERVER } from '../../tools/samples/spec-origins.js';
import type { SampleSpec } from '../../tools/samples/spec.js';
import { samplePath, spec } from '../support/samples.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { settled } from '../support/settled.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-attribution-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ipm = '/Top of Personal Folders';
const source = (path: string): Source => settled(toSource(inspectEvidence(path)));
const report = (s: Source): Report => ({ schema: REPORT_SCHEMA, tool: { name: 'pophist', version: 'test' }, options: { correlate: true, window: 2 }, sources: [s] });
/** The sample's spec, changed, written here (each variant in turn under the sample's name). */
const variant = (change: (s: SampleSpec) => SampleSpec): string => writeSample(change(structuredClone(spec('pop3-no-account.pst'))), tmp);
const uids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, k) => `UID${String(from + k).padStart(4, '0')}`);

describe('pop3-no-account.pst: shaped like the real pt-BR store', () => {
  const s = source(samplePath('pop3-no-account.pst'));
  const h = s.histories.find((x) => x.role === 'history')!;

  it('names the account by its mini UID only, and matches the 5 tags by remote id without an account name', () => {
    expect(s.managers[0]!.attachments.map((a) => [a.filename, a.longFilename, a.role])).toEqual([
      ['Blob00000003', undefined, 'history'],
      ['Restags00000003', undefined, 'restags'],
    ]);
    expect(h.account).toEqual({ uid: '00000003', servers: [ANONYMOUS_SERVER] });
    expect(h.summary).toEqual({ downloads: 5, matched: 5, ambiguous: 0, notInStore: 0, inconsistent: 0, deleteOnly: 0 });
    for (const e of h.entries) expect(e.correlation).toMatchObject({ status: 'matched', rule: 'remote-uid', evidence: ['PidLidRemoteEntryId', 'PR_CREATION_TIME', 'PR_MESSAGE_DELIVERY_TIME'] });
  });

  it('reports every other download in notInHistory, attributedBy server; nothing is left unattributed', () => {
    const n = [...(h.notInHistory ?? [])];
    expect(n.map((x) => x.uid)).toEqual(uids(1, 36));
    expect(new Set(n.map((x) => x.attributedBy))).toEqual(new Set(['server']));
    expect(new Set(n.map((x) => x.server))).toEqual(new Set([ANONYMOUS_SERVER]));
    expect(n.find((x) => x.uid === 'UID0003')!.messages.map((m) => m.folder)).toEqual([`${ipm}/Deleted Items`]);
    expect(s.unattributed).toBeUndefined();
    expect(validateReport(report(s)), schemaErrors(validateReport)).toBe(true);
  });

  it('says the rule in the table, the CSV and the timeline', () => {
    expect(renderTable(report(s))).toContain(`  not in history: UID UID0001 from ${ANONYMOUS_SERVER} (attributed by server): ${ipm}/Caixa de Entrada `);
    expect(renderCsv(report(s)).split('\r\n').filter((l) => l.startsWith('not-in-history,') && l.endsWith(`,${ANONYMOUS_SERVER},2024-05-01T09:00:30Z,server,,`))).toHaveLength(1);
    expect(renderReport(report(s), timelineRenderer('timesketch-jsonl'))).toContain('downloaded by account 00000003 (attributed by server), but the history no longer lists the UID');
  });
});

describe('the other rules, on variants of that store', () => {
  it('only-history: the one history matched by creation time (its messages carry no origin) takes the anonymous downloads', () => {
    const s = source(variant((x) => ({ ...x, pop3Server: undefined })));
    const h = s.histories.find((x) => x.role === 'history')!;
    expect(h.entries.every((e) => e.correlation?.rule === 'creation-time')).toBe(true);
    expect([...h.notInHistory!].map((x) => [x.uid, x.attributedBy])).toEqual(uids(1, 36).map((u) => [u, 'only-history']));
    expect(s.unattributed).toBeUndefined();
  });

  it('account-stamp: a download naming the account in its stamp only', () => {
    const s = source(
      variant((x) => ({
        ...x,
        manager: { ...x.manager!, accounts: [{ ...x.manager!.accounts[0]!, naming: 'outlook2016' }] },
        otherMessages: [{ folder: 'Caixa de Entrada', subject: 'Stamped', created: '2024-04-01T08:00:00Z', origin: { server: ANONYMOUS_SERVER, uid: 'S-1', account: 'contato@example.com.br', stampOnly: true } }],
      })),
    );
    expect([...s.histories[0]!.notInHistory!].map((x) => [x.uid, x.attributedBy])).toEqual([['S-1', 'account-stamp']]);
  });

  it('a message naming another account on the same server contradicts the server rule: every anonymous download is then unattributed, never dropped', () => {
    const s = source(
      variant((x) => ({
        ...x,
        otherMessages: [...x.otherMessages, { folder: 'Caixa de Entrada', subject: 'Other account', created: '2024-04-01T08:00:00Z', origin: { server: ANONYMOUS_SERVER, uid: 'X-1', account: 'outro@example.net' } }],
      })),
    );
    expect(s.histories[0]!.notInHistory).toEqual([]);
    expect(s.unattributed).toEqual([
      expect.objectContaining({ server: ANONYMOUS_SERVER, messages: 37, uids: ['X-1', ...uids(1, 36)], firstDelivered: '2024-04-01T07:59:30Z', lastDelivered: '2024-06-05T09:35:30Z' }),
    ]);
  });
});

describe('pop3-no-history.pst: downloads and no history', () => {
  const s = source(samplePath('pop3-no-history.pst'));

  it('stays no-history, and lists the downloads by server: count, UIDs, first and last delivery, folders', () => {
    expect(s.status).toBe('no-history');
    expect(s.managers).toEqual([]);
    expect(s.unattributed).toEqual([
      { server: 'pop.example.com', messages: 4, uids: ['a-1', 'a-2', 'a-3'], firstDelivered: '2024-06-03T07:59:30Z', lastDelivered: '2024-06-04T09:59:30Z', folders: [`${ipm}/Inbox`, `${ipm}/Inbox/Archive`] },
      { server: 'pop.other.example', messages: 1, uids: ['0M0C9Q$2d1'], firstDelivered: '2024-06-05T10:59:30Z', lastDelivered: '2024-06-05T10:59:30Z', folders: [`${ipm}/Inbox`] },
    ]);
    expect(validateReport(report(s)), schemaErrors(validateReport)).toBe(true);
  });

  it('says "5 POP3 downloads, no history" and carries the servers into CSV and timelines', () => {
    expect(renderTable(report(s))).toContain('(pst, unicode, encryption permute)  5 POP3 downloads, no history');
    expect(renderCsv(report(s))).toContain(',pop.example.com,2024-06-04T09:59:30Z,,,\r\n');
    const events = renderReport(report(s), timelineRenderer('timesketch-jsonl')).trim().split('\n').map((l) => JSON.parse(l) as { event_kind: string });
    expect(events.map((e) => e.event_kind).sort()).toEqual(['unattributed-first-delivered', 'unattributed-first-delivered', 'unattributed-last-delivered', 'unattributed-last-delivered']);
  });

  it('without correlation, the messages are not read and nothing is claimed', () => {
    const off = toSource(inspectEvidence(samplePath('pop3-no-history.pst'), resolveOptions({ correlate: false })));
    expect(off.unattributed).toBeUndefined();
    expect(off.status).toBe('no-history');
  });
});
