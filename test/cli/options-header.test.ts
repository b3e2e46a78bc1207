// Options are resolved once (cli/resolve-options.ts) and stated in the report header: every
// analysis option set on the command line appears in the header of every format that has one
// (table, JSON, NDJSON, CSV, HTML; the timelines are one row per event with only a column header).
// Run in-process through the CLI's own main(), each format written with -o.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One run in every format: the report text of each, by format. */
async function run(name: string, flags: string[]): Promise<Record<'table' | 'json' | 'ndjson' | 'csv' | 'html', string>> {
  const out = (f: string) => join(dir, `${name}.${f}`);
  const formats = [['table'], ['json', '--json'], ['ndjson', '--ndjson'], ['csv', '--csv']] as const;
  for (const [f, flag] of formats) {
    const args = ['inspect', samplePath('two-accounts.pst'), '--jobs', '1', '-q', ...flags, '-o', out(f), ...(flag ? [flag] : [])];
    if (f === 'table') args.push('--html', out('html'));
    expect(await main(args)).toBe(0);
  }
  const read = (f: string) => readFileSync(out(f), 'utf8');
  return { table: read('table'), json: read('json'), ndjson: read('ndjson'), csv: read('csv'), html: read('html') };
}

const html = (k: string, v: string) => `<dt>${k}</dt><dd class="mono">${v.replaceAll('"', '&quot;')}</dd>`;

describe('every option set on the command line is in every header', () => {
  it('correlation with its window, each profile fact, --recover with its memory, and --timestamp', async () => {
    const r = await run('all', ['--window', '7', '--profile-name', 'Outlook', '--search-key', '0A 0b', '--smtp', 'alice@example.com', '--account-uid', '0BADF00D', '--recover', '--recover-memory', '32', '--timestamp']);
    const options = { correlate: true, window: 7, selections: { profileName: 'Outlook', searchKey: '0a0b', smtp: 'alice@example.com', accountUid: '0badf00d' }, recover: true, recoverMemory: 32 };
    // Each format was its own run, made at its own time.
    const time = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3})?Z`;
    expect(JSON.parse(r.json)).toEqual(expect.objectContaining({ options, generated: expect.stringMatching(new RegExp(`^${time}$`)) }));
    expect(JSON.parse(r.ndjson.split('\n')[0]!)).toEqual(expect.objectContaining({ type: 'report', options, generated: expect.stringMatching(new RegExp(`^${time}$`)) }));
    const csvHead = r.csv.split('\r\n')[1]!;
    expect(csvHead).toMatch(/^report,/);
    expect(csvHead).toContain(`"${JSON.stringify(options).replaceAll('"', '""')}"`);
    expect(csvHead).toMatch(new RegExp(`,${time}(,|$)`));
    expect(r.table.split('\n')[0]).toMatch(
      new RegExp(
        String.raw`^pophist \S+ \(correlation on, window 7 s; selections: profileName "Outlook", searchKey "0a0b", smtp "alice@example\.com", accountUid "0badf00d"; freed space searched \(--recover, 32 MiB\); generated ${time}\)$`,
      ),
    );
    const generated = /<dt>generated<\/dt><dd class="mono">([^<]*)<\/dd>/.exec(r.html)?.[1] ?? '';
    expect(generated).toMatch(new RegExp(`^${time}$`));
    for (const row of [
      html('correlation', 'on, window 7 s'),
      html('freed space', 'searched (--recover)'),
      html('recovery memory', '32 MiB'),
      html('profileName', '"Outlook"'),
      html('searchKey', '"0a0b"'),
      html('smtp', '"alice@example.com"'),
      html('accountUid', '"0badf00d"'),
      html('generated', generated),
    ]) {
      expect(r.html).toContain(row);
    }
  });

  it('correlation turned off', async () => {
    const r = await run('off', ['--no-correlate']);
    expect(JSON.parse(r.json)).toMatchObject({ options: { correlate: false } });
    expect((JSON.parse(r.json) as { options: object }).options).not.toHaveProperty('window');
    expect(JSON.parse(r.ndjson.split('\n')[0]!)).toMatchObject({ type: 'report', options: { correlate: false } });
    expect(r.csv).toContain(`"${JSON.stringify({ correlate: false }).replaceAll('"', '""')}"`);
    expect(r.table.split('\n')[0]).toMatch(/^pophist \S+ \(correlation off\)$/);
    expect(r.html).toContain(html('correlation', 'off'));
  });
});
