// The schema and the TypeScript contract describe the same report: a report that uses every field
// of src/report/types.ts validates, and renaming any one of its fields makes it invalid.

import { describe, expect, it } from 'vitest';
import { renderNdjson } from '../../src/report/ndjson.js';
import type { Report } from '../../src/report/types.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';

const candidate = {
  folder: '/Inbox',
  nid: '0x200024',
  subject: 'Hello',
  from: 'a@example.com',
  messageId: '<1@example.com>',
  created: '2012-09-06T13:11:38Z',
  delivered: '2012-09-06T13:11:30Z',
};

// Every field of the contract, each with a value of its type.
const full: Report = {
  schema: 'pophist/report@3',
  tool: { name: 'pophist', version: '0.1.0' },
  options: { correlate: true, window: 2, selections: { profileName: '', searchKey: '47656e6572616c204b657900', smtp: 'a@example.com', accountUid: 'da8ea945' } },
  generated: '2026-01-02T03:04:05.678Z',
  sources: [
    {
      path: '/evidence/a.pst',
      kind: 'pst',
      size: 271360,
      sha256: 'a'.repeat(64),
      format: { variant: 'unicode', encryption: 'permute' },
      status: 'history-found',
      error: { code: 'BAD_BLOCK', message: 'x', layer: 'ndb', id: '0x24', offset: 4096 },
      store: { displayName: 'Outlook', inbox: '/Inbox', inboxFoundBy: 'receive-folder-table' },
      managers: [
        {
          folder: '/Inbox',
          nid: '0x200024',
          messageClass: 'IPM.MessageManager',
          subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
          profileName: '',
          key: '47656e6572616c204b657900',
          keyText: 'General Key',
          conversationKey: '47656e6572616c204b657900',
          searchKey: '00112233',
          matchedBy: 'conversation-key',
          selected: true,
          created: '2012-01-01T00:00:00Z',
          modified: '2012-01-01T00:00:00Z',
          attachments: [
            {
              index: 0,
              filename: 'Blobda8ea945',
              longFilename: 'BlobPOPa@example.com',
              displayName: 'BlobPOPa@example.com',
              size: 64,
              role: 'history',
              rule: 'long-filename',
              accountUid: 'da8ea945',
              smtp: 'a@example.com',
              additionalInfo: '45a98eda',
              selected: true,
            },
          ],
        },
      ],
      histories: [
        {
          manager: 0,
          attachment: 0,
          role: 'history',
          account: { smtp: 'a@example.com', uid: 'da8ea945' },
          selected: true,
          version: 3,
          declaredCount: 1,
          entries: [
            {
              index: 0,
              uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
              encodedUid: '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
              uidHex: 'ff',
              operation: 'downloaded',
              content: 'body',
              time: '2012-09-06T13:11:38Z',
              timeRaw: '20120906131138',
              tag: '+b201209061311380BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
              tagHex: 'ff',
              offset: 4,
              correlation: { status: 'matched', rule: 'creation-time-near', evidence: ['PR_CREATION_TIME'], contradictions: [], deltaSeconds: -1, candidates: [candidate] },
            },
          ],
          trailer: '0000000011223344',
          anomalies: [{ code: 'TRAILER', severity: 'info', message: 'x', offset: 68 }],
          summary: { downloads: 1, matched: 1, ambiguous: 0, notInStore: 0 },
          unexplained: [candidate],
        },
      ],
      warnings: [{ code: 'CRC_MISMATCH', message: 'x', layer: 'ndb', id: '0x24', offset: 8192 }],
    },
  ],
};

/** Every object in `v` with its path, so that each one's keys can be renamed in turn. */
function objects(v: unknown, path = '$'): { path: string; obj: Record<string, unknown> }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => objects(x, `${path}[${i}]`));
  if (v === null || typeof v !== 'object') return [];
  const obj = v as Record<string, unknown>;
  return [{ path, obj }, ...Object.entries(obj).flatMap(([k, x]) => objects(x, `${path}.${k}`))];
}

describe('schema/report.schema.json', () => {
  it('accepts a report that uses every field of the contract', () => {
    expect(validateReport(full), schemaErrors(validateReport)).toBe(true);
  });

  it('rejects the report when any single field is renamed', () => {
    const accepted: string[] = [];
    for (const { path, obj } of objects(full)) {
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        delete obj[key];
        obj[`${key}X`] = value;
        if (validateReport(full)) accepted.push(`${path}.${key}`);
        delete obj[`${key}X`];
        obj[key] = value;
      }
    }
    expect(accepted).toEqual([]);
    expect(validateReport(full)).toBe(true);
  });

  it('rejects values outside the enumerations and malformed times', () => {
    const bad = structuredClone(full);
    bad.sources[0]!.histories[0]!.entries[0]!.time = '2012-09-06 13:11:38';
    expect(validateReport(bad)).toBe(false);
    const bad2 = JSON.parse(JSON.stringify(full)) as { sources: { kind: string }[] };
    bad2.sources[0]!.kind = 'eml';
    expect(validateReport(bad2)).toBe(false);
  });

  it('every --ndjson line of the full report validates as a line', () => {
    const lines = renderNdjson(full).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines.map((l) => (l as { type: string }).type)).toEqual(['report', 'source', 'entry', 'unexplained']);
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
  });
});
