// The fuzz corpus: every sample, and the shared corpus of real PSTs when it is there.

import { existsSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { loadInput, type FuzzInput } from './run.js';

const root = resolve(import.meta.dirname, '../..');

export function fuzzInputs(): FuzzInput[] {
  const samples = readdirSync(join(root, 'samples'))
    .filter((f) => ['.pst', '.ost', '.msg', '.bin'].includes(extname(f)))
    .map((f) => join(root, 'samples', f));
  const corpusDir = resolve(root, '../shared/corpus');
  const corpus = existsSync(corpusDir)
    ? readdirSync(corpusDir)
        .filter((f) => f.endsWith('.pst') && f !== 'jashmenn_pst.rb_albert_meyers_000.pst')
        .map((f) => join(corpusDir, f))
    : [];
  return [...samples, ...corpus].sort().map(loadInput);
}

