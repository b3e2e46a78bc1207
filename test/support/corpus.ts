// The shared corpus of real PSTs (../shared/corpus). Absent on a user's clone: tests then skip with
// a clear message. In CI (CI=true) it must be there, and a missing corpus fails instead of skipping.

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';
import { describeSkipped } from './skip.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// POPHIST_CORPUS moves it, for the test that checks what a run without the corpus prints.
export const corpusDir = resolve(repoRoot, process.env.POPHIST_CORPUS ?? '../shared/corpus');
export const inCi = process.env.CI === 'true';

export const HTML_FILE = 'jashmenn_pst.rb_albert_meyers_000.pst';

const present = existsSync(corpusDir);
if (!present && inCi) throw new Error(`CI=true but the shared corpus is missing at ${corpusDir}`);

export function corpusPath(name: string): string {
  return join(corpusDir, name);
}

/** Every corpus file (PSTs and the HTML impostor), sorted. */
export function corpusFiles(): string[] {
  return present ? readdirSync(corpusDir).filter((f) => f.endsWith('.pst')).sort() : [];
}

export function describeWithCorpus(name: string, fn: () => void): void {
  if (present) describe(name, fn);
  else describeSkipped(name, `the corpus of real PSTs is not at ${corpusDir}; corpus tests skipped`, fn);
}
