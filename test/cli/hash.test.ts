// --hash: the sha256 of each input, in every output (table, CSV, JSON) and for decode too.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const store = samplePath('two-accounts.pst');
const blob = samplePath('docs-example.bin');

it('inspect --hash: the table shows the sha256 under the source line', async () => {
  const r = (await runCliInProcess(['inspect', store, '--hash']));
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${store}  (pst`));
  expect(lines[at + 1]).toBe(`  sha256 ${sha256(store)}`);
});

/** The CSV's rows of the source (not the report row), as the sha256 cell of each. */
function sha256Cells(csv: string): string[] {
  const [header, ...rows] = csv.trimEnd().split('\r\n');
  const col = header!.split(',').indexOf('sha256');
  expect(col).toBeGreaterThan(-1);
  // The store's cells hold no comma or quote, so a plain split finds the column.
  return rows.filter((r) => !r.startsWith('report,')).map((r) => r.split(',')[col]!);
}

it('inspect --hash --csv: a sha256 column, filled on every row of the source', async () => {
  const cells = sha256Cells((await runCliInProcess(['inspect', store, '--hash', '--csv'])).stdout);
  expect(cells.length).toBeGreaterThan(1);
  expect(new Set(cells)).toEqual(new Set([sha256(store)]));
});

it('without --hash the column is there and empty', async () => {
  expect(new Set(sha256Cells((await runCliInProcess(['inspect', store, '--csv'])).stdout))).toEqual(new Set(['']));
});

it('decode --hash: the sha256 of the bytes read, in the table and the JSON', async () => {
  const table = (await runCliInProcess(['decode', blob, '--hash']));
  expect(table.code).toBe(0);
  expect(table.stdout).toContain(`  sha256 ${sha256(blob)}\n`);
  const report = JSON.parse((await runCliInProcess(['decode', blob, '--hash', '--json'])).stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  expect(report.sources[0].sha256).toBe(sha256(blob));
  expect(JSON.parse((await runCliInProcess(['decode', blob, '--json'])).stdout).sources[0].sha256).toBeUndefined();
});
