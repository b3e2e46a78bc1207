import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The longest files (tens of seconds each, openrelik mostly waiting on its workers), longest first.
// vitest orders files by the durations of its last run, and on a fresh clone, which has none, by
// file size: some of these are short files, and one started last runs on alone while the other
// worker idles.
const LONG = [
  'test/integrations/openrelik.test.ts',
  'test/fuzz/fuzz.test.ts',
  'test/cli/at-scale.test.ts',
  'test/cli/html-browser.test.ts',
  'test/cli/jobs.test.ts',
  'test/hostile/jobs-cap.test.ts',
  'test/hostile/rows.test.ts',
  'test/hostile/endings.test.ts',
];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONG.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? LONG.length : i;
    };
    const sorted = await super.sort(files);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // No test mocks modules or leaves global state behind (runCliInProcess restores what it
    // touches), so a worker keeps the modules it loaded from one file to the next instead of
    // importing the reader, the analysis and the renderers again for every file.
    isolate: false,
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, the other core
    // idle whenever no test runs a child process. Every core gets a worker. No file runs alone:
    // the hostile boxes limit CPU time, not wall time (test/support/cli.ts), and the other limits
    // in tests (the fuzz set's 240 s, a --jobs run's 120 s) are hang guards far above their need.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongFirst },
  },
});
