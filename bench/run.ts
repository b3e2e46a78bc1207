// `npm run bench [-- --quick]`: builds (once, cached outside the repo) stores of about 2 MB, 10,000
// messages, 200 MB, 2 GB and 1,000,000 messages (2.5 GB) with our writer, measures pophist against
// pst-extractor and libpff in one run, prints one line per goal with its ratio and PASS/FAIL, and
// writes docs/benchmarks.md.
// `npm run bench -- --stores DIR` only writes the stores to DIR, to measure them with other tools.
// `npm run bench -- --only case` measures the case goals alone.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { inspectStore } from '../src/analysis/evidence/inspect-store.js';
import { resolveOptions } from '../src/analysis/options.js';
import { openPst } from '../src/pst/messaging/store.js';
import { encodeBlob } from '../src/analysis/history/blob.js';
import { benchTags, expectedUnexplained, SHAPES } from './stores.js';
import { child, fmt as fmtStat, log, paired, pophist, repeat, root, stat, summarize, timed, type Run, type Stat } from './measure.js';
import { caseBench, caseGoals, caseLine, manyFiles, SMALL_STORES } from './many-files.js';

const quick = process.argv.includes('--quick');
// --only case: the case section alone (its goal lines, docs/benchmarks.md left as it is).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'case') throw new Error(`--only takes one section: case (not ${only})`);
// pffinfo takes minutes on 100,000 messages (see the notes): --quick stops it sooner to stay under 5 minutes.
const PFFINFO_LIMIT_MS = quick ? 90_000 : 300_000;
const cache = join(tmpdir(), 'pophist-bench-cache');
mkdirSync(cache, { recursive: true });
const fmt = (s: Stat, unit = 'ms'): string => fmtStat(s, unit, PFFINFO_LIMIT_MS);

const storesAt = process.argv.indexOf('--stores');
if (storesAt >= 0) {
  const dir = process.argv[storesAt + 1];
  if (dir === undefined || dir.startsWith('--')) throw new Error('--stores needs a directory to write the bench stores to');
  mkdirSync(dir, { recursive: true });
  for (const size of Object.keys(SHAPES) as (keyof typeof SHAPES)[]) {
    const path = join(dir, SHAPES[size].name);
    log(`writing ${path} …`);
    child(['write', size, path], 64);
  }
  process.exit(0);
}

// 10k: the store pffinfo opens in well under a second (T4); 1M: a million messages (T2, T3).
const sizes = quick ? (['2MB', '10k', '200MB'] as const) : (['2MB', '10k', '200MB', '2GB', '1M'] as const);
/** Stores of more than 100,000 messages, which libpff and pst-extractor take many minutes to walk: not given to them. */
const peerless = new Set<string>(['1M']);
const results: Record<string, { bytes: number; write?: { ms: number; rssMiB: number }; inspect: { time: Stat; cpu: Stat; rss: Stat }; inspectCorrelated: { time: Stat; cpu: Stat; rss: Stat; outMiB: number }; inspectNdjson?: { rss: Stat }; pffinfo?: { time: Stat }; extractor?: { time: Stat; rss: Stat }; library?: { time: Stat; rss: Stat } }> = {};

const writes: Record<string, { ms: number; rssMiB: number } | undefined> = {};
/** The cached store of `size`, written first if missing, and warmed in the page cache, as on a second look at evidence. */
function store(size: keyof typeof SHAPES): string {
  const path = join(cache, SHAPES[size].name);
  if (!existsSync(path)) {
    log(`writing ${path} …`);
    const w = child(['write', size, path], 64);
    writes[size] = { ms: w.ms, rssMiB: w.maxRssKiB / 1024 };
    writeFileSync(`${path}.write.json`, JSON.stringify(writes[size]));
  } else if (existsSync(`${path}.write.json`)) {
    writes[size] = JSON.parse(readFileSync(`${path}.write.json`, 'utf8'));
  }
  execFileSync('cat', [path], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 0 });
  return path;
}

const CASE_ROUNDS = quick ? 1 : 3;
/** Case against inspect: 1,000 small stores and four snapshots of a 200 MB mailbox. */
function measureCase(): ReturnType<typeof caseBench> {
  const many = manyFiles(cache, store('200MB'));
  const snapshots = (['snap-1', 'snap-2', 'snap-3', 'snap-4'] as const).map(store);
  return caseBench(cache, many, snapshots, CASE_ROUNDS);
}
if (only === 'case') {
  for (const g of caseGoals(measureCase())) process.stdout.write(`${g.ratio <= g.limit ? 'PASS' : 'FAIL'}  ${g.name}: ${g.value}\n`);
  process.exit(0);
}

// 1M-bad: the 1,000,000-message store with its history cut short and every remote id malformed (bad input at scale).
for (const size of quick ? sizes : ([...sizes, '1M-bad'] as const)) store(size);

// inspect --no-correlate, the stores taking turns, 9 runs each: the ratio of two stores is a goal,
// and a shared machine's speed drifts over the minutes the other measurements take.
log('measuring inspect --no-correlate …');
const turns = Object.fromEntries(sizes.map((size) => [size, [] as Run[]]));
for (let r = 0; r < 9; r++) {
  for (const size of sizes) turns[size]!.push(timed(process.execPath, [pophist, 'inspect', join(cache, SHAPES[size].name), '--json', '--no-correlate']));
}

for (const size of sizes) {
  const path = join(cache, SHAPES[size].name);
  const reps = 3;
  const big = size !== '2MB';
  log(`measuring ${size} …`);
  results[size] = {
    bytes: statSync(path).size,
    write: writes[size],
    inspect: summarize(turns[size]!),
    // The 1,000,000-message store's JSON (about 540 MB) is more than a captured pipe holds: discarded, its size not counted.
    inspectCorrelated: repeat(reps, () => timed(process.execPath, [pophist, 'inspect', path, '--json'], 600_000, peerless.has(size))),
    // NDJSON writes a line per finding: its peak is the goal on the largest store.
    inspectNdjson: size === '2GB' ? summarize([timed(process.execPath, [pophist, 'inspect', path, '--ndjson'])]) : undefined,
    // libpff's open time grows faster than linearly with the node count (see docs): one bounded run on big stores.
    pffinfo: peerless.has(size) ? undefined : { time: repeat(big ? 1 : reps, () => timed('pffinfo', [path], PFFINFO_LIMIT_MS)).time },
    extractor: size === '2GB' || peerless.has(size) ? undefined : repeat(big ? 1 : reps, () => child(['extractor', path])),
    // The same work in-process for both libraries, so start-up costs do not blur the ratio.
    library: size === '2GB' || peerless.has(size) ? undefined : repeat(reps, () => child(['pophist', path])),
  };
}

// decodeBlob of a 65,535-tag blob, in fresh processes like the library runs (this process holds the
// reports it captured, and its heap would otherwise set the collector's pace); three of them, pooled,
// since when the young-generation collections fall differs from one process to the next.
const decode = stat(Array.from({ length: 3 }, () => child<{ samples: number[] }>(['decode']).samples).flat());

// Correlation of the 200 MB store's 100,000 messages against its history, in-process.
const corrPath = join(cache, SHAPES['200MB'].name);
let unexplained = 0;
const correlation = stat(
  Array.from({ length: 3 }, () => {
    const store = openPst(corrPath);
    const t0 = performance.now();
    const found = inspectStore(store, resolveOptions());
    const ms = performance.now() - t0;
    store.close();
    unexplained = (found.correlations ?? []).reduce((n, c) => n + c.unexplained.length, 0);
    return ms;
  }),
);

// Many files: 1,000 small stores and four of 200 MB in one folder, inspect (with correlation, --ndjson)
// with --jobs 1 and --jobs 2, taking turns.
const manySet = manyFiles(cache, corrPath);
const manyDir = manySet.dir;
const manyBytes = manySet.bytes;
execFileSync('sh', ['-c', 'cat "$1"/*.pst', 'sh', manyDir], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 0 });
log('measuring many files, --jobs 1 and --jobs 2 …');
const manyRuns: Record<1 | 2, Run[]> = { 1: [], 2: [] };
for (let r = 0; r < (quick ? 1 : 3); r++) {
  for (const jobs of [1, 2] as const) manyRuns[jobs].push(timed(process.execPath, [pophist, 'inspect', manyDir, '--ndjson', '--jobs', String(jobs)], 600_000, true));
}
const many = { 1: summarize(manyRuns[1]), 2: summarize(manyRuns[2]) };
const perSecond = (n: number, t: Stat): string => (n / (t.median / 1000)).toFixed(1);
const caseRun = measureCase();

// Start-up: the default inspect of the 2 MB store against Node doing nothing, in turns.
log('measuring start-up …');
const startup = paired(11, { node: [process.execPath, '-e', '0'], inspect: [process.execPath, pophist, 'inspect', join(cache, SHAPES['2MB'].name)] });

// decode --json end to end (start-up, decoding, the 25 MB document), the largest history against a 4-tag one.
const blobs = { large: join(cache, 'decode-65535.bin'), small: join(cache, 'decode-4.bin') };
if (!existsSync(blobs.large)) writeFileSync(blobs.large, encodeBlob(benchTags(65535)));
if (!existsSync(blobs.small)) writeFileSync(blobs.small, encodeBlob(benchTags(4)));
log('measuring decode --json …');
const decodeJson = paired(11, { large: [process.execPath, pophist, 'decode', blobs.large, '--json'], small: [process.execPath, pophist, 'decode', blobs.small, '--json'] });

// The table path: loading cli-table3 and drawing a table of 21 tags (a sample) and of 1,000 (the most
// a table shows), each in a fresh process, 5 times.
const tableBlob = join(cache, 'decode-1000.bin');
if (!existsSync(tableBlob)) writeFileSync(tableBlob, encodeBlob(benchTags(1000)));
log('measuring the table path …');
type TableCost = { loadMs: number; firstMs: number };
const tableCost = (path: string): { load: Stat; draw: Stat } => {
  const runs = Array.from({ length: 5 }, () => child<TableCost>(['table', path]));
  return { load: stat(runs.map((r) => r.loadMs)), draw: stat(runs.map((r) => r.firstMs)) };
};
const table = { sample: tableCost(join(root, 'samples/pop3-unicode.pst')), large: tableCost(tableBlob) };

// decodeBlob again on a loaded machine: one busy loop per core runs beside it.
const busyCount = cpus().length;
log(`measuring decodeBlob beside ${busyCount} busy processes …`);
const busy = Array.from({ length: busyCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
let decodeLoaded: Stat;
try {
  decodeLoaded = stat(Array.from({ length: 3 }, () => child<{ samples: number[] }>(['decode']).samples).flat());
} finally {
  for (const p of busy) p.kill();
}

// inspect --recover against grep -c for a fixed byte string over the same file, the two taking
// turns in the same run: recovery reads the whole file once, so grep's throughput is its yardstick.
// --no-correlate keeps the comparison to the reading (correlation's cost is measured above).
const recoverSize = quick ? '200MB' : '2GB';
const recoverPath = join(cache, SHAPES[recoverSize].name);
log(`measuring inspect --recover and grep -c on ${recoverSize} …`);
const recoverRuns: Run[] = [];
const grepRuns: Run[] = [];
for (let r = 0; r < 5; r++) {
  recoverRuns.push(timed(process.execPath, [pophist, 'inspect', recoverPath, '--json', '--no-correlate', '--recover']));
  grepRuns.push(timed('grep', ['-c', '-F', 'IPM.MessageManager', recoverPath]));
}
const recover = summarize(recoverRuns);
const grep = summarize(grepRuns);

/** What the default inspect --json of `path` reads (each positioned read, logged by bench/read-log.cjs,
 * and all it read as the kernel counts it) and writes; floorRun() then replays those reads with a
 * CRC-32 of each and writes as many bytes. */
interface FloorWork {
  path: string;
  reads: string;
  calls: number;
  readBytes: number;
  rchar: number;
  outBytes: number;
}
function floorWork(path: string): FloorWork {
  const reads = join(cache, 'floor-reads.bin');
  const env = { ...process.env, POPHIST_BENCH_READS_OF: path, POPHIST_BENCH_READS: reads };
  const r = spawnSync(process.execPath, ['-r', join(root, 'bench/read-log.cjs'), pophist, 'inspect', path, '--json'], { encoding: 'utf8', env, stdio: ['ignore', 'ignore', 'pipe'] });
  const logged = JSON.parse(r.stderr.trim().split('\n').pop()!) as { reads: number; rchar: number; wchar: number };
  const list = new Float64Array(new Uint8Array(readFileSync(reads)).buffer);
  let readBytes = 0;
  for (let k = 1; k < list.length; k += 2) readBytes += list[k]!;
  return { path, reads, calls: logged.reads, readBytes, rchar: logged.rchar, outBytes: logged.wchar };
}
const floorRun = (w: FloorWork): Run => timed(process.execPath, [join(root, 'bench/floor.cjs'), w.path, w.reads, String(w.outBytes)], 600_000, true);
const floorLine = (w: FloorWork, s: Stat): string => `${fmt(s)} (${w.calls.toLocaleString('en-US')} reads of ${(w.readBytes / 1e6).toFixed(0)} MB, ${(w.outBytes / 1e6).toFixed(0)} MB written)`;

// T1: the default inspect --json of the 2 GB store against cat of the same file, in turns, both
// writing to /dev/null, with the floor of that inspect. T7: what that inspect reads (work.rchar).
const path2g = join(cache, SHAPES['2GB'].name);
let catVsInspect: { cat: Stat; inspect: Stat; floor: Stat; work: FloorWork } | undefined;
if (!quick) {
  log('measuring inspect --json against cat and the floor on 2GB, and its bytes read …');
  const work = floorWork(path2g);
  const catRuns: Run[] = [];
  const inspectRuns: Run[] = [];
  const floorRuns: Run[] = [];
  for (let r = 0; r < 5; r++) {
    catRuns.push(timed('cat', [path2g], 600_000, true));
    inspectRuns.push(timed(process.execPath, [pophist, 'inspect', path2g, '--json'], 600_000, true));
    floorRuns.push(floorRun(work));
  }
  catVsInspect = { cat: summarize(catRuns).time, inspect: summarize(inspectRuns).time, floor: summarize(floorRuns).time, work };
}
// T3's floor: the same for the 1,000,000-message store.
let floor1m: { time: Stat; work: FloorWork } | undefined;
if (!quick) {
  log('measuring the floor of the 1,000,000-message inspect …');
  const work = floorWork(join(cache, SHAPES['1M'].name));
  floor1m = { time: repeat(3, () => floorRun(work)).time, work };
}

// Bad input at scale: the default inspect of the 1M-bad store, its memory against the good store's.
const badPath = join(cache, SHAPES['1M-bad'].name);
if (!quick) log('measuring the 1,000,000-message store with bad input …');
const badInput = quick ? undefined : summarize([timed(process.execPath, [pophist, 'inspect', badPath, '--json'], 600_000, true)]);

const r2 = results['2MB']!;
const r200 = results['200MB']!;
const r2g = results['2GB'];
const r10k = results['10k']!;
const r1m = results['1M'];
const goals: { name: string; value: string; ratio: number; limit: number; pass: boolean }[] = [];
const goal = (name: string, ratio: number, limit: number, higherIsBetter = false, value = ratio.toFixed(2)): void => {
  goals.push({ name, value, ratio, limit, pass: higherIsBetter ? ratio >= limit : ratio <= limit });
};
// "inspect" in the goals is the locating path (--no-correlate): correlation reads every message by design.
if (r2g) goal('T6 inspect --no-correlate (2 GB) / (2 MB) ≤ 1.3', r2g.inspect.time.median / r2.inspect.time.median, 1.3);
goal('pst-extractor path / pophist on 200 MB (in-process) ≥ 10', r200.extractor!.time.median / r200.library!.time.median, 10, true);
if (r2g?.pffinfo) goal('inspect / pffinfo on 2 GB ≤ 20', r2g.inspect.time.median / r2g.pffinfo.time.median, 20);
goal('decodeBlob(65,535 tags) ≤ 50 ms', decode.median, 50, false, `${decode.median.toFixed(1)} ms`);
if (r2g) goal('peak RSS of inspect --no-correlate on 2 GB ≤ 150 MB', r2g.inspect.rss.max, 150, false, `${r2g.inspect.rss.max.toFixed(0)} MB`);
if (r2g) goal('peak RSS of inspect with correlation (the default) on 2 GB ≤ 150 MB', r2g.inspectCorrelated.rss.max, 150, false, `${r2g.inspectCorrelated.rss.max.toFixed(0)} MB`);
goal('correlation of 100,000 messages ≤ 5 s', correlation.median / 1000, 5, false, `${(correlation.median / 1000).toFixed(2)} s`);
// Received messages with no POP3 origin within the history's span, and nothing else (no sent mail, draft or download).
const wantUnexplained = expectedUnexplained(SHAPES['200MB']);
goal('unexplained on the 200 MB store = its received messages without POP3 origin', Math.abs(unexplained - wantUnexplained), 0, false, `${unexplained} (expected ${wantUnexplained})`);
goal('T5 many files: --jobs 1 / --jobs 2 time ≥ 1.6', many[1].time.median / many[2].time.median, 1.6, true);
goal('T5 many files: peak RSS --jobs 2 / --jobs 1 ≤ 2', many[2].rss.max / many[1].rss.max, 2);
for (const g of caseGoals(caseRun)) goal(g.name, g.ratio, g.limit, false, g.value);
if (r2g?.write) goal('writing the 2 GB store ≤ 200 MB RSS', r2g.write.rssMiB, 200, false, `${r2g.write.rssMiB.toFixed(0)} MB`);
if (r1m?.write) goal('writing the 1,000,000-message store ≤ 200 MB RSS', r1m.write.rssMiB, 200, false, `${r1m.write.rssMiB.toFixed(0)} MB`);
if (catVsInspect) goal('T1 inspect --json (2 GB) ÷ cat of the file ≤ 2', catVsInspect.inspect.median / catVsInspect.cat.median, 2);
const rssOf = (r: (typeof results)[string]): string => `${r.inspectCorrelated.rss.max.toFixed(0)} MB`;
goal('T2 peak RSS of the default inspect --json, 100,000 messages (200 MB) ≤ 150 MB', r200.inspectCorrelated.rss.max, 150, false, rssOf(r200));
if (r1m) goal('T2 peak RSS of the default inspect --json, 1,000,000 messages ≤ 250 MB', r1m.inspectCorrelated.rss.max, 250, false, rssOf(r1m));
if (r1m && badInput) goal('bad input, 1,000,000 messages (history cut short, every remote id malformed): peak RSS ÷ the good store’s ≤ 1.1', badInput.rss.max / r1m.inspectCorrelated.rss.max, 1.1, false, `${badInput.rss.max.toFixed(0)} MB against ${rssOf(r1m)}`);
if (r1m) goal('T3 default inspect --json of 1,000,000 messages ≤ 5 s', r1m.inspectCorrelated.time.median / 1000, 5, false, `${(r1m.inspectCorrelated.time.median / 1000).toFixed(2)} s`);
if (r10k.pffinfo) goal('T4 inspect --json (10,000 messages) ÷ pffinfo of the same store < 1', r10k.inspectCorrelated.time.median / r10k.pffinfo.time.median, 0.9999);
if (catVsInspect) goal('T7 bytes read by the default inspect of the 2 GB store ÷ its size ≤ 0.25', catVsInspect.work.rchar / r2g!.bytes, 0.25, false, `${(catVsInspect.work.rchar / 1e6).toFixed(0)} MB, ${((100 * catVsInspect.work.rchar) / r2g!.bytes).toFixed(1)}%`);
goal('inspect CPU with correlation ÷ --no-correlate, 200 MB (100,000 messages) ≤ 4', r200.inspectCorrelated.cpu.median / r200.inspect.cpu.median, 4);
if (r2g?.inspectNdjson) goal('peak RSS of inspect --ndjson (correlating) on 2 GB ≤ 150 MB', r2g.inspectNdjson.rss.max, 150, false, `${r2g.inspectNdjson.rss.max.toFixed(0)} MB`);
goal('T6 inspect on the 2 MB store ÷ node -e 0 ≤ 2', startup.inspect! / startup.node!, 2);
goal('decode --json of 65,535 tags ÷ 4 tags, end to end ≤ 1.5', decodeJson.large! / decodeJson.small!, 1.5);
goal(`decodeBlob(65,535 tags) beside ${busyCount} busy processes ≤ 50 ms`, decodeLoaded.median, 50, false, `${decodeLoaded.median.toFixed(1)} ms`);

goal(`T6 inspect --recover throughput / grep -c throughput on ${recoverSize} ≥ 1`, grep.time.median / recover.time.median, 1, true);
goal(`peak RSS of inspect --recover on ${recoverSize} ≤ 200 MB`, recover.rss.max, 200, false, `${recover.rss.max.toFixed(0)} MB`);

for (const g of goals) process.stdout.write(`${g.pass ? 'PASS' : 'FAIL'}  ${g.name}: ${g.value}\n`);

const rows = Object.entries(results).map(
  ([size, r]) =>
    `| ${size} | ${(r.bytes / 1e6).toFixed(1)} MB | ${fmt(r.inspect.time)} | ${r.inspect.rss.max.toFixed(0)} MB | ${fmt(r.inspectCorrelated.time)} | ${r.inspectCorrelated.rss.max.toFixed(0)} MB | ${r.inspectCorrelated.outMiB ? `${r.inspectCorrelated.outMiB.toFixed(1)} MiB` : '—'} | ${r.library ? fmt(r.library.time) : '—'} | ${r.extractor ? fmt(r.extractor.time) : '—'} | ${r.pffinfo ? fmt(r.pffinfo.time) : '—'} | ${r.write ? `${(r.write.ms / 1000).toFixed(1)} s, ${r.write.rssMiB.toFixed(0)} MB` : '—'} |`,
);
// The notes (what bounds each goal, with profiles) are written by hand after a run: bench/notes.md.
const notes = readFileSync(join(root, 'bench/notes.md'), 'utf8').trimEnd();
const md = `# Benchmarks

Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
Stores are written by our own writer (\`bench/stores.ts\`; Unicode, permute encoding; a folder tree
of 20 folders; messages with bodies, some with attachments, received ones with their POP3 origin;
one Message Manager whose history ties to some messages), cached in \`${cache}\`. Times are wall clock of whole processes (Node start-up
included), median of 3 runs (9 for inspect --no-correlate, the stores taking turns) with min–max (one run where marked), files in the page cache. RSS is the peak.

| store | size | inspect --no-correlate | RSS | inspect (with correlation) | RSS | its JSON | pophist library (in-process) | pst-extractor path (in-process) | pffinfo | writing the store |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

- \`decodeBlob\` of a 65,535-tag blob (75 runs in three processes of its own): ${fmt(decode)}.
- Correlation of the 200 MB store's 100,000 messages (in-process, \`inspectStore\` with correlation): ${fmt(correlation)}.
- Many files (\`inspect DIR --ndjson\`, with correlation, output discarded; ${quick ? '1 run' : '3 runs'} each, taking turns): ${manySet.files.toLocaleString('en-US')} stores, ${(manyBytes / 1e6).toFixed(0)} MB — ${SMALL_STORES.toLocaleString('en-US')} small ones written by \`writeSmallStore\` (Unicode and ANSI, every encryption, up to 60 messages, a history in every third) and four copies of the 200 MB store (distinct files).

  | --jobs | time | inputs/s | MB/s | peak RSS |
  |---|---|---|---|---|
${([1, 2] as const).map((j) => `  | ${j} | ${fmt(many[j].time)} | ${perSecond(manySet.files, many[j].time)} | ${perSecond(manyBytes / 1e6, many[j].time)} | ${many[j].rss.max.toFixed(0)} MB |`).join('\n')}
${caseLine(caseRun, CASE_ROUNDS)}
- Start-up, in turns (11 each): \`node -e 0\` ${startup.node!.toFixed(0)} ms, \`pophist inspect\` of the 2 MB store (table) ${startup.inspect!.toFixed(0)} ms.
- The table path, in fresh processes (5 each): loading cli-table3 ${fmt(table.sample.load)}; drawing the table of \`samples/pop3-unicode.pst\` (21 tags) ${fmt(table.sample.draw)}, of a 1,000-tag blob ${fmt(table.large.draw)}.
- \`decode --json\`, whole processes in turns (11 each): 4 tags ${decodeJson.small!.toFixed(0)} ms, 65,535 tags ${decodeJson.large!.toFixed(0)} ms.
- \`decodeBlob\` of 65,535 tags beside ${busyCount} busy-looping processes (one per core, \`node -e 'for (;;) {}'\`): ${fmt(decodeLoaded)}.
- CPU (user + system) of inspect on the 200 MB store: ${fmt(r200.inspect.cpu)} with --no-correlate, ${fmt(r200.inspectCorrelated.cpu)} correlating.
- \`inspect --json --no-correlate --recover\` on the ${recoverSize} store (5 runs, taking turns with grep): ${fmt(recover.time)}, peak RSS ${recover.rss.max.toFixed(0)} MB; \`grep -c -F IPM.MessageManager\` over the same file: ${fmt(grep.time)}. The recovery pass reads the file once in 1 MiB reads and walks the block B-tree once (one bit per 64-byte unit marks where live blocks lie: those units are passed over, and of a read that holds nothing else only its last 8 KiB is read); the store has no allocation map, so every unit outside live blocks is examined.
${catVsInspect && floor1m ? `- The floor of the default \`inspect --json\` (\`bench/floor.cjs\`: a Node process that makes the reads pophist made, logged by \`bench/read-log.cjs\`, with a CRC-32 of every byte read, and writes as many bytes as the report; no parsing, no findings): on the 2 GB store ${floorLine(catVsInspect.work, catVsInspect.floor)}, ${(catVsInspect.floor.median / catVsInspect.cat.median).toFixed(2)} × \`cat\` of the file (${fmt(catVsInspect.cat)}, in turns); on the 1,000,000-message store ${floorLine(floor1m.work, floor1m.time)}.\n` : ''}- The pst-extractor path: pst-extractor has no public way to reach associated contents, so the script builds the Inbox's FAI messages from its internal classes after its NBT-wide child scan (\`bench/extractor.ts\`).

## Goals

| goal | measured | |
|---|---|---|
${goals.map((g) => `| ${g.name} | ${g.value} | ${g.pass ? 'PASS' : 'FAIL'} |`).join('\n')}

## Notes

${notes}

## Reproduce

\`\`\`sh
npm ci && npm run build
npm run bench            # every store (about 8.5 GB of disk in ${tmpdir()})
npm run bench -- --quick # 2 MB, 10,000 messages and 200 MB only (and the case, with one run each)
npm run bench -- --only case # the case goals alone; docs/benchmarks.md is left as it is
npm run bench -- --stores DIR # only write the stores to DIR
\`\`\`
`;
writeFileSync(join(root, 'docs/benchmarks.md'), md);
log('wrote docs/benchmarks.md');
