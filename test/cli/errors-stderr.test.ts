// An input that cannot be read is one line on stderr as well as an error record in the report, so
// it is seen when stdout goes to a file; the exit code is 2 and the other inputs are still reported.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

/** bin/pophist with stdout redirected to a file, as `pophist … > out.txt` does. */
function toFile(args: string[]): { code: number; stderr: string; out: string } {
  const outPath = join(mkdtempSync(join(tmpdir(), 'pophist-stderr-')), 'out.txt');
  const fd = openSync(outPath, 'w');
  try {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/pophist'), ...args], { cwd: repoRoot, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    return { code: r.status ?? -1, stderr: r.stderr, out: readFileSync(outPath, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

it('a missing input: one line on stderr, the error record in the file, exit 2', () => {
  const r = toFile(['inspect', '/nonexistent/evidence.pst']);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('pophist: /nonexistent/evidence.pst: cannot read the path (ENOENT) (UNREADABLE)\n');
  expect(r.out).toContain('/nonexistent/evidence.pst  (unknown)  error UNREADABLE');
});

it('one line per unreadable input; the readable one is still reported, and the JSON is valid', () => {
  const r = toFile(['inspect', '/nonexistent/a.pst', samplePath('docs-example.bin'), samplePath('two-accounts.pst'), '--json']);
  expect(r.code).toBe(2);
  expect(r.stderr.split('\n')).toEqual([
    'pophist: /nonexistent/a.pst: cannot read the path (ENOENT) (UNREADABLE)',
    `pophist: ${samplePath('docs-example.bin')}: not a PST, OST or MSG file (no !BDN or compound-file signature) (NOT_A_PST)`,
    // A run over several inputs ends with its summary.
    'pophist: 3 inputs: 1 with a history, 2 errored',
    '',
  ]);
  const report = JSON.parse(r.out);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  expect(report.sources.map((s: { status: string }) => s.status)).toEqual(['error', 'error', 'history-found']);
});

it('a readable store with no history is not an error: nothing on stderr, exit 1', () => {
  const r = toFile(['inspect', samplePath('no-history.pst')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
});
