// Writer-made Outlook 2013+ OSTs (4 KiB pages, wVer 36), compressed and not, hold the same content
// as their PST sample: `pophist inspect` must say the same of both, but for where the file is and
// what format it has.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../tools/samples/build.js';
import { asOst4k } from '../../tools/samples/spec.js';
import { runCli } from '../support/cli.js';
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

function inspect(file: string): { code: number; source: Source } {
  const r = runCli(['inspect', file, '--json']);
  return { code: r.code, source: (JSON.parse(r.stdout) as { sources: Source[] }).sources[0]! };
}

/** The report of one source without the fields that name the file and its format. */
function content(s: Source): Record<string, unknown> {
  const { path: _path, size: _size, kind: _kind, format: _format, ...rest } = s;
  return rest;
}

describe('4 KiB-page OSTs from our writer', () => {
  it.each(['pop3-unicode.pst', 'two-accounts.pst', 'correlation-cases.pst', 'no-history.pst'])('%s: the same report as the PST, compressed or not', (file) => {
    const pst = inspect(samplePath(file));
    for (const compress of [true, false]) {
      // Under the PST's own name (the writer derives the manager's search key from it), in a folder of its own.
      const dir = join(tmp, compress ? 'zlib' : 'plain');
      mkdirSync(dir, { recursive: true });
      const ost = inspect(writeSample(asOst4k(spec(file), file, compress), dir));
      expect(ost.source.format).toEqual({ variant: 'unicode-4k', encryption: 'none' });
      expect(ost.source.kind).toBe('ost'); // from the header's content type, SO
      expect(ost.source.warnings).toEqual([]);
      expect(content(ost.source)).toEqual(content(pst.source));
      expect(ost.code).toBe(pst.code);
    }
  });
});
