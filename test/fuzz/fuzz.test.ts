// The fixed-seed fuzz set CI runs (2,000 structured mutations of the samples and the corpus), and
// every crasher ever found, replayed. `npm run fuzz` runs larger sets under a watchdog.

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzInputs } from '../../tools/fuzz/inputs.js';
import { fuzz, runOne, type InputKind } from '../../tools/fuzz/run.js';
import { repoRoot } from '../support/corpus.js';

const crashers = join(repoRoot, 'test/fixtures/crashers');

describe('fuzzing', () => {
  it('2,000 mutations with seed 20261124 all end in a report or a typed error', () => {
    const inputs = fuzzInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(9);
    const { failures, outcomes } = fuzz(inputs, 20261124, 0, 2000);
    expect(failures.map((f) => `${f.input} i${f.iteration} ${JSON.stringify(f.mutation)}: ${f.error}`)).toEqual([]);
    expect(outcomes.report! + outcomes['typed-error']!).toBe(2000);
    // The mutations reach deep: most files still yield a report.
    expect(outcomes.report).toBeGreaterThan(1000);
  }, 240_000);

  const saved = readdirSync(crashers).filter((f) => f !== 'README.md');
  it.each(saved.length ? saved : ['(none yet)'])('crasher %s ends in a report or a typed error', (name) => {
    if (name === '(none yet)') return;
    const kind: InputKind = extname(name) === '.msg' ? 'msg' : extname(name) === '.bin' ? 'blob' : 'pst';
    expect(['report', 'typed-error']).toContain(runOne(kind, new Uint8Array(readFileSync(join(crashers, name)))));
  });
});
