// The README's examples are what the tool prints today.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCliInProcess } from './support/cli.js';
import { repoRoot } from './support/corpus.js';

it('the README example reproduces the README output', async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const m = /<!-- README-EXAMPLE: pophist (.*?) -->\n```\n\$ pophist .*\n([\s\S]*?)\n```/.exec(readme);
  expect(m).not.toBeNull();
  const r = (await runCliInProcess(m![1]!.split(' ')));
  expect(r.code).toBe(0);
  expect(r.stdout.trimEnd()).toBe(m![2]);
});

it('the README timeline line is a line pophist writes today', async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const m = /<!-- README-TIMELINE: pophist (.*?) -->\n```\n(.*)\n```/.exec(readme);
  expect(m).not.toBeNull();
  const r = (await runCliInProcess(m![1]!.split(' ')));
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')).toContain(m![2]);
});
