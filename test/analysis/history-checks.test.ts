// The checks inside one history (issue 25), on blobs made by our encoder: each break of Outlook's
// habits is a finding on the entry it concerns, and a history Outlook could have written has none.

import { describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { checkAgainstLastWrite } from '../../src/analysis/history/checks.js';
import { decodeBlob } from '../../src/analysis/history/decode-blob.js';
import { compareWithLive } from '../../src/analysis/recover/compare-live.js';

const tag = (uid: string, time: string, operation: TagInput['operation'] = 'downloaded', content: TagInput['content'] = 'body'): TagInput => ({ operation, content, time: `2024-01-01T${time}Z`, uid });
const codes = (blob: ReturnType<typeof decodeBlob>): [number, string][] => [...blob.findings].flatMap(([i, fs]) => fs.map((f) => [i, f.code] as [number, string]));

describe('checks inside the history', () => {
  it('a history Outlook could have written (downloads in time order, a later delete, the same second twice) has no finding', () => {
    const d = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '08:00:00'), tag('c', '08:01:00', 'downloaded-and-deleted'), tag('a', '09:00:00', 'deleted')]));
    expect(codes(d)).toEqual([]);
  });

  it('names the entry, the other entry and the delta of each break', () => {
    const d = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '08:05:00'), tag('c', '08:01:00'), tag('b', '08:06:00'), tag('d', '08:10:00', 'deleted'), tag('d', '08:20:00')]));
    expect(codes(d)).toEqual([
      [2, 'time-goes-backwards'],
      [3, 'duplicate-uid'],
      [4, 'operations-out-of-order'],
    ]);
    expect(d.findings.get(2)![0]).toMatchObject({ otherEntry: 1, deltaSeconds: -240, offset: d.entries[2]!.offset, severity: 'warning' });
    expect(d.findings.get(3)![0]).toMatchObject({ code: 'duplicate-uid', otherEntry: 1, deltaSeconds: 60 });
    expect(d.findings.get(4)![0]).toMatchObject({ code: 'operations-out-of-order', otherEntry: 5, deltaSeconds: -600 });
  });

  it('a tag dated after the Message Manager was last written', () => {
    const d = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '08:00:10')]));
    checkAgainstLastWrite(d.entries, new Date('2024-01-01T08:00:05.900Z'), d.findings);
    expect(codes(d)).toEqual([[1, 'time-after-last-write']]);
    expect(d.findings.get(1)![0]).toMatchObject({ deltaSeconds: 5, detail: expect.stringContaining('(2024-01-01T08:00:05Z)') });
  });

  it('anomalies of a kept tag name its entry; a skipped tag names none', () => {
    const bytes = Buffer.concat([Buffer.from([3, 0, 2, 0]), Buffer.from('+b20240101080000a$zz\0+x20240101080000b\0', 'latin1')]);
    const d = decodeBlob(new Uint8Array(bytes));
    expect(d.anomalies.find((a) => a.code === 'BAD_ESCAPE')).toMatchObject({ entry: 0 });
    expect(d.anomalies.find((a) => a.code === 'BAD_CONTENT')!.entry).toBeUndefined();
  });
});

describe('against an older version (--recover)', () => {
  const where = { offset: 4096, bid: '0x24', allocation: 'free' as const, validation: ['trailer-crc' as const] };

  it('the same tags, or more in the live one, are no finding; a UID only the older one holds is listed', () => {
    const live = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '08:01:00')]));
    const older = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('gone', '07:00:00')]));
    expect(compareWithLive(older, live, where).map((o) => o.uid)).toEqual(['gone']);
    expect(codes(live)).toEqual([]);
  });

  it('a UID with another time or operation is history-rewritten on the live entry, naming both versions', () => {
    const live = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '08:01:00')]));
    const older = decodeBlob(encodeBlob([tag('a', '08:00:00'), tag('b', '07:01:00'), tag('a', '08:00:00', 'downloaded-and-deleted')]));
    compareWithLive(older, live, where);
    // In the older version's order: b's other time, then a's other operation.
    expect(codes(live)).toEqual([
      [1, 'history-rewritten'],
      [0, 'history-rewritten'],
    ]);
    expect(live.findings.get(1)![0]).toMatchObject({ deltaSeconds: 3600, detail: expect.stringMatching(/offset 4096 \(block 0x24\) holds UID b as downloaded at 2024-01-01T07:01:00Z .*live history says downloaded at 2024-01-01T08:01:00Z/) });
  });
});
