// Every row of a recovered attachment table is listed by name, role and size, with whether its data
// survived. The store: our writer's older Message Manager (a 120-tag Blob and an empty Restags),
// deleted, then the block holding the Blob attachment's object (its properties and data) overwritten
// whole, trailer included, as reused space would be; the attachment table that names it survives.

import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../tools/samples/spec.js';
import { writeSample } from '../../tools/samples/build.js';
import { runCli } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-recover-att-'));

/** The writer's store, its Blob's block zeroed: the block (64-byte aligned, Unicode trailer of 16 bytes) that holds the first tag. */
function overwrittenBlobStore(): string {
  const base = SAMPLES.find((s) => s.file === 'pop3-rewritten.pst')!;
  const older = base.olderManagers![1]!;
  const path = writeSample({ ...base, file: 'overwritten-blob.pst', encryption: 'none', olderManagers: [{ accounts: older.accounts }] }, dir);
  const bytes = readFileSync(path);
  const at = bytes.indexOf('kept'); // the older blob's first tag (encryption none: the bytes as written)
  expect(at).toBeGreaterThan(0);
  for (let end = (Math.floor(at / 64) + 1) * 64; end < bytes.length; end += 64) {
    const cb = bytes.readUInt16LE(end - 16);
    const start = end - Math.ceil((cb + 16) / 64) * 64;
    if (cb > 0 && cb <= 8176 && start <= at) {
      bytes.fill(0, start, end);
      writeFileSync(path, bytes);
      return path;
    }
  }
  throw new Error('no block around the blob');
}

describe('--recover: an attachment table whose Blob was overwritten', () => {
  const store = overwrittenBlobStore();

  it('JSON lists both rows: the Blob by the name its row gives, data overwritten, with the size the row states; the Restags empty', () => {
    const r = runCli(['inspect', store, '--recover', '--json']);
    const report = JSON.parse(r.stdout);
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    const managers = report.sources[0].recovered.filter((x: { kind: string }) => x.kind === 'manager');
    expect(managers).toHaveLength(1);
    expect(managers[0].attachments).toEqual([
      expect.objectContaining({ longFilename: 'BlobPOPfrank@example.com', role: 'history', dataSurvives: false, dataLost: 'overwritten', attachSize: expect.any(Number) }),
      expect.objectContaining({ role: 'restags', dataSurvives: true, size: 0 }),
    ]);
    expect(managers[0].attachments[0].attachSize).toBeGreaterThan(3000);
  });

  it('the table names each row, says the Blob data was overwritten, and says 0 bytes only of the empty Restags', () => {
    const out = runCli(['inspect', store, '--recover']).stdout;
    expect(out).toContain('2 attachments');
    expect(out).toMatch(/^ {6}history blob `BlobPOPfrank@example\.com`: its data was overwritten \(PR_ATTACH_SIZE \d+ bytes\)$/m);
    expect(out).toMatch(/^ {6}restags `RestagsPOPfrank@example\.com`: empty \(0 bytes\)$/m);
    expect(out.match(/0 bytes/g)).toHaveLength(1);
  });

  it('on the rewritten sample, each older Blob says how many bytes of its data survive', () => {
    const out = runCli(['inspect', join('samples', 'pop3-rewritten.pst'), '--recover']).stdout;
    expect(out).toMatch(/history blob `BlobPOPfrank@example\.com`: 2957 bytes of data survive$/m);
  });
});
