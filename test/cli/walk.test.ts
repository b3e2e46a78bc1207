// Directory walks: every file not read is named with why, the run ends with a summary on stderr,
// and skipped subdirectories bring a hint at -r.

import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-walk-'));

it('an empty directory says so on stderr: 0 inputs, nothing skipped', async () => {
  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const r = (await runCliInProcess(['inspect', empty]));
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('pophist: 0 inputs\n');
});

it('names each skipped file with why, hints at -r, and counts every outcome', async () => {
  const top = join(dir, 'case');
  mkdirSync(join(top, 'nested'), { recursive: true });
  copyFileSync(samplePath('pop3-unicode.pst'), join(top, 'a.pst'));
  copyFileSync(samplePath('no-history.pst'), join(top, 'b.pst'));
  writeFileSync(join(top, 'notes.txt'), 'case notes');
  writeFileSync(join(top, 'zero.dat'), '');
  writeFileSync(join(top, 'bad.pst'), 'not a store');
  copyFileSync(samplePath('two-accounts.pst'), join(top, 'nested', 'c.pst'));
  const r = (await runCliInProcess(['inspect', top, '--no-correlate']));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    [
      `pophist: ${top}/bad.pst: not a PST, OST or MSG file (no !BDN or compound-file signature) (NOT_A_PST)`,
      `pophist: skipped ${top}/notes.txt: not a PST, OST or MSG file (no !BDN or compound-file signature)`,
      `pophist: skipped ${top}/zero.dat: an empty file`,
      'pophist: 1 subdirectory not searched: add -r to search them',
      'pophist: 3 inputs: 1 with a history, 1 without, 1 errored; 2 skipped (1 not a PST, OST or MSG file (no !BDN or compound-file signature); 1 an empty file)',
      '',
    ].join('\n'),
  );
  const deep = (await runCliInProcess(['inspect', '-r', top, '--no-correlate']));
  expect(deep.stderr).not.toContain('add -r');
  expect(deep.stderr).toMatch(/pophist: 4 inputs: 2 with a history, 1 without, 1 errored; 2 skipped/);
});

it('one named file: no summary', async () => {
  expect((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--no-correlate'])).stderr).toBe('');
});
