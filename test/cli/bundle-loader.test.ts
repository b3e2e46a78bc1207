// The code cache of the bundle: used when it was made from the script beside it, and never when it
// was not (the script then runs from its source).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';

const bundle = join(repoRoot, 'dist/bundle/pophist.cjs');
// Copies sit as deep in dist/ as the bundle, which finds package.json two folders up.
const dir = mkdtempSync(join(repoRoot, 'dist', 'bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `pophist --help` run from the bundle at `path` by the loader bin/pophist uses; whether it took the cache. */
function helpFrom(path: string): { cacheUsed: boolean; stdout: string } {
  const code = `const b = require(${JSON.stringify(join(repoRoot, 'bin/pophist'))}).loadBundle(process.argv[1]);
process.stderr.write(String(b.cacheUsed));
b.main(['--help']).then((c) => { process.exitCode = c; });`;
  const r = spawnSync(process.execPath, ['-e', code, path], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { cacheUsed: r.stderr === 'true', stdout: r.stdout };
}

/** A copy of the bundle (its text changed by `edit`) with `cache` beside it. */
function copy(name: string, cache: Buffer | undefined, edit = (s: string): string => s): string {
  const path = join(dir, `${name}.cjs`);
  writeFileSync(path, edit(readFileSync(bundle, 'utf8')));
  if (cache) writeFileSync(`${path}.cache`, cache);
  return path;
}

describe('the bundle and its code cache', () => {
  const cache = readFileSync(`${bundle}.cache`);

  it('the build makes a cache that the bundle uses', () => {
    const copied = join(dir, 'same.cjs');
    copyFileSync(bundle, copied);
    copyFileSync(`${bundle}.cache`, `${copied}.cache`);
    const r = helpFrom(copied);
    expect(r.cacheUsed).toBe(true);
    expect(r.stdout).toContain('Reads the POP3 download history');
  });

  it('a cache made from another text of the same length is not used: the text that is there runs', () => {
    const edited = copy('edited', cache, (s) => s.replace('Reads the POP3 download history', 'READS THE POP3 DOWNLOAD HISTORY'));
    expect(readFileSync(edited).length).toBe(readFileSync(bundle).length);
    const r = helpFrom(edited);
    expect(r.cacheUsed).toBe(false);
    expect(r.stdout).toContain('READS THE POP3 DOWNLOAD HISTORY');
  });

  it('a damaged cache is not used (V8 would crash on it): the script is compiled from its source', () => {
    const damaged = Buffer.from(cache);
    for (let i = 100; i < damaged.length; i += 97) damaged[i] = damaged[i]! ^ 0x5a;
    const r = helpFrom(copy('damaged', damaged));
    expect(r.cacheUsed).toBe(false);
    expect(r.stdout).toContain('Reads the POP3 download history');
  });

  it('each bundle is ASCII, so that the loader reads it as a one-byte string; its non-ASCII characters are escapes', () => {
    for (const name of ['pophist.cjs', 'inspect-worker.cjs', 'case-worker.cjs']) {
      const bytes = readFileSync(join(repoRoot, 'dist/bundle', name));
      expect(bytes.findIndex((b) => b > 0x7f), name).toBe(-1);
    }
    // The truncation mark of a cut cell (…) is written as an escape.
    expect(readFileSync(bundle, 'latin1')).toMatch(/\\u2026/);
  });

  it('without a cache, or with a cut one, the script runs from its source', () => {
    expect(helpFrom(copy('none', undefined)).cacheUsed).toBe(false);
    const cut = helpFrom(copy('cut', cache.subarray(0, 20)));
    expect(cut.cacheUsed).toBe(false);
    expect(cut.stdout).toContain('Reads the POP3 download history');
  });
});
