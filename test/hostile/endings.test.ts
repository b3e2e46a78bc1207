// Honest endings (issue 31): outputs never touch an input, a write error or a signal is one line
// and leaves no file, a streamed report says when it is whole, an input out of reach is exit 2,
// odd names stay unambiguous, and --hash says when the file changed under it. The built CLI in a
// child process with a 256 MiB heap and 10 s of CPU, as test/hostile/rows.test.ts.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBoxed, startBoxed } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';
import { samplePath, samplesDir } from '../support/samples.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';
import { describeSkipped } from '../support/skip.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-endings-'));
/** File systems this file mounted: unmounted before the work directory goes. */
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  execFileSync('rm', ['-rf', work]);
});

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const oneLine = /^pophist: [^\n]+\n$/;

describe('outputs never touch an input', () => {
  const dir = join(work, 'case');
  mkdirSync(dir);
  copyFileSync(samplePath('pop3-unicode.pst'), join(dir, 'a.pst'));
  const evidence = readFileSync(join(dir, 'a.pst'));
  const link = join(work, 'out.json');
  linkSync(join(dir, 'a.pst'), link);
  const csv = join(work, 'csv');
  mkdirSync(csv);
  linkSync(join(dir, 'a.pst'), join(csv, 'entries.csv'));

  it.each([
    ['-o', ['-o', link, '--json']],
    ['-o --force', ['-o', link, '--json', '--force']],
    ['--html --force', ['--html', link, '--force']],
    ['--csv DIR --force', ['--csv', csv, '--force']],
  ])('%s onto a hard link to a file the walk finds: exit 2, the evidence byte-identical', (_what, flags) => {
    const r = runBoxed(['inspect', dir, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain(`it is the input ${dir}/a.pst (the same file)`);
    expect(r.stdout).toBe('');
    expect(sha(readFileSync(join(dir, 'a.pst')))).toBe(sha(evidence));
    expect(readdirSync(dir)).toEqual(['a.pst']);
    expect(readdirSync(csv)).toEqual(['entries.csv']);
  });
});

describe('a write error is one line and exit 2, and leaves no file', () => {
  it('standard output on /dev/full: ENOSPC in one line', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = runBoxed(['inspect', samplesDir, '--ndjson'], { stdoutFd: full });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter((l) => !l.startsWith('pophist: skipped') && l !== '')).toEqual(['pophist: cannot write standard output: no space left on device (ENOSPC)']);
    } finally {
      closeSync(full);
    }
  });

  it('a pipe closed early (| head) stays quiet, as before: no line, the exit code of what was written', () => {
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" --max-old-space-size=256 "$1" inspect "$2" --ndjson 2>"$3" | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}"', process.execPath, join(repoRoot, 'bin/pophist'), samplesDir, join(work, 'epipe.err')], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stdout.trim()).toMatch(/^[01]$/);
    expect(readFileSync(join(work, 'epipe.err'), 'utf8')).toBe('');
  });

  it('-o past a file-size limit (ulimit -f): EFBIG in one line, the temporary file removed', () => {
    const dir = join(work, 'limited');
    mkdirSync(dir);
    const r = runBoxed(['inspect', samplePath('pop3-unicode.pst'), '--json', '-o', join(dir, 'r.json')], { wrap: ['prlimit', '--fsize=16384'] });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pophist: cannot write ${join(dir, 'r.json')}: file too large (EFBIG)\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  const mount = join(work, 'small-fs');
  mkdirSync(mount);
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' });
    mounted = true;
    mounts.push(mount);
  } catch {
    // Not permitted here (no CAP_SYS_ADMIN): the file-size limit above is the same path.
  }
  (mounted ? describe : (name: string, fn: () => void) => describeSkipped(name, 'mounting a 64 KiB tmpfs is not permitted here; skipped', fn))('a full file system', () => {
    it.each([['-o', ['--json', '-o']], ['--html', ['--html']]])('%s: ENOSPC in one line, exit 2, no file left', (_what, flags) => {
      const r = runBoxed(['inspect', samplesDir, '--recover', ...flags, join(mount, 'report')]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('pophist: cannot write'))).toEqual([`pophist: cannot write ${join(mount, 'report')}: no space left on device (ENOSPC)`]);
      expect(readdirSync(mount)).toEqual([]);
    });
  });
});

describe('interrupted runs say so and leave nothing; whole ones end with an end record', () => {
  const many = join(work, 'many');
  mkdirSync(many);
  for (let i = 0; i < 120; i++) copyFileSync(samplePath(i % 2 ? 'pop3-unicode.pst' : 'two-accounts.pst'), join(many, `s${String(i).padStart(3, '0')}.pst`));
  const lines = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; sources?: number });

  it('a whole NDJSON run ends with its end line, counting every source', () => {
    const r = runBoxed(['inspect', many, '--ndjson', '--no-correlate']);
    expect(r.code).toBe(0);
    const all = lines(r.stdout);
    expect(all.at(-1)).toEqual({ type: 'end', schema: 'pophist/report@3', complete: true, sources: 120 });
    for (const l of [all[0], all.at(-1)]) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s during an NDJSON run: "interrupted after N inputs", exit %i, no end line', async (signal, code) => {
    const run = startBoxed(['inspect', many, '--ndjson', '--no-correlate']);
    await run.waitForLine((l) => l.includes('"type":"source"'));
    run.child.kill(signal);
    const r = await run.done;
    expect(r.code).toBe(code);
    const m = /^pophist: interrupted after (\d+) inputs?\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const all = lines(r.stdout);
    expect(all.filter((l) => l.type === 'end')).toEqual([]);
    expect(all.filter((l) => l.type === 'source').length).toBe(Number(m![1]));
    expect(Number(m![1])).toBeLessThan(120);
  });

  it('SIGINT with -o, --html and --csv DIR: no final file and no temporary file', async () => {
    const out = join(work, 'interrupted');
    mkdirSync(out);
    mkdirSync(join(out, 'csv'));
    const run = startBoxed(['inspect', many, '--ndjson', '-o', join(out, 'r.ndjson'), '--html', join(out, 'r.html'), '--csv', join(out, 'csv'), '--no-correlate', '--jobs', '1', '--progress-json']);
    // Nothing reaches stdout: the run is signalled once its first input is done (its temporary files
    // are open then), whatever the pace of the machine.
    await run.waitForLine((l) => l.includes('"done":true'), 'stderr');
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toHaveLength(2);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('{')).join('\n')).toMatch(/^pophist: interrupted after \d+ inputs?\n$/);
    expect(readdirSync(out)).toEqual(['csv']);
    expect(readdirSync(join(out, 'csv'))).toEqual([]);
  });

  it('an interrupted CSV has no end row; a whole one has it', async () => {
    const run = startBoxed(['inspect', many, '--csv', '--no-correlate']);
    await run.waitForLine((l) => l.startsWith('source,'));
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code).toBe(143);
    expect(r.stdout.split('\r\n').some((l) => l.startsWith('end,'))).toBe(false);
    const whole = runBoxed(['inspect', many, '--csv', '--no-correlate']);
    expect(whole.stdout.trimEnd().split('\r\n').at(-1)).toMatch(/^end,(,*)120$/);
  });
});

describe('an input out of reach is exit 2 with the reason', () => {
  // Directories nested past PATH_MAX (4096): made by descending one at a time, as only relative paths reach them.
  const top = join(work, 'deep');
  mkdirSync(top);
  const name = 'd'.repeat(250);
  execFileSync('bash', ['-c', `cd "$1" && for i in $(seq 1 20); do mkdir "$2" && cd "$2"; done && cp "$3" evidence.pst`, 'deep', top, name, samplePath('pop3-unicode.pst')]);

  it('alone: nothing examined, ENAMETOOLONG named, exit 2 (never "no history")', () => {
    const r = runBoxed(['inspect', '-r', top, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(oneLine);
    expect(r.stderr).toContain('ENAMETOOLONG');
  });

  it('beside a readable store: the store is reported, the run still exits 2', () => {
    const r = runBoxed(['inspect', '-r', top, samplePath('no-history.pst'), '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    expect(r.stderr).toContain('ENAMETOOLONG');
  });
});

describe('names', () => {
  it('a name holding the byte 0xFF and one holding the characters \\xFF read differently, and pathHex gives the bytes', () => {
    const dir = join(work, 'names');
    mkdirSync(dir);
    const raw = Buffer.concat([Buffer.from(`${dir}/x`), Buffer.from([0xff]), Buffer.from('.pst')]);
    copyFileSync(samplePath('no-history.pst'), raw);
    copyFileSync(samplePath('no-history.pst'), join(dir, 'x\\xFF.pst'));
    const report = JSON.parse(runBoxed(['inspect', dir, '--json']).stdout) as { sources: { path: string; pathHex?: string }[] };
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    expect(report.sources.map((s) => s.pathHex)).toEqual([undefined, raw.toString('hex')]);
    const table = runBoxed(['inspect', dir]).stdout;
    expect(table).toContain(`${dir}/x\\\\xFF.pst  (pst`);
    expect(table).toContain(`${dir}/x\\xFF.pst  (pst`);
  });

  it('--hash on a file that grows during the run: the hash of the bytes read, and a warning', async () => {
    const file = join(work, 'growing.pst');
    copyFileSync(samplePath('pop3-unicode.pst'), file);
    const appender = spawn('sh', ['-c', 'while :; do printf x >> "$1"; done', 'append', file], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const r = runBoxed(['inspect', file, '--hash', '--json']);
      const source = (JSON.parse(r.stdout) as { sources: { size: number; sha256: string; warnings: { code: string; message: string }[] }[] }).sources[0]!;
      expect(source.warnings.map((w) => w.code)).toContain('CHANGED_DURING_RUN');
      expect(r.stderr).toMatch(/^pophist: warning: .*growing\.pst: the file changed while it was read \(its size went from \d+ to \d+ bytes\)/);
      appender.kill('SIGKILL');
      expect(source.sha256).toBe(sha(readFileSync(file).subarray(0, source.size)));
    } finally {
      appender.kill('SIGKILL');
    }
    writeFileSync(join(work, 'still.pst'), readFileSync(samplePath('pop3-unicode.pst')));
    const still = runBoxed(['inspect', join(work, 'still.pst'), '--hash', '--json']);
    expect(still.stderr).toBe('');
    expect(JSON.parse(still.stdout).sources[0].warnings).toEqual([]);
  });
});
