// `case --html FILE`: one self-contained page (no script, nothing fetched), a swimlane per version
// and a presence square per UID and listing version, every input with its sha256, evidence strings
// shown as text; a rerun differs only in its generation time.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaseDocument } from '../support/case-document.js';
import { runCli } from '../support/cli.js';
import { SCRIPT_UID, writeHostileReportSample } from '../support/hostile-report-sample.js';
import { samplePath } from '../support/samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-case-html-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function page(name: string, inputs: string[]): { html: string; report: CaseDocument } {
  const file = join(tmp, name);
  const r = runCli(['case', ...inputs, '--recover', '--json', '--html', file], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBeLessThan(2);
  return { html: readFileSync(file, 'utf8'), report: JSON.parse(r.stdout) as CaseDocument };
}

const count = (html: string, re: RegExp): number => [...html.matchAll(re)].length;

describe('case --html', () => {
  const { html, report } = page('case.html', ['-r', samplePath('case/ansi')]);

  it('draws a lane per version and a square per UID each version lists, a mark per tag', () => {
    const versions = report.accounts.flatMap((a) => a.versions);
    expect(count(html, /<g class="lane" data-version="a\d+\.v\d+">/g)).toBe(versions.length);
    const listings = report.accounts.flatMap((a) => a.uids.flatMap((u) => u.listedBy));
    expect(count(html, /<rect class="(matched|ambiguous|not-in-store|not-correlated|deleted)" x=/g)).toBe(listings.length);
    expect(count(html, /<circle class="tag /g)).toBe(listings.reduce((n, l) => n + l.tags.length, 0));
    // The archived downloads are red in the versions of days 3 and 4: their stores no longer held them.
    expect(count(html, /<title>h-00[12] in a1\.v[34]: not in store<\/title>/g)).toBe(4);
  });

  it('names every input with its sha256 and every finding, and runs no script', () => {
    for (const i of report.inputs) expect(html).toContain(`sha256 ${i.sha256}`);
    expect(report.inputs.every((i) => i.sha256 !== undefined)).toBe(true);
    for (const f of report.accounts.flatMap((a) => a.findings)) expect(html).toContain(`<span class="status">${f.code}</span>`);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('a rerun is the same page but for its generation time', () => {
    const again = page('again.html', ['-r', samplePath('case/ansi')]).html;
    const strip = (s: string): string => s.replace(/<time datetime="[^"]*">[^<]*<\/time>/, '').replace(/again\.html|case\.html/g, '');
    expect(strip(again)).toBe(strip(html));
  });

  it('shows hostile UIDs as text', () => {
    const hostile = page('hostile.html', [writeHostileReportSample()]).html;
    expect(hostile).not.toContain(SCRIPT_UID);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
