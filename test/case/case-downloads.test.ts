// The case's compact index of an input's downloads (columns, not an object per message) gives back
// every message as the analysis read it, and the numbering of messages across inputs finds each one
// in its input: on the sample case's stores and .msg, and on hand-made rows with every field absent.

import { describe, expect, it } from 'vitest';
import { inspectEvidence, resolveOptions } from '../../src/analysis/index.js';
import { caseDownloads, downloadAccount, downloadMessage, downloadServer, downloadUid, SharedText, type CaseDownload, type CaseDownloads } from '../../src/analysis/case/downloads.js';
import { caseInput } from '../../src/analysis/case/case-input.js';
import { CasePlaces } from '../../src/analysis/case/places.js';
import { isoDate } from '../../src/analysis/iso-time.js';
import { samplePath } from '../support/samples.js';

const options = resolveOptions({ correlate: true, origins: true });

/** The message as the case reported it before it kept columns: every member in the same order. */
function expected(d: CaseDownload): object {
  const m = d.message;
  const out: Record<string, string | undefined> = m.location !== undefined ? { location: m.location } : { folder: m.folder, nid: m.nid };
  if (m.subject !== undefined) out.subject = m.subject;
  if (isoDate(m.created) !== undefined) out.created = isoDate(m.created);
  if (isoDate(m.delivered) !== undefined) out.delivered = isoDate(m.delivered);
  return out;
}

describe('an input’s downloads in columns', () => {
  it('give back each message of a real store as its origins list it, members in order', () => {
    const found = inspectEvidence(samplePath('case/unicode/mailbox-day5.pst'), options);
    if (found.type !== 'store') throw new Error('not a store');
    const origins = [...found.inspection.origins!];
    const d = caseInput(found, 'history-found').downloads;
    expect(origins.length).toBeGreaterThan(3);
    expect(d.count).toBe(origins.length);
    origins.forEach((o, i) => {
      expect([downloadServer(d, i), downloadUid(d, i), downloadAccount(d, i)]).toEqual([o.server, o.uid, o.account]);
      expect(JSON.stringify(downloadMessage(d, i))).toBe(JSON.stringify(expected(o)));
    });
  });

  it('give back a .msg export’s message by its location, with its account from the stamp in lower case', () => {
    const found = inspectEvidence(samplePath('case/unicode/h-008.msg'), options);
    const d = caseInput(found, 'no-history').downloads;
    expect(d.count).toBe(1);
    expect(downloadMessage(d, 0)).toEqual({ location: 'top', subject: 'POP3 message h-008', created: '2024-05-04T08:00:00Z', delivered: '2024-05-04T07:59:30Z' });
  });

  it('keep absent fields absent, times to the millisecond, and text beyond Latin-1', () => {
    const rows: CaseDownload[] = [
      { server: 'pop.x', uid: 'ü-1', message: { folder: '/Inbox', nid: '0x200024', subject: 'Привет', created: new Date('2024-01-02T03:04:05.678Z') } },
      { server: 'pop.y', uid: '', account: 'a@x', message: { location: 'embedded 0', subject: '' } },
      { server: 'pop.x', uid: 'u3', message: { created: new Date(NaN) } },
    ];
    const d = caseDownloads(rows);
    rows.forEach((r, i) => expect(JSON.stringify(downloadMessage(d, i))).toBe(JSON.stringify(expected(r))));
    expect(rows.map((_, i) => [downloadServer(d, i), downloadUid(d, i), downloadAccount(d, i)])).toEqual([
      ['pop.x', 'ü-1', undefined],
      ['pop.y', '', 'a@x'],
      ['pop.x', 'u3', undefined],
    ]);
    expect(d.servers).toEqual(['pop.x', 'pop.y']);
  });
});

describe('the text of the case’s inputs shared', () => {
  const rows = (d: CaseDownloads): string[] => Array.from({ length: d.count }, (_, i) => JSON.stringify([downloadUid(d, i), downloadMessage(d, i)]));

  it('reads every cell as before, each UID, NID and subject of two snapshots kept once', () => {
    const day = (n: number): CaseDownloads => {
      const found = inspectEvidence(samplePath(`case/unicode/mailbox-day${n}.pst`), options);
      return caseInput(found, 'history-found').downloads;
    };
    const [a, b] = [day(4), day(5)];
    const before = [rows(a), rows(b)];
    const text = new SharedText();
    text.adopt({ downloads: a });
    text.adopt({ downloads: b });
    expect([rows(a), rows(b)]).toEqual(before);
    const pooled = (d: CaseDownloads) => (('pool' in d.uid ? d.uid : undefined)!);
    expect(pooled(a).pool).toBe(pooled(b).pool);
    // The two days share messages: fewer distinct UIDs than rows.
    expect(pooled(a).pool.size).toBeLessThan(a.count + b.count);
    expect(pooled(a).pool.size).toBe(new Set([...before[0]!, ...before[1]!].map((r) => (JSON.parse(r) as [string])[0])).size);
  });

  it('keeps text beyond Latin-1 and absent cells, and an input adopted twice reads the same', () => {
    const d = caseDownloads([
      { server: 'pop.x', uid: 'ü-1', message: { folder: '/Inbox', nid: '0x1', subject: 'Привет' } },
      { server: 'pop.x', uid: 'u2', message: { location: 'top' } },
    ]);
    const before = rows(d);
    const text = new SharedText();
    text.adopt({ downloads: d });
    text.adopt({ downloads: d });
    expect(rows(d)).toEqual(before);
  });
});

describe('the case’s messages numbered across inputs', () => {
  it('find each message in its input, inputs without downloads (or not analysed) taking no numbers', () => {
    const row = (uid: string, account?: string): CaseDownload => ({ server: 'pop.x', uid, ...(account ? { account } : {}), message: { folder: '/Inbox', nid: '0x1' } });
    const places = new CasePlaces([{ downloads: caseDownloads([row('a'), row('b', 'x@y')]) }, undefined, { downloads: caseDownloads([]) }, { downloads: caseDownloads([row('c')]) }]);
    expect(places.count).toBe(3);
    expect([0, 1, 2].map((p) => [places.input(p), places.uid(p), places.account(p)])).toEqual([
      [0, 'a', undefined],
      [0, 'b', 'x@y'],
      [3, 'c', undefined],
    ]);
    // The members in the order the report has always written them.
    expect(JSON.stringify(places.place(1))).toBe('{"input":0,"server":"pop.x","uid":"b","message":{"folder":"/Inbox","nid":"0x1"},"account":"x@y"}');
  });
});
