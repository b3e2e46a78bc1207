// Without the shared corpus, `npm test` skips the corpus suites and says why in its output: the
// default reporter alone shows only "6 skipped".

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';

it('a corpus suite skipped for want of the corpus prints the reason in the run output', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, POPHIST_CORPUS: '/nonexistent/pophist-corpus' };
  delete env.CI;
  const r = spawnSync(join(repoRoot, 'node_modules/.bin/vitest'), ['run', 'test/cli/inspect-corpus.test.ts'], { cwd: repoRoot, env, encoding: 'utf8' });
  const output = r.stdout + r.stderr;
  expect(r.status, output).toBe(0);
  expect(output).toContain('SKIPPED "pophist inspect ../shared/corpus": the corpus of real PSTs is not at /nonexistent/pophist-corpus; corpus tests skipped');
});
