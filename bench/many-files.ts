// The bench's sets of many inputs: 1,000 small stores with four large ones beside them, in one
// folder. `inspect` takes the four as copies of the 200 MB store (distinct files, the --jobs goal);
// `case` takes them as four snapshots of one mailbox at four moments (the case goals, issue 26),
// since a case counts copies with the same bytes once.

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { child, fmt, log, pophist, summarize, timed, type Run, type Summary } from './measure.js';

export const SMALL_STORES = 1000;

export interface InputSet {
  dir: string;
  files: number;
  bytes: number;
}

function inputSet(dir: string): InputSet {
  const files = readdirSync(dir).filter((f) => f.endsWith('.pst'));
  return { dir, files: files.length, bytes: files.reduce((n, f) => n + statSync(join(dir, f)).size, 0) };
}

/** 1,000 small stores and four copies of the 200 MB store. The marker names the layout, so a
 * folder from an older one (hard links) is written anew. */
export function manyFiles(cache: string, store200: string): InputSet {
  const dir = join(cache, 'many-files');
  const marker = join(dir, '.complete-copies');
  if (!existsSync(marker)) {
    log(`writing ${SMALL_STORES} small stores and four copies of the 200 MB store in ${dir} …`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    child(['small', String(SMALL_STORES), dir], 256);
    for (let k = 1; k <= 4; k++) copyFileSync(store200, join(dir, `archive-${k}.pst`));
    writeFileSync(marker, '');
  }
  return inputSet(dir);
}

/** The same 1,000 small stores (hard links) and four snapshots of one 200 MB mailbox. */
function caseFiles(cache: string, many: InputSet, snapshots: readonly string[]): InputSet {
  const dir = join(cache, 'case-files');
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const f of readdirSync(many.dir).filter((n) => n.startsWith('custodian-'))) linkSync(join(many.dir, f), join(dir, f));
    snapshots.forEach((s, k) => linkSync(s, join(dir, `snapshot-${k + 1}.pst`)));
    writeFileSync(marker, '');
  }
  return inputSet(dir);
}

export interface CaseBench {
  set: InputSet;
  /** `inspect DIR --ndjson --jobs 1`: every input's analysis, one after the other, in one process. */
  inspect: Summary;
  case: Summary;
  /** `inspect --ndjson` of the largest snapshot alone. */
  largest: Summary;
}

/** `case` against `inspect` on the same inputs, taking turns, `rounds` times each; both with one job, so that the time is the sum of the analyses. */
export function caseBench(cache: string, many: InputSet, snapshots: readonly string[], rounds: number): CaseBench {
  const set = caseFiles(cache, many, snapshots);
  log('measuring case against inspect on 1,000 small stores and four snapshots …');
  const runs: Record<'inspect' | 'case' | 'largest', Run[]> = { inspect: [], case: [], largest: [] };
  for (let r = 0; r < rounds; r++) {
    runs.inspect.push(timed(process.execPath, [pophist, 'inspect', set.dir, '--ndjson', '--jobs', '1'], 600_000, true));
    runs.case.push(timed(process.execPath, [pophist, 'case', set.dir, '--ndjson', '--jobs', '1'], 600_000, true));
    runs.largest.push(timed(process.execPath, [pophist, 'inspect', snapshots[snapshots.length - 1]!, '--ndjson'], 600_000, true));
  }
  return { set, inspect: summarize(runs.inspect), case: summarize(runs.case), largest: summarize(runs.largest) };
}

/** The case's two goals: its time against inspect's, its peak RSS against the largest single inspect's. */
export function caseGoals(c: CaseBench): { name: string; ratio: number; limit: number; value: string }[] {
  const time = c.case.time.median / c.inspect.time.median;
  const rss = c.case.rss.max / c.largest.rss.max;
  return [
    { name: 'case of 1,000 small stores and four 200 MB snapshots ÷ inspect of them, --jobs 1 ≤ 1.2', ratio: time, limit: 1.2, value: time.toFixed(2) },
    { name: 'peak RSS of that case ÷ the largest single inspect ≤ 1.5', ratio: rss, limit: 1.5, value: `${rss.toFixed(2)} (${c.case.rss.max.toFixed(0)} MB against ${c.largest.rss.max.toFixed(0)} MB)` },
  ];
}

export function caseLine(c: CaseBench, rounds: number): string {
  return `- A case (\`case DIR --ndjson --jobs 1\`, output discarded; ${rounds} run${rounds === 1 ? '' : 's'} each, taking turns with \`inspect DIR --ndjson --jobs 1\` on the same inputs): ${c.set.files.toLocaleString('en-US')} stores, ${(c.set.bytes / 1e6).toFixed(0)} MB — the ${SMALL_STORES.toLocaleString('en-US')} small stores above and four snapshots of one 200 MB mailbox (one record key; 97,000 to 100,000 messages, each history naming other downloads). case ${fmt(c.case.time)}, peak RSS ${c.case.rss.max.toFixed(0)} MB; inspect ${fmt(c.inspect.time)}, ${c.inspect.rss.max.toFixed(0)} MB; the largest snapshot's inspect alone ${fmt(c.largest.time)}, ${c.largest.rss.max.toFixed(0)} MB.`;
}
