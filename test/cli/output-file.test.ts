// Files pophist writes (--html) never land inside a directory that holds evidence, whichever way
// the path names it; elsewhere they are written whole.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { samplePath, samplesDir } from '../support/samples.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-output-'));

describe('--html FILE', () => {
  it('is refused beside an evidence file, below a directory input and through a symbolic link, before anything is read', () => {
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
      const r = runCli(['inspect', ...inputs, '--html', html]);
      expect(r.code, html).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^pophist: --html: refusing to write .* inside .*, which holds evidence; choose a path outside it\n$/);
      expect(existsSync(html)).toBe(false);
    }
  });

  it('never follows a symbolic link in place of the file (it could point at evidence)', () => {
    const link = join(work, 'points-at-evidence.html');
    symlinkSync(samplePath('pop3-unicode.pst'), link);
    const before = readFileSync(samplePath('pop3-unicode.pst'));
    const r = runCli(['inspect', samplePath('two-accounts.pst'), '--html', link]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pophist: --html: cannot write ${link} (it is a symbolic link)\n`);
    expect(readFileSync(samplePath('pop3-unicode.pst')).equals(before)).toBe(true);
  });

  it('says so when its directory does not exist', () => {
    const r = runCli(['inspect', samplePath('pop3-unicode.pst'), '--html', join(work, 'no-such-dir', 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be opened (ENOENT)');
  });

  it('elsewhere, is written whole next to the normal output', () => {
    const html = join(work, 'report.html');
    const r = runCli(['inspect', samplePath('pop3-unicode.pst'), '--html', html, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sources: [{ status: 'history-found' }] });
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.endsWith('</html>\n')).toBe(true);
  });
});

describe('--timeline', () => {
  it('is one output format: it does not combine with --json, --ndjson or --csv, and names its formats', () => {
    const r = runCli(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'l2tcsv', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mutually exclusive/);
    const bad = runCli(['inspect', samplePath('pop3-unicode.pst'), '--timeline', 'xlsx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('timesketch-jsonl');
  });
});
