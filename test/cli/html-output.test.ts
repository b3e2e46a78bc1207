// The --html page is written under -o's rules: never inside a directory that holds evidence,
// whichever way the path names it (a symbolic link included); elsewhere it is written whole.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { samplePath, samplesDir } from '../support/samples.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-output-'));

describe('--html FILE', () => {
  it('is refused beside an evidence file, below a directory input and through a symbolic link, before anything is read', async () => {
    const link = join(work, 'link-to-samples');
    symlinkSync(samplesDir, link);
    const nested = join(work, 'case');
    mkdirSync(join(nested, 'deeper'), { recursive: true });
    const cases: [string[], string][] = [
      [[samplePath('pop3-unicode.pst')], join(samplesDir, 'report.html')],
      [[relative(process.cwd(), samplePath('pop3-unicode.pst'))], 'samples/report.html'],
      [[samplePath('pop3-unicode.pst')], join(link, 'report.html')],
      [[nested, '-r'], join(nested, 'deeper', 'report.html')],
      [[join(nested, 'missing.pst'), samplePath('two-accounts.pst')], join(samplesDir, 'report.html')],
    ];
    for (const [inputs, html] of cases) {
      const r = (await runCliInProcess(['inspect', ...inputs, '--html', html]));
      expect(r.code, html).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^pophist: refusing to write .* evidence is never written next to; write the output elsewhere\n$/);
      expect(existsSync(html)).toBe(false);
    }
  });

  it('is judged by where a symbolic link in place of the file points, and a link to nothing is refused', async () => {
    const link = join(work, 'points-at-evidence.html');
    symlinkSync(samplePath('pop3-unicode.pst'), link);
    const before = readFileSync(samplePath('pop3-unicode.pst'));
    const r = (await runCliInProcess(['inspect', samplePath('two-accounts.pst'), '--html', link]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pophist: refusing to write .*points-at-evidence\.html: it is inside .*samples, the directory of the input/);
    expect(readFileSync(samplePath('pop3-unicode.pst')).equals(before)).toBe(true);
    const dangling = join(work, 'dangling.html');
    symlinkSync(join(samplesDir, 'new.html'), dangling);
    const d = (await runCliInProcess(['inspect', samplePath('two-accounts.pst'), '--html', dangling]));
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('a symbolic link to nothing');
    expect(existsSync(join(samplesDir, 'new.html'))).toBe(false);
  });

  it('and -o are two files: the same name for both is refused', async () => {
    const same = join(work, 'same.out');
    const r = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--html', same, '-o', same]));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: --html and -o/--output name the same file; give each its own\n');
  });

  it('says so when its directory does not exist', async () => {
    const r = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--html', join(work, 'no-such-dir', 'r.html')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ENOENT');
  });

  it('elsewhere, is written whole next to the normal output', async () => {
    const html = join(work, 'report.html');
    const r = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--html', html, '--json']));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sources: [{ status: 'history-found' }] });
    // A timeline through -o, the page beside it.
    const tl = join(work, 'events.jsonl');
    expect((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'timesketch-jsonl', '-o', tl, '--html', join(work, 'r2.html')])).code).toBe(0);
    expect(readFileSync(tl, 'utf8')).toBe((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'timesketch-jsonl'])).stdout);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
  });
});

describe('--timeline', () => {
  it('is one output format: it does not combine with --json, --ndjson or --csv, and names its formats', async () => {
    const r = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'l2tcsv', '--json']));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mutually exclusive/);
    const bad = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'xlsx']));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('timesketch-jsonl');
  });
});

describe('--html findings', () => {
  it('name the evidence behind each rule, the time matches other evidence ruled out, and the downloads the history forgot', async () => {
    const html = join(work, 'findings.html');
    expect((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--html', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('remote-uid<br><span class="muted">PidLidRemoteEntryId, PidLidInternetAccountName, PR_CREATION_TIME, PR_MESSAGE_DELIVERY_TIME</span>');
    expect(page).toContain(
      'tag 12 (UID <span class="mono">moved-away-1</span>): a time match with POP3 message 12-12-12 <span class="muted">in</span> /Top of Personal Folders/Inbox',
    );
    expect(page).toContain('was ruled out: its PidLidRemoteEntryId names POP://pop.example.com/12-12-12, not moved-away-1.</li>');
    expect(page).toContain('UID <span class="mono">expired-uid-5</span> from pop.example.com was downloaded');
  });
});
