// `inspect --progress-json`: progress as JSON lines on stderr (contract pophist/progress@1), for
// programs that run pophist (the OpenRelik worker). On the samples: every line is valid against
// schema/progress.schema.json, each input reports while it is read and once when done, in input
// order, with its status in the report; stdout is byte for byte what it is without the option.

import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { samplePath, samplesDir } from '../support/samples.js';
import { schemaErrors, validateProgress } from '../support/schema.js';

interface Line {
  input: number;
  inputs: number;
  path: string;
  done: boolean;
  status?: string;
  messagesRead?: number;
  folders?: number;
}

/** The JSON lines of stderr, each checked against the schema; the other lines apart. */
function progressOf(stderr: string): { lines: Line[]; other: string[] } {
  const lines: Line[] = [];
  const other: string[] = [];
  for (const l of stderr.split('\n').filter((s) => s !== '')) {
    if (!l.startsWith('{')) {
      other.push(l);
      continue;
    }
    const line = JSON.parse(l) as unknown;
    expect(validateProgress(line), schemaErrors(validateProgress)).toBe(true);
    lines.push(line as Line);
  }
  return { lines, other };
}

describe('inspect --progress-json', () => {
  const plain = runCli(['inspect', samplesDir, '--json', '--jobs', '1']);
  const statuses = (JSON.parse(plain.stdout) as { sources: { path: string; status: string }[] }).sources;

  it('one input after another: a reading line then a done line per input, in order, with the report’s status', () => {
    const r = runCli(['inspect', samplesDir, '--json', '--jobs', '1', '--progress-json']);
    expect(r.code).toBe(plain.code);
    expect(r.stdout).toBe(plain.stdout);
    const { lines, other } = progressOf(r.stderr);
    // The skipped files and the summary are still said, as lines of their own.
    expect(other).toEqual(plain.stderr.split('\n').filter((s) => s !== ''));
    const done = lines.filter((l) => l.done);
    expect(done.map((l) => [l.input, l.path, l.status])).toEqual(statuses.map((s, i) => [i, s.path, s.status]));
    for (const [i, s] of statuses.entries()) {
      const mine = lines.filter((l) => l.input === i);
      // A store with a history is walked folder by folder to correlate; a .msg, or a store with no
      // history, has no walk: its done line only.
      expect(mine.length).toBeGreaterThanOrEqual(s.path.endsWith('.pst') && s.status === 'history-found' ? 2 : 1);
      expect(mine.at(-1)!.done).toBe(true);
      expect(mine.slice(0, -1).every((l) => !l.done && l.path === s.path && l.inputs === statuses.length)).toBe(true);
    }
    // A store's first line comes before any message is read, with the walk's folder count.
    const unicode = lines.find((l) => l.path.endsWith('pop3-unicode.pst'))!;
    expect(unicode).toMatchObject({ done: false, messagesRead: 0, folders: 11 });
  });

  it('inputs in worker threads: one done line each, still in input order', () => {
    const r = runCli(['inspect', samplesDir, '--json', '--jobs', '2', '--progress-json']);
    expect(r.stdout).toBe(plain.stdout);
    const { lines } = progressOf(r.stderr);
    expect(lines.map((l) => [l.input, l.done, l.status])).toEqual(statuses.map((s, i) => [i, true, s.status]));
  });

  it('an input that is not evidence: its one-line error, then its done line with status error', () => {
    const r = runCli(['inspect', samplePath('README.md'), '--json', '--progress-json']);
    expect(r.code).toBe(2);
    const { lines, other } = progressOf(r.stderr);
    expect(other).toEqual([expect.stringMatching(/README\.md: not a PST, OST or MSG file/)]);
    expect(lines).toEqual([expect.objectContaining({ input: 0, inputs: 1, done: true, status: 'error' })]);
  });

  it('replaces the bar: nothing but JSON lines and pophist’s own lines on stderr', () => {
    const r = runCli(['inspect', samplePath('pop3-unicode.pst'), '--csv', '--progress-json'], { env: { ...process.env, POPHIST_PROGRESS_DELAY: '0' } });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('{'))).toEqual([]);
  });
});
