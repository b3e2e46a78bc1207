// The POP3 history blob codec, on bytes built as the format documentation describes them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBlob, type Content, type Operation, type TagInput } from '../../src/analysis/history/blob.js';
import { decodeBlob } from '../../src/analysis/history/decode-blob.js';
import { decodeUid, encodeUid } from '../../src/analysis/history/uid-escape.js';
import { anyCodePoint } from '../support/arbitraries.js';
import { blob, docsExample, enc } from '../support/blobs.js';


describe('the documentation example', () => {
  const d = decodeBlob(docsExample());

  it('starts 03 00 17 00 and holds 23 tags', () => {
    expect([...docsExample().subarray(0, 4)]).toEqual([0x03, 0x00, 0x17, 0x00]);
    expect(d.version).toBe(3);
    expect(d.declaredCount).toBe(23);
    expect(d.entries).toHaveLength(23);
    expect(d.anomalies).toEqual([]);
    expect(d.trailer).toBeUndefined();
  });

  it('decodes tag 1 as the documentation says', () => {
    expect(d.entries[0]).toEqual({
      index: 0,
      offset: 4,
      tag: '+b201209061311380BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
      operation: 'downloaded',
      content: 'body',
      time: '2012-09-06T13:11:38Z',
      timeRaw: '20120906131138',
      uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74',
      encodedUid: '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74',
    });
  });

  it('gives every tag its byte offset', () => {
    let o = 4;
    for (const e of d.entries) {
      expect(e.offset).toBe(o);
      o += Buffer.byteLength(e.tag) + 1;
    }
    expect(o).toBe(docsExample().length);
  });

  it('maps the three operations and contents', () => {
    expect(d.entries.slice(0, 3).map((e) => [e.operation, e.content])).toEqual([
      ['downloaded', 'body'],
      ['deleted', 'header'],
      ['downloaded-and-deleted', 'none'],
    ]);
  });
});

describe('the Outlook 2016 shape', () => {
  it('decodes 4 one-character UIDs and reports the 8 trailing bytes as info, not a warning', () => {
    const b = blob(3, 4, '+b20200102030405a', '+b20200102030406b', '-b20200102030407c', '&h20200102030408d', [0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44]);
    const d = decodeBlob(b);
    expect(d.entries.map((e) => e.uid)).toEqual(['a', 'b', 'c', 'd']);
    expect(d.trailer).toBe('0000000011223344');
    expect(d.anomalies).toEqual([{ code: 'TRAILER', severity: 'info', message: expect.any(String), offset: b.length - 8 }]);
  });
});

describe('anomalies: each reported with its offset, and later tags still decoded', () => {
  const good = '+b20200102030405zz';
  const cases: { name: string; tag: string | number[]; code: string; severity: string; at: (o: number) => number; keeps?: boolean }[] = [
    { name: 'a tag shorter than 16 characters', tag: '+b2020', code: 'SHORT_TAG', severity: 'error', at: (o) => o },
    { name: 'an unknown operation', tag: '*b20200102030405x', code: 'BAD_OPERATION', severity: 'error', at: (o) => o },
    { name: 'an unknown content', tag: '+x20200102030405x', code: 'BAD_CONTENT', severity: 'error', at: (o) => o + 1 },
    { name: 'month 13', tag: '+b20201302030405x', code: 'BAD_DATE', severity: 'error', at: (o) => o + 2 },
    { name: 'February 30', tag: '+b20200230030405x', code: 'BAD_DATE', severity: 'error', at: (o) => o + 2 },
    { name: 'hour 24', tag: '+b20200102240405x', code: 'BAD_DATE', severity: 'error', at: (o) => o + 2 },
    { name: 'a non-digit in the date', tag: '+b2020010203040Xx', code: 'BAD_DATE', severity: 'error', at: (o) => o + 2 },
    { name: 'a malformed $ escape', tag: '+b20200102030405ab$zq', code: 'BAD_ESCAPE', severity: 'warning', at: (o) => o + 16 + 2, keeps: true },
    { name: 'a $ at the end', tag: '+b20200102030405ab$2', code: 'BAD_ESCAPE', severity: 'warning', at: (o) => o + 16 + 2, keeps: true },
    // é is two bytes: the offset counts bytes, not characters.
    { name: 'a malformed $ escape after a non-ASCII character', tag: '+b20200102030405é$zq', code: 'BAD_ESCAPE', severity: 'warning', at: (o) => o + 16 + 2, keeps: true },
    { name: 'invalid UTF-8 in the tag', tag: [...enc('+b20200102030405ab'), 0xff, 0xfe, 0], code: 'INVALID_UTF8', severity: 'warning', at: (o) => o, keeps: true },
    { name: 'invalid UTF-8 once unescaped', tag: '+b20200102030405$ff$fe', code: 'INVALID_UTF8', severity: 'warning', at: (o) => o + 16, keeps: true },
  ];

  it.each(cases)('$name', ({ tag, code, severity, at, keeps }) => {
    const b = blob(3, 3, good, tag, good);
    const d = decodeBlob(b);
    const offset = 4 + enc(good).length + 1;
    // A tag that is kept is an entry: its anomaly names it.
    expect(d.anomalies).toContainEqual({ code, severity, message: expect.any(String), offset: at(offset), ...(keeps ? { entry: 1 } : {}) });
    expect(d.entries.map((e) => e.index)).toEqual(keeps ? [0, 1, 2] : [0, 2]);
    expect(d.entries[d.entries.length - 1]).toMatchObject({ uid: 'zz', index: 2, offset: b.length - enc(good).length - 1 });
  });

  it('keeps the hex of a tag that is not UTF-8', () => {
    const d = decodeBlob(blob(3, 1, [...enc('+b20200102030405ab'), 0xff]));
    expect(d.entries[0]!.tagHex).toBe(Buffer.from([...enc('+b20200102030405ab'), 0xff]).toString('hex'));
  });

  it('reports a tag that is not UTF-8 once, not again for its UID', () => {
    const d = decodeBlob(blob(3, 1, [...enc('+b20200102030405ab'), 0xff, 0]));
    expect(d.anomalies.map((a) => [a.code, a.offset])).toEqual([['INVALID_UTF8', 4]]);
    expect(d.entries[0]).toMatchObject({ uidHex: '6162ff', encodedUid: 'ab\ufffd' });
  });

  it('keeps the hex of a UID that is not UTF-8 once unescaped', () => {
    const d = decodeBlob(blob(3, 1, '+b20200102030405$ff'));
    expect(d.entries[0]).toMatchObject({ uidHex: 'ff', encodedUid: '$ff' });
  });

  it('version other than 3: a warning at offset 0, tags still decoded', () => {
    const d = decodeBlob(blob(2, 1, good));
    expect(d.version).toBe(2);
    expect(d.anomalies).toEqual([{ code: 'BAD_VERSION', severity: 'warning', message: expect.any(String), offset: 0 }]);
    expect(d.entries).toHaveLength(1);
  });

  it('a count larger than the tags present', () => {
    const d = decodeBlob(blob(3, 5, good, good));
    expect(d.entries).toHaveLength(2);
    expect(d.anomalies).toEqual([{ code: 'COUNT_MISMATCH', severity: 'warning', message: 'blob declares 5 tags but holds 2', offset: 2 }]);
  });

  it('65,535 declared tags with none present ends at once', () => {
    const d = decodeBlob(blob(3, 65535));
    expect(d.entries).toEqual([]);
    expect(d.anomalies.map((a) => a.code)).toEqual(['COUNT_MISMATCH']);
  });

  it('tags after the declared count are decoded as extra tags', () => {
    const d = decodeBlob(blob(3, 1, good, good));
    expect(d.entries).toHaveLength(2);
    expect(d.anomalies.map((a) => [a.code, a.offset])).toEqual([['EXTRA_TAGS', 2]]);
  });

  it('bytes after the tags that are not the Outlook 2016 trailer are a warning', () => {
    const b = blob(3, 1, good, [1, 2, 3]);
    const d = decodeBlob(b);
    expect(d.trailer).toBe('010203');
    expect(d.anomalies).toEqual([{ code: 'TRAILER', severity: 'warning', message: expect.any(String), offset: b.length - 3 }]);
  });

  it('a last tag without its NUL', () => {
    const b = Uint8Array.from([3, 0, 2, 0, ...enc(good), 0, ...enc(good)]);
    const d = decodeBlob(b);
    expect(d.entries).toHaveLength(2);
    expect(d.anomalies).toEqual([{ code: 'MISSING_NUL', severity: 'warning', message: expect.any(String), offset: b.length }]);
  });

  it('a blob shorter than its header', () => {
    expect(decodeBlob(Uint8Array.from([3])).anomalies.map((a) => a.code)).toEqual(['TOO_SHORT']);
    expect(decodeBlob(new Uint8Array(0)).entries).toEqual([]);
  });

  it('an empty UID is kept with a warning', () => {
    const d = decodeBlob(blob(3, 1, '+b20200102030405'));
    expect(d.entries[0]!.uid).toBe('');
    expect(d.anomalies.map((a) => a.code)).toEqual(['EMPTY_UID']);
  });
});

describe('UID escaping', () => {
  it('escapes every non-alphanumeric byte, lower-case hex', () => {
    expect(encodeUid('0BC535DB-EA63')).toBe('0BC535DB$2dEA63');
    expect(encodeUid('a.b@c_d é')).toBe('a$2eb$40c$5fd$20$c3$a9');
  });
  it('accepts either case of hex', () => {
    expect(decodeUid(Buffer.from('a$2Eb$2e')).uid).toBe('a.b.');
  });
  it('decodes a range of a larger array and reports bad escapes by their offset in it', () => {
    const bytes = Buffer.from('xx0BC535DB$2dEA63$g1yy');
    expect(decodeUid(bytes, 2, bytes.length - 2)).toEqual({ uid: '0BC535DB-EA63$g1', badEscapes: [17] });
  });
  it('round-trips any Unicode string and writes only letters, digits and $', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyCodePoint }), (uid) => {
        const encoded = encodeUid(uid);
        expect(encoded).toMatch(/^(?:[0-9A-Za-z]|\$[0-9a-f]{2})*$/);
        expect(decodeUid(Buffer.from(encoded)).uid).toBe(uid);
      }),
      { numRuns: 1000 },
    );
  });
});

const arbEntry: fc.Arbitrary<TagInput> = fc.record({
  operation: fc.constantFrom<Operation>('downloaded', 'deleted', 'downloaded-and-deleted'),
  content: fc.constantFrom<Content>('none', 'header', 'body'),
  time: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 19)}Z`),
  uid: fc.string({ unit: anyCodePoint, minLength: 1, maxLength: 40 }),
});

describe('properties', () => {
  it('decode(encode(x)) gives back x for any entries', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 30 }), (entries) => {
        const d = decodeBlob(encodeBlob(entries));
        expect(d.anomalies).toEqual([]);
        expect(d.entries.map(({ operation, content, time, uid }) => ({ operation, content, time, uid }))).toEqual(entries);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes, and every offset lies inside the blob', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const d = decodeBlob(bytes);
        for (const a of d.anomalies) expect(a.offset).toBeLessThanOrEqual(bytes.length);
        for (const e of d.entries) expect(e.offset).toBeLessThan(bytes.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on blobs with a plausible header and mutated tags', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 5 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }), (entries, flips) => {
        const b = encodeBlob(entries);
        for (const [i, v] of flips) if (b.length > 4) b[4 + (i % (b.length - 4))] = v;
        decodeBlob(b);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('size', () => {
  it('decodes a 65,535-tag blob completely', () => {
    const entries: TagInput[] = Array.from({ length: 65535 }, (_, i) => ({
      operation: 'downloaded',
      content: 'body',
      time: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z'),
      uid: `UID-${i}.${i % 7}@example`,
    }));
    const b = encodeBlob(entries);
    // Its speed is the benchmark's (npm run bench, decodeBlob of 65,535 tags), not a timed test's.
    const d = decodeBlob(b);
    expect(d.declaredCount).toBe(65535);
    expect(d.entries).toHaveLength(65535);
    expect(d.anomalies).toEqual([]);
    expect(d.entries[65534]).toMatchObject({ uid: 'UID-65534.0@example', time: '2020-01-01T18:12:14Z' });
  });
});
