// The end of a multi-input run, on stderr: what was skipped and why, and one line of counts. Data
// stays on stdout; this is for the person watching the run.

import type { SourceStatus } from '../report/index.js';
import { skippedLine, type Expansion } from './inputs.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The summary's lines; none for a run over one named file with nothing skipped. */
export function runSummary(statuses: readonly SourceStatus[], expansion: Expansion): string[] {
  const { skipped, subdirectories, links } = expansion;
  if (statuses.length === 1 && skipped.length === 0 && subdirectories === 0 && links === 0) return [];
  // skippedLine escapes the evidence's names; the rest of these lines is our own text.
  const lines = skipped.map(skippedLine);
  if (links > 0) lines.push(`${plural(links, 'symbolic link')} to a directory already walked not followed`);
  if (subdirectories > 0) lines.push(`${plural(subdirectories, 'subdirectory', 'subdirectories')} not searched: add -r to search them`);
  const count = (status: SourceStatus): number => statuses.filter((s) => s === status).length;
  const why = skipCounts(skipped);
  // Only the counts that are not zero: the line stays short enough for an 80-column terminal.
  const counts = [
    [count('history-found'), 'with a history'],
    [count('no-history'), 'without'],
    [count('inconclusive'), 'inconclusive'],
    [count('error'), 'errored'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${n} ${what}`);
  const skips = skipped.length > 0 ? `; ${skipped.length} skipped (${why.join('; ')})` : '';
  lines.push(`${plural(statuses.length, 'input')}${counts.length > 0 ? `: ${counts.join(', ')}` : ''}${skips}`);
  return lines.map((l) => `pophist: ${l}`);
}

/** "2 an empty file; 1 not a PST…": each reason once, with how many files it skipped. */
function skipCounts(skipped: Expansion['skipped']): string[] {
  return [...new Set(skipped.map((s) => s.why))].map((w) => `${skipped.filter((s) => s.why === w).length} ${w}`);
}

/** The one line for a run that found nothing to examine (exit 2): what was passed over, and why. */
export function nothingExamined(expansion: Expansion): string {
  const { skipped, subdirectories, links } = expansion;
  const parts: string[] = [];
  if (subdirectories > 0) parts.push(`${plural(subdirectories, 'subdirectory', 'subdirectories')} not searched (add -r to search them)`);
  // A few files are named (main escapes the line); many are counted by reason.
  if (skipped.length > 0 && skipped.length <= 3) parts.push(...skipped.map((s) => `skipped ${s.path}: ${s.why}`));
  else if (skipped.length > 0) parts.push(`${skipped.length} skipped (${skipCounts(skipped).join('; ')})`);
  if (links > 0) parts.push(`${plural(links, 'symbolic link')} to a directory already walked not followed`);
  return `nothing examined: ${parts.length > 0 ? parts.join('; ') : 'the directories named hold no files'}`;
}

export function reportRun(statuses: readonly SourceStatus[], expansion: Expansion): void {
  for (const line of runSummary(statuses, expansion)) process.stderr.write(`${line}\n`);
}
