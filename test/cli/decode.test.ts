// `pophist decode`, run as a user runs it: the built bin/pophist in a child process.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { TABLE_ROW_LIMIT } from '../../src/report/table.js';
import { runCli, runCliInProcess } from '../support/cli.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';
import { blob, docsExample } from '../support/blobs.js';
import { repoRoot } from '../support/corpus.js';

let dir: string;
let rawFile: string;
let hexFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pophist-decode-'));
  rawFile = join(dir, 'docs-example.bin');
  writeFileSync(rawFile, docsExample());
  hexFile = join(dir, 'blob.hex');
  // Hex as it appears in a report: spaced pairs over several lines.
  writeFileSync(hexFile, Buffer.from(docsExample()).toString('hex').replace(/(..)/g, '$1 ').replace(/(.{48})/g, '$1\n'));
});

describe('pophist decode', () => {
  it('decodes a raw blob to a table on stdout, nothing on stderr, exit 0', async () => {
    const r = (await runCliInProcess(['decode', rawFile]));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0BC535DB-EA63-11E1-A75C-00215AD7BB74');
    expect(r.stdout).toContain('2012-09-06T13:11:38Z');
    expect(r.stdout).toContain('23 tags (declared 23, version 3)');
  });

  it('auto-detects hex text and gives the same JSON as the raw bytes', async () => {
    const raw = JSON.parse((await runCliInProcess(['decode', rawFile, '--json'])).stdout);
    const hex = JSON.parse((await runCliInProcess(['decode', hexFile, '--json'])).stdout);
    expect(hex.sources[0].histories).toEqual(raw.sources[0].histories);
  });

  it('reads standard input with -', async () => {
    const r = runCli(['decode', '-', '--json'], { input: Buffer.from(docsExample()).toString('hex') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].histories[0].entries).toHaveLength(23);
  });

  it('--json validates against the schema', async () => {
    const report = JSON.parse((await runCliInProcess(['decode', rawFile, '--json'])).stdout);
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    expect(report.sources[0]).toMatchObject({ kind: 'blob', status: 'history-found' });
  });

  it('--ndjson: a report line, a source line, then one line per entry, each valid', async () => {
    const lines = (await runCliInProcess(['decode', rawFile, '--ndjson'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(25);
    expect(lines[0]).toMatchObject({ type: 'report', options: { correlate: false } });
    expect(lines[1].type).toBe('source');
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
    expect(lines[2]).toMatchObject({ type: 'entry', source: rawFile, uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74' });
  });

  it('--csv: a header, a report row, a source row and one row per entry', async () => {
    const rows = (await runCliInProcess(['decode', rawFile, '--csv'])).stdout.trim().split('\r\n');
    expect(rows).toHaveLength(26);
    expect(rows[0]!.split(',')).toContain('uid');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['report', 'source', ...Array<string>(23).fill('entry')]);
  });

  it('exit 1 when the blob holds no entry, with its anomalies shown', async () => {
    const f = join(dir, 'empty.bin');
    writeFileSync(f, encodeBlob([], { declaredCount: 3 }));
    const r = (await runCliInProcess(['decode', f]));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('COUNT_MISMATCH');
  });

  it('exit 2 and one line on stderr for a missing file, no stack trace', async () => {
    const r = (await runCliInProcess(['decode', join(dir, 'nope.bin')]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^pophist: cannot read .*nope\.bin: ENOENT/);
  });

  it('an empty file is exit 2, "empty file", one line', async () => {
    const f = join(dir, 'zero.bin');
    writeFileSync(f, '');
    const r = (await runCliInProcess(['decode', f]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pophist: ${f}: empty file, nothing to decode\n`);
  });

  it('reads xxd and hexdump -C dumps (with squeezed lines) as the bytes they show', async () => {
    // Forty zero bytes after the tags make hexdump squeeze repeated lines into "*".
    const bytes = encodeBlob(Array.from({ length: 3 }, (_, i) => ({ operation: 'downloaded', content: 'body', time: '2024-01-01T00:00:00Z', uid: `U${i}` })), { trailer: new Uint8Array(64) });
    const f = join(dir, 'dumped.bin');
    writeFileSync(f, bytes);
    const raw = JSON.parse((await runCliInProcess(['decode', f, '--json'])).stdout).sources[0].histories;
    for (const tool of [['xxd', f], ['xxd', '-g1', f], ['hexdump', '-C', f]]) {
      const text = execFileSync(tool[0]!, tool.slice(1), { encoding: 'utf8' });
      if (tool[0] === 'hexdump') expect(text).toContain('\n*\n');
      const r = runCli(['decode', '-', '--json'], { input: text });
      expect(r.code, tool.join(' ')).toBe(0);
      expect(JSON.parse(r.stdout).sources[0].histories).toEqual(raw);
    }
  });

  it('exit 2 for --hex on a file that is not hex', async () => {
    const r = (await runCliInProcess(['decode', rawFile, '--hex']));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not hex text/);
  });

  it('exit 2 for bad usage, one line', async () => {
    const r = (await runCliInProcess(['decode']));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const r2 = (await runCliInProcess(['decode', rawFile, '--json', '--csv']));
    expect(r2.code).toBe(2);
  });

  it('--help works for the program and for decode', async () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('inspect');
    const d = runCli(['decode', '--help']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('--hex');
  });

  it('the Outlook 2016 shape: 4 entries, the trailer shown as info, exit 0', async () => {
    const f = join(dir, 'outlook2016.bin');
    writeFileSync(f, blob(3, 4, '+b20200102030405a', '+b20200102030406b', '+b20200102030407c', '+b20200102030408d', [0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef]));
    const r = (await runCliInProcess(['decode', f]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('trailer: 00000000deadbeef');
    expect(r.stdout).toContain('info: TRAILER');
    expect(r.stdout).not.toMatch(/warning|error/);
  });

  it('shows a control character from the evidence escaped, never raw', async () => {
    const f = join(dir, 'escape.bin');
    writeFileSync(f, blob(3, 1, '+b20200102030405\x1b[2J\x07'));
    const r = (await runCliInProcess(['decode', f]));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\\x1B[2J\\x07');
    expect(r.stdout).not.toMatch(/[\x07\x1b]/);
  });

  describe('a 65,535-tag blob', () => {
    let big: string;
    beforeAll(() => {
      big = join(dir, 'big.bin');
      const entries: TagInput[] = Array.from({ length: 65535 }, (_, i) => ({ operation: 'downloaded', content: 'body', time: '2020-01-01T00:00:00Z', uid: `u-${i}` }));
      writeFileSync(big, encodeBlob(entries));
    });

    it('the table stops after its limit and says how to see every tag', async () => {
      const r = (await runCliInProcess(['decode', big]));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`${65535 - TABLE_ROW_LIMIT} more tags not shown here`);
      expect(r.stdout).toContain(`u-${TABLE_ROW_LIMIT - 1} `);
      expect(r.stdout).not.toContain(`u-${TABLE_ROW_LIMIT} `);
    });

    it('--ndjson lists every tag', async () => {
      const r = (await runCliInProcess(['decode', big, '--ndjson']));
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(2 + 65535);
    });

    it('--json through a slow pipe is the whole document, as written to a file', async () => {
      // About 25 MB: written in batches, each waiting for the pipe to drain while the reader sleeps.
      const file = join(dir, 'big.json');
      const piped = join(dir, 'big-piped.json');
      const pophist = `"${process.execPath}" bin/pophist decode "${big}" --json`;
      const r = spawnSync('bash', ['-c', `set -o pipefail; ${pophist} > "${file}" && ${pophist} | (sleep 1; cat > "${piped}")`], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      const bytes = readFileSync(piped);
      expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
      expect(bytes.equals(readFileSync(file))).toBe(true);
      expect((JSON.parse(bytes.toString('utf8')) as { sources: { histories: { entries: unknown[] }[] }[] }).sources[0]!.histories[0]!.entries).toHaveLength(65535);
    });

    it('a reader that closes the pipe early gets no error and no stack trace', async () => {
      const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" bin/pophist decode "${big}" --ndjson | head -c 10 >/dev/null`], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });
});
