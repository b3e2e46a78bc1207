// An analyst's outputs (issue 29): never over an existing file unless --force, never a partial
// file, one plain line for every refusal; a run that examined nothing is exit 2; `--csv` takes a
// directory or nothing; `ls` takes what inspect takes; the header says what was compared. What is
// checked is what pophist writes, not the process: in-process runs, but for the one made as another user.

import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runCliInProcess, type CliResult } from '../support/cli.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateLs } from '../support/schema.js';

const work = mkdtempSync(join(tmpdir(), 'pophist-safety-'));
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const store = samplePath('pop3-unicode.pst');
const oneLine = (r: CliResult): void => {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^pophist: [^\n]+\n$/);
};
/** What a directory holds, temporary files included: nothing partial may stay behind. */
const listing = (dir: string): string[] => readdirSync(dir).sort();

describe('row 1: an existing output is refused unless --force, and is only ever replaced whole', () => {
  it.each([['-o'], ['--html']])('%s FILE run twice: the second run is refused and the file kept; --force replaces it', async (flag) => {
    const dir = join(work, `twice${flag}`);
    mkdirSync(dir);
    const out = join(dir, 'report.out');
    const first = await runCliInProcess(['inspect', store, '--json', flag, out]);
    expect(first.code).toBe(0);
    const before = readFileSync(out);
    const again = await runCliInProcess(['inspect', samplePath('two-accounts.pst'), '--json', flag, out]);
    oneLine(again);
    expect(again.stderr).toBe(`pophist: refusing to write ${out}: it exists; give --force to replace it, or another name\n`);
    expect(readFileSync(out).equals(before)).toBe(true);
    const forced = await runCliInProcess(['inspect', samplePath('two-accounts.pst'), '--json', flag, out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).equals(before)).toBe(false);
    expect(listing(dir)).toEqual(['report.out']);
  });

  it('decode spells it --overwrite (its --force decodes a store as a blob)', async () => {
    const out = join(work, 'decode.json');
    writeFileSync(out, 'kept');
    const r = await runCliInProcess(['decode', samplePath('docs-example.bin'), '--json', '-o', out]);
    expect(r.stderr).toBe(`pophist: refusing to write ${out}: it exists; give --overwrite to replace it, or another name\n`);
    expect(readFileSync(out, 'utf8')).toBe('kept');
    expect((await runCliInProcess(['decode', samplePath('docs-example.bin'), '--json', '-o', out, '--overwrite'])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('pophist/report@3');
  });
});

describe('row 2: a run that examined nothing is exit 2, in one line saying what was skipped and why', () => {
  it('a case folder whose stores are in subdirectories, without -r', async () => {
    const top = join(work, 'case-folder');
    mkdirSync(join(top, 'alice'), { recursive: true });
    copyFileSync(store, join(top, 'alice', 'alice.pst'));
    writeFileSync(join(top, 'notes.txt'), 'case notes');
    writeFileSync(join(top, 'empty.pst'), '');
    const r = await runCliInProcess(['inspect', top]);
    oneLine(r);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `pophist: nothing examined: 1 subdirectory not searched (add -r to search them); skipped ${top}/empty.pst: an empty file; skipped ${top}/notes.txt: not a PST, OST or MSG file (no !BDN or compound-file signature)\n`,
    );
    expect((await runCliInProcess(['inspect', top, '-r', '--no-correlate'])).code).toBe(0);
  });
});

describe('row 4: what follows --csv is a directory, an input, or refused', () => {
  it('a file name that is not evidence is refused in one line, before anything is written', async () => {
    const r = await runCliInProcess(['inspect', '--csv', join(work, 'out', 'x.csv'), store]);
    oneLine(r);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pophist: --csv takes a directory (or nothing, for standard output): ${join(work, 'out', 'x.csv')} is not a directory\n`);
  });

  it('an existing evidence file is an input, and the CSV goes to standard output as before', async () => {
    const r = await runCliInProcess(['inspect', '--csv', store]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCliInProcess(['inspect', store, '--csv'])).stdout);
    expect(r.stdout.trimEnd().split('\r\n').at(-1)).toMatch(/^end,/);
  });

  it('a directory after --csv is where the files go, and says so when it was meant as the input', async () => {
    const r = await runCliInProcess(['inspect', '--csv', work]);
    oneLine(r);
    expect(r.stderr).toContain(`--csv took ${work} as the directory to write its files in`);
  });

  it('an existing directory takes the files; --timestamp names them with the run time and never overwrites', async () => {
    const dir = join(work, 'csv-out');
    mkdirSync(dir);
    expect((await runCliInProcess(['inspect', store, '--csv', dir])).code).toBe(0);
    const plain = listing(dir);
    expect(plain).toContain('entries.csv');
    expect((await runCliInProcess(['inspect', store, '--csv', dir])).stderr).toBe(`pophist: refusing to write ${join(dir, 'run.csv')}: it exists; give --force to replace it, or another name\n`);
    const stamped = await runCliInProcess(['inspect', store, '--csv', dir, '--timestamp']);
    expect(stamped.code).toBe(0);
    const names = listing(dir).filter((f) => !plain.includes(f));
    expect(names).toHaveLength(plain.length);
    expect(names.every((f) => /^\d{14}_[a-z-]+\.csv$/.test(f))).toBe(true);
    // The stamp is the run's time, as the report's own header states it.
    const generated = readFileSync(join(dir, names.find((f) => f.endsWith('_run.csv'))!), 'utf8').match(/(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/)!;
    expect(names[0]!.slice(0, 14)).toBe(generated.slice(1).join(''));
  });
});

describe('row 9: one plain line for each usage mistake', () => {
  it.each([
    [['inspect', store, '--timeline', 'xml'], 'pophist: --timeline takes one of timesketch-jsonl, timesketch-csv, l2tcsv, bodyfile; got "xml"\n'],
    [['inspect', store, '--timeline'], 'pophist: --timeline takes one of timesketch-jsonl, timesketch-csv, l2tcsv, bodyfile; got no value\n'],
    [[store], `pophist: unknown command "${store}": did you mean \`pophist inspect ${store}\`?\n`],
    [['inspect', store, '-o', work], `pophist: -o/--output ${work}: is a directory; name a file to write\n`],
    [['inspect', store, '-o', join(work, 'nope', 'r.json')], `pophist: -o/--output ${join(work, 'nope', 'r.json')}: no such directory ${join(work, 'nope')}\n`],
  ])('%j', async (args, line) => {
    const r = await runCliInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(line);
    expect(r.stdout).toBe('');
  });

  it('a zero-byte file is "an empty file", named or found in a folder', async () => {
    const dir = join(work, 'zero');
    mkdirSync(dir);
    writeFileSync(join(dir, 'zero.pst'), '');
    expect((await runCliInProcess(['inspect', join(dir, 'zero.pst')])).stderr).toBe(`pophist: ${join(dir, 'zero.pst')}: an empty file (NOT_A_PST)\n`);
    expect((await runCliInProcess(['inspect', dir])).stderr).toContain('an empty file');
  });
});

describe('bad outputs: evidence, a link to it, an unwritable directory, /dev/full', () => {
  const evidence = join(work, 'evidence');
  mkdirSync(evidence);
  copyFileSync(samplePath('two-accounts.pst'), join(evidence, 'other.pst'));
  const link = join(work, 'link-to-evidence.json');
  symlinkSync(join(evidence, 'other.pst'), link);
  const locked = join(work, 'locked');
  mkdirSync(locked, { mode: 0o555 });
  chmodSync(locked, 0o555);
  const bytes = readFileSync(join(evidence, 'other.pst'));

  it.each([
    ['-o an evidence file', ['-o', join(evidence, 'other.pst'), '--force']],
    ['-o a symbolic link to one', ['-o', link, '--force']],
    ['--html an evidence file', ['--html', join(evidence, 'other.pst'), '--force']],
    ['--html a symbolic link to one', ['--html', link]],
    ['--csv= an evidence file', [`--csv=${join(evidence, 'other.pst')}`]],
    ['--csv= a symbolic link to one', [`--csv=${link}`]],
    ['-o /dev/full', ['-o', '/dev/full', '--force']],
    ['--html /dev/full', ['--html', '/dev/full']],
    ['--csv /dev/full', ['--csv', '/dev/full']],
  ])('%s: refused in one line, the evidence unchanged', async (_what, flags) => {
    const r = await runCliInProcess(['inspect', store, ...flags]);
    oneLine(r);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(evidence, 'other.pst')).equals(bytes)).toBe(true);
    expect(listing(evidence)).toEqual(['other.pst']);
  });

  // Root writes anywhere: the run is made as nobody (65534), as an analyst's account would be.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  it.each([
    ['-o', ['-o', join(locked, 'r.json'), '--json']],
    ['--html', ['--html', join(locked, 'r.html')]],
    ['--csv DIR', ['--csv', locked]],
  ])('%s in a directory without write permission: one line, no file', (_what, flags) => {
    const r = runCli(['inspect', store, ...flags], asUser);
    oneLine(r);
    expect(r.stderr).toMatch(/^pophist: cannot write .*: permission denied \(EACCES\)\n$/);
    expect(listing(locked)).toEqual([]);
  });
});

describe('row 10: ls takes directories, -r, --hash and -o as inspect does', () => {
  it('a folder walked with -r, hashed, to a file; refused over an existing one', async () => {
    const top = join(work, 'ls-case');
    mkdirSync(join(top, 'sub'), { recursive: true });
    copyFileSync(store, join(top, 'a.pst'));
    copyFileSync(samplePath('no-history.pst'), join(top, 'sub', 'b.pst'));
    copyFileSync(samplePath('message-manager.msg'), join(top, 'sub', 'm.msg'));
    const out = join(work, 'ls.json');
    const r = await runCliInProcess(['ls', top, '-r', '--hash', '--json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pophist: skipped ${top}/sub/m.msg: an Outlook .msg, not a store (inspect reads it)\n`);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validateLs(doc), schemaErrors(validateLs)).toBe(true);
    expect(doc.schema).toBe('pophist/ls@2');
    expect(doc.stores.map((s: { path: string; sha256: string }) => [s.path, s.sha256.length])).toEqual([
      [`${top}/a.pst`, 64],
      [`${top}/sub/b.pst`, 64],
    ]);
    expect((await runCliInProcess(['ls', top, '-r', '-o', out])).stderr).toBe(`pophist: refusing to write ${out}: it exists; give --force to replace it, or another name\n`);
    const flat = await runCliInProcess(['ls', top, '--hash']);
    expect(flat.stdout).toMatch(/^store "Alice \(POP3\)" .*\nsha256 [0-9a-f]{64}\n/);
    expect(flat.stderr).toBe('pophist: 1 subdirectory not searched: add -r to search them\n');
    const none = await runCliInProcess(['ls', join(top, 'sub')]);
    expect(none.code).toBe(0);
  });

  it('a folder with nothing to list is exit 2 in one line', async () => {
    const empty = join(work, 'ls-empty');
    mkdirSync(empty);
    const r = await runCliInProcess(['ls', empty]);
    oneLine(r);
    expect(r.stderr).toBe('pophist: nothing examined: the directories named hold no files\n');
  });
});

describe('row 12: the header says what was compared, per source kind', () => {
  it('a .msg run with correlation on says its tags were compared with nothing, and why', async () => {
    const r = await runCliInProcess(['inspect', samplePath('message-manager.msg')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`pophist ${JSON.parse((await runCliInProcess(['inspect', store, '--json'])).stdout).tool.version} (correlation on, window 2 s: a PST or OST's tags against its messages; a .msg or blob has no messages to compare)`);
    expect(r.stdout).toContain('  correlation: nothing compared, a .msg holds no messages to tie the tags to; inspect the store it came from\n');
    expect((await runCliInProcess(['inspect', store])).stdout).not.toContain('correlation: nothing compared');
  });
});
