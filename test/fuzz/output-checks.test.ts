// The checks the fuzz campaign applies to every timeline and HTML output: they catch what they
// exist for (markup from evidence, ragged CSV, bad UTF-8), and the hostile-strings store passes them.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectEvidence } from '../../src/analysis/evidence/inspect-evidence.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { reportHeader, toSource } from '../../src/report/build.js';
import { renderReport } from '../../src/report/sink.js';
import { timelineRenderer } from '../../src/report/timeline.js';
import { checkBodyfile, checkCsv, checkHtml, checkL2tcsv, checkUtf8 } from '../../tools/fuzz/output-checks.js';
import { runOne } from '../../tools/fuzz/run.js';
import { writeHostileReportSample } from '../support/hostile-report-sample.js';

describe('fuzz output checks', () => {
  it('reject markup that came from evidence', () => {
    expect(() => checkHtml('<p><img src=x onerror=alert(1)></p>')).toThrow(/element the renderer does not write/);
    expect(() => checkHtml('<p><script>alert(1)</script></p>')).toThrow(/element the renderer does not write/);
    expect(() => checkHtml('<td onclick="alert(1)">x</td>')).toThrow(/event handler or URL attribute/);
    expect(() => checkHtml('<td onclick=alert(1)>x</td>')).toThrow(/malformed attribute/);
    expect(() => checkHtml('<td data-x="&quot; onclick=&quot;alert(1)">x</td>')).not.toThrow();
    expect(() => checkHtml('<td>&lt;img src=x onerror=alert(1)&gt;</td>')).not.toThrow();
  });

  it('reject ragged or broken CSV and body files', () => {
    expect(() => checkCsv('csv', 'a,b\r\n1,2,3\r\n')).toThrow(/row 2 has 3 cells/);
    expect(() => checkCsv('csv', 'a,b\r\n"1,2\r\n')).toThrow(/unterminated/);
    expect(() => checkCsv('csv', 'a,b\r\n1"x,2\r\n')).toThrow(/quote inside/);
    expect(() => checkCsv('csv', 'a,b\r\n"1 ""q"", \n",2\r\n')).not.toThrow();
    expect(() => checkL2tcsv('date,time\r\n')).toThrow(/row 1 has 2 cells, not 17/);
    expect(() => checkBodyfile('0|a|b|0|r/r|0|0|0|1|1|1|1\n')).toThrow(/12 fields/);
    expect(() => checkUtf8('x', 'a\uD800b')).toThrow(/lone surrogate/);
  });

  it('pass on a store of hostile UIDs, subjects and addresses, every format rendered', () => {
    expect(runOne('pst', new Uint8Array(readFileSync(writeHostileReportSample())))).toBe('report');
  });
});

describe('body file of a tag dated before 1970', () => {
  const bytes = encodeBlob([
    { operation: 'downloaded', content: 'body', time: '1969-12-31T23:59:50Z', uid: 'early' },
    { operation: 'downloaded', content: 'body', time: '2024-03-04T08:00:05Z', uid: 'late' },
  ]);

  it('keeps the row at time 0 with its real time in the name, never negative seconds', () => {
    const options = resolveOptions({ as: 'blob' });
    const report = { ...reportHeader(options), sources: [toSource(inspectEvidence({ path: 'before-1970.bin', bytes }, options))] };
    const body = renderReport(report, timelineRenderer('bodyfile'));
    checkBodyfile(body);
    const lines = body.trimEnd().split('\n').map((l) => l.split('|'));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.slice(7)).toEqual(['0', '0', '0', '0']);
    expect(lines[0]![1]).toContain('time: 1969-12-31T23:59:50.000Z, before 1970, not representable in a body file');
    expect(lines[1]!.slice(7)).toEqual(Array(4).fill(String(Date.UTC(2024, 2, 4, 8, 0, 5) / 1000)));
  });

  it('passes the fuzz campaign\'s checks of every format', () => {
    expect(runOne('blob', bytes)).toBe('report');
  });
});
