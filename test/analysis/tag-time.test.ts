// Correlation takes a tag's time in seconds from its written digits by arithmetic (history/tag-time.ts),
// not by parsing the ISO form: both must give the same second for every date a tag can hold.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { decodeBlob } from '../../src/analysis/history/decode-blob.js';
import { tagSeconds } from '../../src/analysis/history/tag-time.js';

describe('tagSeconds', () => {
  it('is the second Date.parse gives for the decoded ISO time, for any year 1–9999', () => {
    const instant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (dates) => {
        const tags = dates.map((d, i) => ({ operation: 'downloaded' as const, content: 'body' as const, time: d.toISOString().replace(/\.\d{3}Z$/, 'Z'), uid: `u${i}` }));
        for (const e of decodeBlob(encodeBlob(tags)).entries) expect(tagSeconds(e.timeRaw)).toBe(Math.floor(Date.parse(e.time) / 1000));
      }),
    );
  });

  it('knows leap days, the epoch and the years before it', () => {
    expect(tagSeconds('19700101000000')).toBe(0);
    expect(tagSeconds('19691231235959')).toBe(-1);
    expect(tagSeconds('20000229120000')).toBe(Date.UTC(2000, 1, 29, 12) / 1000);
    expect(tagSeconds('00010101000000')).toBe(Date.parse('0001-01-01T00:00:00Z') / 1000);
  });
});
