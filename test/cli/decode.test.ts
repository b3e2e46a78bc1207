// `pophist decode`, run as a user runs it: the built bin/pophist in a child process.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/pop3/blob.js';
import { runCli } from '../support/cli.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';
import { docsExample } from '../support/blobs.js';

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
  it('decodes a raw blob to a table on stdout, nothing on stderr, exit 0', () => {
    const r = runCli(['decode', rawFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0BC535DB-EA63-11E1-A75C-00215AD7BB74');
    expect(r.stdout).toContain('2012-09-06T13:11:38Z');
    expect(r.stdout).toContain('23 tags (declared 23, version 3)');
  });

  it('auto-detects hex text and gives the same JSON as the raw bytes', () => {
    const raw = JSON.parse(runCli(['decode', rawFile, '--json']).stdout);
    const hex = JSON.parse(runCli(['decode', hexFile, '--json']).stdout);
    expect(hex.sources[0].histories).toEqual(raw.sources[0].histories);
  });

  it('reads standard input with -', () => {
    const r = runCli(['decode', '-', '--json'], { input: Buffer.from(docsExample()).toString('hex') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0].histories[0].entries).toHaveLength(23);
  });

  it('--json validates against the schema', () => {
    const report = JSON.parse(runCli(['decode', rawFile, '--json']).stdout);
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    expect(report.sources[0]).toMatchObject({ kind: 'blob', status: 'history-found' });
  });

  it('--ndjson: a source line then one line per entry, each valid', () => {
    const lines = runCli(['decode', rawFile, '--ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(24);
    expect(lines[0].type).toBe('source');
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
    expect(lines[1]).toMatchObject({ type: 'entry', source: rawFile, uid: '0BC535DB-EA63-11E1-A75C-00215AD7BB74' });
  });

  it('--csv: a header and one row per entry', () => {
    const rows = runCli(['decode', rawFile, '--csv']).stdout.trim().split('\r\n');
    expect(rows).toHaveLength(24);
    expect(rows[0]!.split(',')).toContain('uid');
  });

  it('exit 1 when the blob holds no entry, with its anomalies shown', () => {
    const f = join(dir, 'empty.bin');
    writeFileSync(f, encodeBlob([], { declaredCount: 3 }));
    const r = runCli(['decode', f]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('COUNT_MISMATCH');
  });

  it('exit 2 and one line on stderr for a missing file, no stack trace', () => {
    const r = runCli(['decode', join(dir, 'nope.bin')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^pophist: cannot read .*nope\.bin: ENOENT/);
  });

  it('exit 2 for --hex on a file that is not hex', () => {
    const r = runCli(['decode', rawFile, '--hex']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not hex text/);
  });

  it('exit 2 for bad usage, one line', () => {
    const r = runCli(['decode']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const r2 = runCli(['decode', rawFile, '--json', '--csv']);
    expect(r2.code).toBe(2);
  });

  it('--help works for the program and for decode', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('inspect');
    const d = runCli(['decode', '--help']);
    expect(d.code).toBe(0);
    expect(d.stdout).toContain('--hex');
  });
});
