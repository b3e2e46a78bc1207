// Evidence never drives the analyst's terminal or spreadsheet.

import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { escapeCell, escapeText, neutraliseCsvCell } from '../../src/report/escape.js';
import { renderTable } from '../../src/report/table.js';
import type { Report } from '../../src/report/types.js';

const hostile: Report = {
  schema: 'pophist/report@3',
  tool: { name: 'pophist', version: 'test' },
  options: { correlate: true, window: 2 },
  sources: [
    {
      path: 'evil\x1b[31m.pst',
      kind: 'pst',
      status: 'history-found',
      managers: [{ messageClass: 'IPM.MessageManager', subject: '\x1b]0;pwned\x07', matchedBy: 'class', attachments: [] }],
      histories: [
        {
          role: 'history',
          account: { smtp: 'a\u202Eb@example.com' },
          entries: [
            { index: 0, uid: '=HYPERLINK("http://x","y")', encodedUid: 'x', operation: 'downloaded', content: 'body', time: '2020-01-01T00:00:00Z', timeRaw: '20200101000000', tag: 't', offset: 4 },
          ],
          anomalies: [],
        },
      ],
      warnings: [],
    },
  ],
};

describe('escaping', () => {
  it('shows control characters, DEL, C1 and bidi overrides as escapes', () => {
    expect(escapeText('a\x1b]0;pwned\x07b')).toBe('a\\x1B]0;pwned\\x07b');
    expect(escapeText('\x7f\x9b\u202e\\')).toBe('\\x7F\\x9B\\u202E\\\\');
    expect(escapeText('Boîte de réception')).toBe('Boîte de réception');
  });

  it('the table output carries no raw escape character', () => {
    const out = renderTable(hostile);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(out).toContain('\\x1B]0;pwned\\x07');
  });

  it('neutralises formula-like CSV cells', () => {
    for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCsvCell(c).startsWith("'")).toBe(true);
    expect(neutraliseCsvCell('abc')).toBe('abc');
    const csv = renderCsv(hostile);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/[\x1b\x07]/);
  });
});

describe('invisible and layout characters', () => {
  it('line and paragraph separators, zero-width characters, LRM/RLM/ALM, isolates, BOM and lone surrogates are escaped', () => {
    expect(escapeText('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(escapeText('\u200b\u200c\u200d\u2060\ufeff')).toBe('\\u200B\\u200C\\u200D\\u2060\\uFEFF');
    expect(escapeText('\u200e\u200f\u061c\u2066\u2067\u2068\u2069')).toBe('\\u200E\\u200F\\u061C\\u2066\\u2067\\u2068\\u2069');
    expect(escapeText('x\ud800y\udc00')).toBe('x\\uD800y\\uDC00');
    expect(escapeText('emoji \u{1F600} kept')).toBe('emoji \u{1F600} kept');
  });

  it('escapeCell cuts a long value and says how long it was', () => {
    expect(escapeCell('abcdef', 3)).toBe('abc… (6 characters)');
    expect(escapeCell('a\u2028', 3)).toBe('a\\u2028');
  });
});
