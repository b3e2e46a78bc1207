// `npm run fuzz -- --runs N --seed S [--batch B] [--timeout-ms T]`: structured mutations of the
// samples and of ../shared/corpus through the whole pipeline. Batches run in child processes under
// a watchdog, so a hang is caught too; every failure is saved to test/fixtures/crashers/ with its
// seed and iteration in the name, where the test suite replays it for ever after.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { rng } from './rng.js';
import { mutate } from './fuzz/mutate.js';
import { fuzzInputs } from './fuzz/inputs.js';
import { fuzz, type FuzzInput } from './fuzz/run.js';

const root = resolve(import.meta.dirname, '..');
const crashers = join(root, 'test/fixtures/crashers');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function save(input: FuzzInput, seed: number, iteration: number, bytes: Uint8Array, why: string): string {
  mkdirSync(crashers, { recursive: true });
  const name = `${input.name.replace(/\.[^.]+$/, '')}-seed${seed}-i${iteration}-${why}${extname(input.name)}`;
  writeFileSync(join(crashers, name), bytes);
  return name;
}

function worker(): void {
  const seed = arg('seed', 1);
  const from = arg('from', 0);
  const count = arg('count', 100);
  const inputs = fuzzInputs();
  const { failures, outcomes } = fuzz(inputs, seed, from, count, (i) => process.stdout.write(`start ${i}\n`));
  for (const f of failures) {
    const input = inputs.find((x) => x.name === f.input)!;
    process.stdout.write(`failure ${save(input, seed, f.iteration, f.bytes, 'crash')} ${JSON.stringify(f.mutation)} ${f.error}\n`);
  }
  process.stdout.write(`done ${JSON.stringify({ outcomes, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

function main(): number {
  const runs = arg('runs', 2000);
  const seed = arg('seed', 1);
  const batch = arg('batch', 500);
  const timeoutMs = arg('timeout-ms', 120_000);
  const inputs = fuzzInputs();
  const t0 = performance.now();
  let failures = 0;
  let hangs = 0;
  let peakRss = 0;
  const outcomes: Record<string, number> = { report: 0, 'typed-error': 0 };
  for (let from = 0; from < runs; from += batch) {
    const count = Math.min(batch, runs - from);
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--worker', '--seed', String(seed), '--from', String(from), '--count', String(count)], {
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 1 << 26,
    });
    const lines = r.stdout.trim().split('\n');
    for (const l of lines.filter((x) => x.startsWith('failure '))) {
      failures++;
      process.stderr.write(`${l}\n`);
    }
    const done = lines.find((l) => l.startsWith('done '));
    if (done) {
      const d = JSON.parse(done.slice(5)) as { outcomes: Record<string, number>; maxRssKiB: number };
      for (const [k, v] of Object.entries(d.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
      peakRss = Math.max(peakRss, d.maxRssKiB);
    } else {
      // Killed by the watchdog or crashed outright: the last iteration started is the culprit.
      const last = Number(lines.filter((l) => l.startsWith('start ')).pop()?.slice(6) ?? from);
      const input = inputs[last % inputs.length]!;
      const { bytes } = mutate(input.bytes, input.spans, rng((seed * 1_000_003 + last) >>> 0));
      hangs++;
      process.stderr.write(`hang or crash at iteration ${last}: saved ${save(input, seed, last, bytes, r.error ? 'hang' : 'abort')}\n`);
    }
    process.stderr.write(`${Math.min(from + count, runs)}/${runs} mutations, ${failures} failures, ${hangs} hangs\n`);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${JSON.stringify({ seed, runs, inputs: inputs.length, outcomes, failures, hangs, peakRssMiB: Math.round(peakRss / 1024), seconds: Math.round(seconds) })}\n`,
  );
  return failures + hangs === 0 ? 0 : 1;
}

if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  if (process.argv.includes('--worker')) worker();
  else process.exitCode = main();
}
