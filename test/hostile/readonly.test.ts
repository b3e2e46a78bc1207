// Evidence is read-only: every command leaves every input's bytes and mtime as they were, writes
// nothing beside it, and works on a 0444 file inside a read-only directory.

import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-ro-'));
const files = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'message-manager.msg', 'docs-example.bin'];
for (const f of files) {
  copyFileSync(samplePath(f), join(dir, f));
  utimesSync(join(dir, f), new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
}

const fingerprint = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((f) => {
      const p = join(dir, f);
      return [f, `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${statSync(p).mtimeMs}`];
    }),
  );

afterAll(() => chmodSync(dir, 0o755));

describe('read-only evidence', () => {
  const before = fingerprint();
  const commands: string[][] = [
    ['inspect', dir],
    ['inspect', dir, '--json', '--hash'],
    ['inspect', dir, '--ndjson'],
    ['inspect', dir, '--csv'],
    ['inspect', join(dir, 'pop3-unicode.pst'), '--no-correlate'],
    ['ls', join(dir, 'pop3-unicode.pst'), '--fai'],
    ['ls', join(dir, 'pop3-ansi-cyclic.pst')],
    ['decode', join(dir, 'docs-example.bin'), '--json'],
    ['case', dir, '--recover'],
    ['case', dir, '--json', '--hash', '--jobs', '2'],
  ];

  // What pophist does to the files, not the process: the CLI's main() in this process.
  it.each(commands.map((c) => [c.join(' ').replace(dir, 'DIR'), c] as const))('%s changes nothing', async (_name, args) => {
    const r = await runCliInProcess([...args]);
    expect(r.code).toBe(0);
    // A directory run ends with its summary on stderr; nothing else is said there.
    const summary = /^pophist: skipped .*docs-example\.bin: not a PST, OST or MSG file .*\npophist: 3 inputs: 3 with a history; 1 skipped .*\n$/;
    if (args[1] === dir) expect(r.stderr).toMatch(summary);
    else expect(r.stderr).toBe('');
    expect(fingerprint()).toEqual(before);
  });

  it('works on 0444 files inside a read-only directory', async () => {
    for (const f of files) chmodSync(join(dir, f), 0o444);
    chmodSync(dir, 0o555);
    const r = await runCliInProcess(['inspect', dir, '--json', '--hash']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sources.map((s: { status: string }) => s.status)).toEqual(['history-found', 'history-found', 'history-found']);
    for (const s of report.sources as { path: string; sha256: string }[]) {
      expect(s.sha256).toBe(createHash('sha256').update(readFileSync(s.path)).digest('hex'));
    }
    expect(fingerprint()).toEqual(before);
  });
});
