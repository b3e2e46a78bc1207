import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files whose tests hold a wall-clock limit of their own (the 10 s box of the hostile cases, the
// fuzz set's 240 s, the --jobs 64 runs' 120 s) or load every core themselves: run after the rest,
// one at a time, so that another test file never takes their time.
const ALONE = ['test/hostile/consistency.test.ts', 'test/hostile/endings.test.ts', 'test/hostile/rows.test.ts', 'test/fuzz/fuzz.test.ts', 'test/hostile/jobs-cap.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // No test mocks modules or leaves global state behind (runCliInProcess restores what it
    // touches), so a worker keeps the modules it loaded from one file to the next instead of
    // importing the reader, the analysis and the renderers again for every file.
    isolate: false,
    projects: [
      // vitest's default is one worker fewer than the cores: one on a 2-core machine, the other core
      // idle whenever no test runs a child process. Every core gets a worker.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ALONE, maxWorkers: availableParallelism(), sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
