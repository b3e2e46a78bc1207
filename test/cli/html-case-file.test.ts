// The --html page is a page for the case file: a header with the tool's version, the command line,
// where it ran and when, every input's absolute path and sha256; the sources summed up first, those
// with a history on top; a glossary of the statuses, rules and findings; no empty section. A rerun
// gives the same page but for its generation time, the one <time> element (how tests compare pages).

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';
import { samplePath, samplesDir } from '../support/samples.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-case-file-'));
const GENERATED = /<time datetime="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)">\1<\/time>/;
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The page of `inspect ARGS --html`, run from the repository with relative paths; `exit` is the run's code. */
function page(name: string, args: string[], exit: number): string {
  const html = join(work, name);
  const r = runCli(['inspect', ...args, '--html', html]);
  expect(r.code, r.stderr).toBe(exit);
  return readFileSync(html, 'utf8');
}

describe('the --html page of a folder run (samples/)', () => {
  // samples/ holds the damaged-history samples: inconclusive, so the run exits 2.
  const html = page('folder.html', ['samples'], 2);
  const pstAndMsg = ['pop3-unicode.pst', 'no-history.pst', 'message-manager.msg', 'two-accounts.pst'];

  it('states the tool, the command line, the working directory and the generation time', () => {
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
    expect(html).toContain(`<dt>tool</dt><dd class="mono">pophist ${version}</dd>`);
    expect(html).toContain(`<dt>command line</dt><dd class="mono">pophist inspect samples --html ${join(work, 'folder.html')}</dd>`);
    expect(html).toContain(`<dt>working directory</dt><dd class="mono">${repoRoot}</dd>`);
    expect(html).toMatch(GENERATED);
  });

  it('gives every input by its absolute path with its sha256, without --hash', () => {
    for (const f of pstAndMsg) {
      const abs = resolve(samplePath(f));
      expect(html).toContain(`<span class="mono">${abs}</span>`);
      expect(html).toContain(`sha256 ${sha256(abs)}`);
    }
  });

  it('sums the sources up first, each with a history before any without', () => {
    const rows = [...html.matchAll(/<table class="sources summary" style="order:(\d)">.*?<span class="mono">([^<]+)<\/span>.*?<\/table>/g)].map((m) => [m[1], m[2]!.split('/').pop()]);
    // One row per store or .msg in samples/ (none holds two histories' worth of rows here).
    expect(rows).toHaveLength(readdirSync(samplesDir).filter((f) => /\.(pst|ost|msg)$/.test(f)).length);
    expect(rows.filter(([o]) => o === '2').map(([, f]) => f)).not.toContain('no-history.pst');
    expect(rows.filter(([o]) => o === '3').map(([, f]) => f)).toEqual(['no-history.pst', 'pop3-embedded.msg', 'pop3-no-history.pst']);
    // The page streams a source at a time; the flex order puts the head and the rows before every
    // section (those with a history first), and the glossary last. (Chromium checks where they show.)
    const orders = (tag: string): Set<string> => new Set([...html.matchAll(new RegExp(`<${tag} class="([a-z ]+)" style="order:(\\d)"`, 'g'))].map((m) => `${m[1]} ${m[2]}`));
    // A source without a history has a section only for what it still shows (pop3-no-history.pst's downloads).
    expect(orders('section')).toEqual(new Set(['made 0', 'source 4', 'source 5']));
    expect(orders('table')).toEqual(new Set(['sources 1', 'sources summary 2', 'sources summary 3']));
    expect(html).toMatch(/<div style="order:6"><section class="glossary">/);
  });

  it('has no empty section: a source without a history, manager or warning is its summary row only; no empty attachment list', () => {
    expect(html).not.toContain(`<h2>samples/no-history.pst</h2>`);
    expect(html).not.toMatch(/attachments: <\/p>|attachments: ;/);
    expect(html).not.toMatch(/<h3>[^<]*<\/h3>(<\/section>|<h3>)/);
  });

  it('has a glossary of the statuses, rules and findings, the delta of a rule included', () => {
    const glossary = html.slice(html.indexOf('<section class="glossary">'));
    for (const term of ['history-found', 'no-history', 'inconclusive', 'matched', 'ambiguous', 'not in store', 'remote-uid', 'creation-time-near', '(+N s) / (−N s)', 'not in history', 'unexplained', 'ruled out (contradictions)']) {
      expect(glossary).toContain(`<dt>${term}</dt>`);
    }
    expect(glossary).toContain("PR_CREATION_TIME minus the tag's time, in seconds");
  });

  it('a rerun is the same page but for its generation time', () => {
    const again = page('folder.html.2', ['samples'], 2).replace('folder.html.2', 'folder.html');
    expect(again.replace(GENERATED, '')).toBe(html.replace(GENERATED, ''));
  });
});

it('a single store: its sha256 and absolute path, given as a path outside the working directory', () => {
  const html = page('one.html', [resolve(samplesDir, 'pop3-unicode.pst')], 0);
  expect(html).toContain(`sha256 ${sha256(samplePath('pop3-unicode.pst'))}`);
  expect(html).toContain(`<dt>absolute path</dt><dd class="mono">${resolve(samplesDir, 'pop3-unicode.pst')}</dd>`);
});
