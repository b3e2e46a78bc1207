// NDJSON that splits and joins: runs on single files, concatenated, give the lines of one run on all of
// them, on the samples and the corpus; and the GNU parallel recipe of docs/at-scale.md does exactly that
// over a case folder.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { corpusDir, corpusFiles, inCi, repoRoot } from '../support/corpus.js';
import { samplePath, samplesDir } from '../support/samples.js';

const isReportLine = (l: string): boolean => l.startsWith('{"type":"report"');
const isEndLine = (l: string): boolean => l.startsWith('{"type":"end"');

/**
 * NDJSON lines apart from order; the `report` line, which each joined run repeats, counted once,
 * and each run's `end` line made one, counting the sources of them all.
 */
function sorted(ndjson: string): string[] {
  const lines = ndjson.split('\n').filter((l) => l !== '');
  const ends = lines.filter(isEndLine).map((l) => JSON.parse(l) as { sources: number });
  const end = ends.length > 0 ? [JSON.stringify({ ...ends[0], sources: ends.reduce((n, e) => n + e.sources, 0) })] : [];
  return [...new Set(lines.filter(isReportLine)), ...lines.filter((l) => !isReportLine(l) && !isEndLine(l)), ...end].sort();
}

/** Every line stands alone: it names its contract and its tool, or its source and, for a finding, its account. */
function expectSelfContained(lines: string[]): void {
  expect(lines.filter(isReportLine)).toHaveLength(1);
  for (const l of lines) {
    const o = JSON.parse(l) as { type: string; schema?: string; tool?: object; path?: string; source?: string; account?: object };
    expect(o.schema, l).toMatch(/^pophist\/report@\d+$/);
    if (o.type === 'report') expect(o.tool, l).toBeTypeOf('object');
    else if (o.type === 'end') expect(o, l).toMatchObject({ complete: true, sources: expect.any(Number) });
    else if (o.type === 'source') expect(typeof o.path, l).toBe('string');
    else expect(typeof o.source, l).toBe('string');
    if (o.type === 'entry' || o.type === 'unexplained') expect(o.account, l).toBeTypeOf('object');
  }
}

/** Each file alone, outputs concatenated, against one run on the folder (the lines are checked, not the processes: in-process runs). */
async function splitJoin(dir: string, names: string[]): Promise<void> {
  const whole = await runCliInProcess(['inspect', dir, '--ndjson']);
  let joined = '';
  for (const n of names) joined += (await runCliInProcess(['inspect', join(dir, n), '--ndjson', '--jobs', '1'])).stdout;
  expect(sorted(joined)).toEqual(sorted(whole.stdout));
  expectSelfContained(sorted(joined));
}

const evidence = (dir: string): string[] => readdirSync(dir).filter((n) => /\.(pst|ost|msg)$/i.test(n));

describe('--ndjson splits and joins', () => {
  it('per-file runs on the samples, concatenated, are the lines of one run', () => splitJoin(samplesDir, evidence(samplesDir)));
  if (corpusFiles().length > 0) it('per-file runs on the 39 corpus stores, concatenated, are the lines of one run', () => splitJoin(corpusDir, corpusFiles()), 180_000);
  else it.skip('per-file runs on the corpus — ../shared/corpus not found; skipped', () => {});
});

/**
 * A case folder of one sample of each kind: Unicode and ANSI PSTs, an OST, a .msg with embedded
 * downloads, a store without a history (exit 1), a damaged one (exit 2), a blob the recipe's find
 * leaves out, and two files in subfolders.
 */
function caseOfEveryKind(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pophist-kinds-'));
  const kinds = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'pop3-ost-4k.ost', 'pop3-embedded.msg', 'no-history.pst', 'pop3-damaged.pst', 'docs-example.bin', 'case/unicode/mailbox-day5.pst', 'case/ansi/h-008.msg'];
  for (const k of kinds) {
    mkdirSync(dirname(join(dir, k)), { recursive: true });
    copyFileSync(samplePath(k), join(dir, k));
  }
  return dir;
}

const parallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
const hasParallel = parallel.status === 0 && parallel.stdout.startsWith('GNU parallel');
if (!hasParallel && inCi) throw new Error('CI=true but GNU parallel is not installed (Debian package parallel)');
const withParallel = hasParallel ? describe : describe.skip;

withParallel(`the GNU parallel recipe of docs/at-scale.md${hasParallel ? '' : ' — GNU parallel not found; recipe test skipped'}`, () => {
  const page = readFileSync(join(repoRoot, 'docs/at-scale.md'), 'utf8');
  const recipe = /<!-- DOC-PARALLEL -->\n```sh\n([\s\S]*?)\n```/.exec(page)?.[1];
  // The recipe calls `pophist` as an installed user would: a PATH entry that runs this checkout's build.
  const bin = mkdtempSync(join(tmpdir(), 'pophist-bin-'));
  writeFileSync(join(bin, 'pophist'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'bin/pophist')}" "$@"\n`);
  chmodSync(join(bin, 'pophist'), 0o755);

  function runRecipe(caseDir: string): string {
    const cwd = mkdtempSync(join(tmpdir(), 'pophist-case-'));
    const r = spawnSync('bash', ['-c', recipe!], { cwd, encoding: 'utf8', env: { ...process.env, CASE: caseDir, PATH: `${bin}:${process.env.PATH}` } });
    // pophist names an input it could not read on stderr; nothing else (parallel's own complaints) is expected there.
    for (const l of r.stderr.split('\n').filter((x) => x !== '')) expect(l).toMatch(/^pophist: /);
    return readFileSync(join(cwd, 'case.ndjson'), 'utf8');
  }

  async function expectRecipeJoins(caseDir: string): Promise<void> {
    const joined = sorted(runRecipe(caseDir));
    expect(joined).toEqual(sorted((await runCliInProcess(['inspect', '-r', caseDir, '--ndjson'])).stdout));
    expectSelfContained(joined);
  }

  it('is in docs/at-scale.md', () => expect(recipe).toContain('parallel'));

  // The recipe is the same whatever the folder holds: it runs on one sample of each kind of input, a
  // process each; every sample's and corpus store's per-file lines are joined above, in-process.
  it('joins a case of every kind of input into the records of one inspect -r --ndjson run', () => expectRecipeJoins(caseOfEveryKind()));
});
