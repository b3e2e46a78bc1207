// --hash: the sha256 of each input, in every output (table, CSV, JSON) and for decode too.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const store = samplePath('two-accounts.pst');
const blob = samplePath('docs-example.bin');

it('inspect --hash: the table shows the sha256 under the source line', () => {
  const r = runCli(['inspect', store, '--hash']);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n').slice(0, 2)).toEqual([expect.stringContaining(store), `  sha256 ${sha256(store)}`]);
});

it('inspect --hash --csv: a sha256 column, filled on every row', () => {
  const [header, ...rows] = runCli(['inspect', store, '--hash', '--csv']).stdout.trimEnd().split('\r\n');
  const col = header!.split(',').indexOf('sha256');
  expect(col).toBeGreaterThan(-1);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.split(',')[col]).toBe(sha256(store));
});

it('without --hash the column is there and empty', () => {
  const [header, row] = runCli(['inspect', store, '--csv']).stdout.split('\r\n');
  expect(row!.split(',')[header!.split(',').indexOf('sha256')]).toBe('');
});

it('decode --hash: the sha256 of the bytes read, in the table and the JSON', () => {
  const table = runCli(['decode', blob, '--hash']);
  expect(table.code).toBe(0);
  expect(table.stdout).toContain(`  sha256 ${sha256(blob)}\n`);
  const report = JSON.parse(runCli(['decode', blob, '--hash', '--json']).stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  expect(report.sources[0].sha256).toBe(sha256(blob));
  expect(JSON.parse(runCli(['decode', blob, '--json']).stdout).sources[0].sha256).toBeUndefined();
});
