// Writer-made Outlook 2013+ OSTs (4 KiB pages, wVer 36), compressed and not, hold the same content
// as their PST sample: `pophist inspect` must say the same of both, but for where the file is and
// what format it has.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../tools/samples/build.js';
import { asOst4k } from '../../tools/samples/spec.js';
import { runCliInProcess } from '../support/cli.js';
import { samplePath, spec } from '../support/samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-ost-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Source {
  path: string;
  size: number;
  kind: string;
  format: { variant: string; encryption: string };
  warnings: unknown[];
  [k: string]: unknown;
}

// What pophist reports, not the process: the CLI's main() in this process.
async function inspect(file: string): Promise<{ code: number; source: Source }> {
  const r = await runCliInProcess(['inspect', file, '--json']);
  return { code: r.code, source: (JSON.parse(r.stdout) as { sources: Source[] }).sources[0]! };
}

/** The report of one source without the fields that name the file and its format. */
function content(s: Source): Record<string, unknown> {
  const { path: _path, size: _size, kind: _kind, format: _format, ...rest } = s;
  return rest;
}

describe('4 KiB-page OSTs from our writer', () => {
  it.each(['pop3-unicode.pst', 'two-accounts.pst', 'correlation-cases.pst', 'no-history.pst'])('%s: the same report as the PST, compressed or not', async (file) => {
    const pst = await inspect(samplePath(file));
    for (const compress of [true, false]) {
      // Under the PST's own name (the writer derives the manager's search key from it), in a folder of its own.
      const dir = join(tmp, compress ? 'zlib' : 'plain');
      mkdirSync(dir, { recursive: true });
      const ost = await inspect(writeSample(asOst4k(spec(file), file, compress), dir));
      expect(ost.source.format).toEqual({ variant: 'unicode-4k', encryption: 'none' });
      expect(ost.source.kind).toBe('ost'); // from the header's content type, SO
      expect(ost.source.warnings).toEqual([]);
      expect(content(ost.source)).toEqual(content(pst.source));
      expect(ost.code).toBe(pst.code);
    }
  });
});

describe('4 KiB-page OSTs: older Message Managers in freed space (--recover)', () => {
  it.each([true, false])('compressed %s: the three deleted versions and their histories, found by carving 512-byte aligned blocks', async (compress) => {
    const s = spec('pop3-rewritten.pst');
    const dir = join(tmp, `rewritten-${compress}`);
    mkdirSync(dir, { recursive: true });
    const r = await runCliInProcess(['inspect', writeSample(asOst4k(s, s.file, compress), dir), '--json', '--recover']);
    const src = (JSON.parse(r.stdout) as { sources: { recovered: { kind: string; status: string; entries?: { uid: string }[] }[]; recoveryScan: { amap: string } }[] }).sources[0]!;
    // Written without allocation maps: the whole file is scanned.
    expect(src.recoveryScan.amap).toBe('not-valid');
    expect(src.recovered.filter((x) => x.kind === 'manager')).toHaveLength(3);
    const histories = src.recovered.filter((x) => x.kind === 'history');
    const versions = s.olderManagers!.map((v) => v.accounts[0]!.tags.map((t) => t.uid));
    expect(histories).toHaveLength(3);
    expect(histories[0]).toMatchObject({ status: 'whole' });
    expect(histories[0]!.entries!.map((e) => e.uid)).toEqual(versions[0]);
    expect(histories[2]).toMatchObject({ status: 'whole' });
    expect(histories[2]!.entries!.map((e) => e.uid)).toEqual(versions[2]);
    // Version 2 had the next block written into it: what survives is its own tags, in order.
    const middle = histories[1]!.entries!.map((e) => e.uid);
    expect(middle.length).toBeGreaterThan(50);
    expect(versions[1]!.filter((u) => middle.includes(u))).toEqual(middle);
  });
});
