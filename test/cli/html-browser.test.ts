// `inspect --html FILE` opened in a real browser (Debian's chromium through playwright-core, no
// browser download): offline, no request, no console error, one chart mark per day with tags, every
// tag in the table, and hostile evidence shown as text with nothing run. With POPHIST_SCREENSHOTS=DIR,
// a screenshot of every page is kept in DIR for a person to look at (a full-page screenshot costs
// about a second each, which the checks do not need).

import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { escapeText } from '../../src/report/escape.js';
import type { Report } from '../../src/report/types.js';
import { runCliInProcess } from '../support/cli.js';
import { IMG_SUBJECT, SCRIPT_UID, writeHostileReportSample } from '../support/hostile-report-sample.js';
import { samplePath } from '../support/samples.js';
import { describeWithTool } from '../support/tools.js';

const SAMPLES = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'two-accounts.pst', 'localized-inbox.pst', 'pre2010-profile.pst', 'no-history.pst', 'correlation-cases.pst', 'message-manager.msg'];
const out = mkdtempSync(join(tmpdir(), 'pophist-html-'));
const shots = process.env.POPHIST_SCREENSHOTS;

interface Seen {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

describeWithTool('/usr/bin/chromium', 'chromium', '--html in chromium', () => {
  let browser: Browser;
  // One offline context for every page: each context is a renderer process of its own to start.
  let context: BrowserContext;
  const inputs = new Map(SAMPLES.map((s) => [s, samplePath(s)]));
  beforeAll(async () => {
    inputs.set('hostile-report.pst', writeHostileReportSample());
    if (shots) mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => browser?.close());

  /** Writes the report of one input, opens it offline and returns what the page did. */
  async function open(name: string) {
    const input = inputs.get(name)!;
    const html = join(out, `${name}.html`);
    // --force: a page opened twice is written twice.
    const r = await runCliInProcess(['inspect', input, '--html', html, '--json', '--force']);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Report;
    const page = await context.newPage();
    const url = pathToFileURL(html).href;
    const seen: Seen = { errors: [], requests: [], dialogs: [] };
    page.on('console', (m) => void (m.type() === 'error' && seen.errors.push(m.text())));
    page.on('pageerror', (e) => seen.errors.push(e.message));
    page.on('request', (q) => void (q.url() !== url && seen.requests.push(q.url())));
    page.on('dialog', (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    return { page, report, seen, close: () => page.close() };
  }

  it.each(SAMPLES.concat('hostile-report.pst'))('%s: offline, quiet, a mark per day with tags and a row per tag', async (name) => {
    const { page, report, seen, close } = await open(name);
    try {
      expect(seen).toEqual({ errors: [], requests: [], dialogs: [] });
      const histories = report.sources.flatMap((s) => s.histories).filter((h) => h.entries.length > 0);
      // One figure per history with tags, in report order; its marks are exactly the days with tags.
      const days = await page.$$eval('figure.chart', (figs) => figs.map((f) => [...f.querySelectorAll('g.day')].map((g) => g.getAttribute('data-day'))));
      expect(days).toEqual(histories.map((h) => [...new Set(h.entries.map((e) => e.time.slice(0, 10)))].sort()));
      const legend = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => s.querySelectorAll('text.legend').length));
      expect(legend.every((n) => n === 5)).toBe(true);
      // The table shows every tag, UID as text, in order.
      const uids = await page.$$eval('table.tags tr.tag td.uid', (tds) => tds.map((t) => t.textContent));
      expect(uids).toEqual(histories.flatMap((h) => h.entries.map((e) => escapeText(e.uid))));
      expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    } finally {
      await close();
    }
  });

  it('with --recover, a recovered history is its own table, each tag marked listed or not by the live history', async () => {
    const html = join(out, 'recovered.html');
    const r = await runCliInProcess(['inspect', samplePath('pop3-rewritten.pst'), '--recover', '--json', '--html', html]);
    expect(r.code).toBe(0);
    const source = (JSON.parse(r.stdout) as Report).sources[0]!;
    const histories = source.recovered!.flatMap((x) => (x.kind === 'history' ? [x] : []));
    const page = await context.newPage();
    try {
      await page.goto(pathToFileURL(html).href);
      const tables = await page.$$eval('table.recovered-tags', (ts) => ts.map((t) => [...t.querySelectorAll('tr.tag td.status')].map((c) => c.textContent)));
      expect(tables).toEqual(
        histories.filter((x) => x.entries.length > 0).map((x) => x.entries.map((e) => (x.live?.olderOnly.some((o) => o.uid === e.uid && o.time === e.time) ? 'no longer listed' : 'listed'))),
      );
      // The live tags stay in their own table, apart.
      expect(await page.$$eval('table.tags tr.tag', (rows) => rows.length)).toBe(source.histories.reduce((n, x) => n + x.entries.length, 0));
    } finally {
      await page.close();
    }
  });

  it('a folder run reads summary first: the header, then every source with a history, then those without, then the sections, the glossary last', async () => {
    const html = join(out, 'folder.html');
    // A folder of ten stores: nine with a history, one without (the samples the page was drawn for).
    const folder = join(out, 'case');
    mkdirSync(folder);
    const stores = ['correlation-cases.pst', 'localized-inbox.pst', 'no-history.pst', 'pop3-ansi-cyclic.pst', 'pop3-rewritten-ansi.pst', 'pop3-rewritten.pst', 'pop3-unicode.pst', 'pre2010-profile.pst', 'two-accounts.pst', 'message-manager.msg'];
    for (const f of stores) copyFileSync(samplePath(f), join(folder, f));
    const r = await runCliInProcess(['inspect', folder, '--html', html]);
    expect(r.code).toBe(0);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
    try {
      await page.goto(pathToFileURL(html).href);
      if (shots) await page.screenshot({ path: join(shots, 'folder.png'), fullPage: true });
      const top = (selector: string): Promise<number[]> => page.$$eval(selector, (els) => els.map((e) => e.getBoundingClientRect().top));
      const [made] = await top('section.made');
      const [head] = await top('table.sources:not(.summary)');
      const rows = await page.$$eval('table.sources.summary', (ts) => ts.map((t) => ({ top: t.getBoundingClientRect().top, history: !t.textContent!.includes('no history') })));
      const sections = await top('section.source');
      const [glossary] = await top('section.glossary');
      expect(made!).toBeLessThan(head!);
      expect(rows).toHaveLength(10);
      const sorted = [...rows].sort((a, b) => a.top - b.top);
      expect(sorted[0]!.top).toBeGreaterThan(head!);
      expect(sorted.map((x) => x.history)).toEqual([...Array(9).fill(true), false]);
      expect(Math.min(...sections)).toBeGreaterThan(sorted[9]!.top);
      expect(glossary!).toBeGreaterThan(Math.max(...sections));
      // The summary rows are one table to the eye: every column starts where the head's does.
      const columns = await page.$$eval('table.sources', (ts) => ts.map((t) => [...t.querySelectorAll('tr:first-child > *')].map((c) => Math.round(c.getBoundingClientRect().left))));
      for (const c of columns.slice(1)) expect(c[0]).toBe(columns[0]![0]);
      expect(columns.filter((c) => c.length === 11).every((c) => JSON.stringify(c) === JSON.stringify(columns[0]))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('hostile UIDs and subjects are text: no dialog, no element made from them', async () => {
    const { page, seen, close } = await open('hostile-report.pst');
    try {
      expect(seen.dialogs).toEqual([]);
      expect(await page.$$eval('img', (i) => i.length)).toBe(0);
      expect(await page.$$eval('svg:not(.chart)', (s) => s.length)).toBe(0);
      const text = await page.$eval('body', (b) => b.textContent ?? '');
      expect(text).toContain(SCRIPT_UID);
      expect(text).toContain(IMG_SUBJECT);
      expect(text).toContain('"><svg onload=alert(3)>@example.com');
      // Three days with tags, two without between the second and the last: the axis spans them all.
      expect(await page.$$eval('g.day', (g) => g.map((x) => x.getAttribute('data-day')))).toEqual(['2024-05-01', '2024-05-02', '2024-05-04']);
    } finally {
      await close();
    }
  });
});
