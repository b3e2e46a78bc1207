import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one worker on a 2-core machine, with the
    // other core idle whenever no test runs a child process. Every core gets a worker.
    maxWorkers: availableParallelism(),
    // No test mocks modules or leaves global state behind (runCliInProcess restores what it
    // touches), so a worker keeps the modules it loaded from one file to the next instead of
    // importing the reader, the analysis and the renderers again for every file.
    isolate: false,
  },
});
