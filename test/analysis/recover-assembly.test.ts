// Recovery's assembly (analysis/recover/surviving-tags.ts, assemble.ts; docs/format.md §5) on
// plain inputs: which tags of a partly reused blob provably survive, and what is reported of a
// recovered history and attachment beside the live histories.

import { describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { decodeBlob } from '../../src/analysis/history/decode-blob.js';
import type { AttachmentFinding, HistoryFinding } from '../../src/analysis/locate/match-managers.js';
import { recoveredAttachment, recoveredHistory, sameAccount } from '../../src/analysis/recover/assemble.js';
import { survivingTags } from '../../src/analysis/recover/surviving-tags.js';
import type { RecoveredLocationFinding } from '../../src/analysis/recover/types.js';

const tags: TagInput[] = [
  { operation: 'downloaded', content: 'body', time: '2020-01-02T03:04:05Z', uid: 'first' },
  { operation: 'downloaded', content: 'body', time: '2020-01-02T03:05:00Z', uid: 'second' },
  { operation: 'deleted', content: 'none', time: '2020-01-03T00:00:00Z', uid: 'third' },
];
const data = encodeBlob(tags);
// Each tag is 16 + its UID + a NUL; they start at byte 4.
const at = [4, 4 + 16 + 5 + 1, 4 + 16 + 5 + 1 + 16 + 6 + 1];

describe('survivingTags', () => {
  it('decodes the whole blob when nothing was reused', () => {
    expect(survivingTags(data, [])).toEqual(decodeBlob(data));
  });

  it('keeps the tags before the first reused byte, and after it only a tag between two surviving NULs', () => {
    const d = survivingTags(data, [{ from: at[1]! + 3, to: at[1]! + 8, by: 'live block 0x1a4' }]);
    expect(d.entries.map((e) => [e.index, e.uid, e.offset])).toEqual([
      [0, 'first', at[0]],
      [1, 'third', at[2]],
    ]);
    expect(d.version).toBe(3);
    expect(d.anomalies).toEqual([]);
  });

  it('loses a tag whose NUL before it was reused (its start is not known), and the header with its first bytes', () => {
    const d = survivingTags(data, [{ from: 0, to: at[2]!, by: 'a page' }]);
    expect(d.entries).toEqual([]);
    expect(d.version).toBeUndefined();
    expect(d.declaredCount).toBeUndefined();
    // With the NUL before it intact, the last tag is bounded on both sides and survives.
    expect(survivingTags(data, [{ from: 0, to: at[2]! - 1, by: 'a page' }]).entries.map((e) => [e.index, e.uid])).toEqual([[0, 'third']]);
  });
});

const location: RecoveredLocationFinding = { offset: 0x4600, bid: '0x1a8', allocation: 'free', freeBy: 'amap', validation: ['trailer-crc', 'heap-signature'] };
const finding = (over: Partial<AttachmentFinding> = {}): AttachmentFinding => ({
  candidate: { index: 0, filename: 'Blobda8ea945', longFilename: 'BlobPOPAlice@example.com' },
  role: 'history',
  rule: 'long-filename',
  smtp: 'Alice@example.com',
  accountUid: 'da8ea945',
  ...over,
});
const liveHistory = (uids: string[], over: Partial<HistoryFinding> = {}): HistoryFinding => ({
  manager: 0,
  attachment: 0,
  role: 'history',
  account: { smtp: 'alice@example.com', uid: 'da8ea945' },
  blob: decodeBlob(encodeBlob(uids.map((uid) => ({ ...tags[0]!, uid })))),
  ...over,
});

describe('recoveredHistory', () => {
  it('compares a whole older history with the live one of the same account: the UIDs only it holds, with their seconds', () => {
    const h = recoveredHistory(finding(), { data, lost: [], damaged: false }, location, [liveHistory(['x'], { account: { smtp: 'bob@example.com' } }), liveHistory(['second'])], 2);
    expect(h).toMatchObject({ manager: 2, attachment: 'BlobPOPAlice@example.com', role: 'history', status: 'whole', location });
    expect(h.span).toEqual({ first: '2020-01-02T03:04:05Z', last: '2020-01-03T00:00:00Z' });
    expect(h.live).toEqual({
      history: 1,
      olderOnly: [
        { uid: 'first', operation: 'downloaded', time: '2020-01-02T03:04:05Z', second: Date.parse('2020-01-02T03:04:05Z') / 1000 },
        { uid: 'third', operation: 'deleted', time: '2020-01-03T00:00:00Z', second: Date.parse('2020-01-03T00:00:00Z') / 1000 },
      ],
    });
  });

  it('is partial with reused bytes, damaged (no tag, no span) when bytes changed where nothing says which', () => {
    const lost = [{ from: at[1]! + 3, to: at[1]! + 8, by: 'live block 0x1a4' }];
    expect(recoveredHistory(finding(), { data, lost, damaged: false }, location, []).status).toBe('partial');
    const damaged = recoveredHistory(finding(), { data, lost: [], damaged: true }, location, [liveHistory(['x'])]);
    expect(damaged).toMatchObject({ status: 'damaged', blob: { entries: [] } });
    expect(damaged.span).toBeUndefined();
    expect(damaged.live).toEqual({ history: 0, olderOnly: [] });
  });

  it('compares a Restags blob only with a live Restags blob, and an account without an address by its mini UID', () => {
    const restags = recoveredHistory(finding({ role: 'restags' }), { data, lost: [], damaged: false }, location, [liveHistory([])]);
    expect(restags.role).toBe('restags');
    expect(restags.live).toBeUndefined();
    expect(sameAccount({ smtp: 'A@x' }, { smtp: 'a@X', uid: '1' })).toBe(true);
    expect(sameAccount({ uid: 'da8ea945' }, { smtp: 'a@x', uid: 'da8ea945' })).toBe(true);
    expect(sameAccount({ smtp: 'a@x', uid: 'da8ea945' }, { smtp: 'b@x', uid: 'da8ea945' })).toBe(false);
    expect(sameAccount({}, {})).toBe(false);
  });
});

describe('recoveredAttachment', () => {
  it('counts the bytes that survive, and says whether any data does', () => {
    expect(recoveredAttachment(finding(), { data, lost: [{ from: 10, to: 14, by: 'x' }], damaged: false })).toMatchObject({ size: data.length - 4, dataSurvives: true, smtp: 'Alice@example.com' });
    expect(recoveredAttachment(finding(), { data, lost: [], damaged: true })).toMatchObject({ size: undefined, dataSurvives: false });
    expect(recoveredAttachment(finding(), undefined)).toMatchObject({ size: undefined, dataSurvives: false, role: 'history' });
  });
});
