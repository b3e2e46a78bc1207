// The hive is evidence: `pophist accounts` in every output form leaves its bytes and mtime as they
// were, writes nothing beside it, and reads it as a 0444 file in a read-only directory; so does
// `pophist inspect --registry`, which puts no output beside it either.

import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { writeHive } from '../../tools/regwrite/write.js';
import { runCliInProcess } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-ro-hive-'));
const hive = join(dir, 'NTUSER.DAT');
const key = (name: string, subkeys: Parameters<typeof writeHive>[0][] = []) => ({ name, subkeys });
const account = {
  name: '00000002',
  values: [
    { name: 'clsid', type: 1, data: Buffer.from('{ED475411-B0D6-11D2-8C3B-00104B2A6676}\0', 'utf16le') },
    { name: 'Mini UID', type: 4, data: Buffer.from([0xac, 0xcc, 0xec, 0x34]) },
  ],
};
const path = 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676'.split('\\');
writeFileSync(hive, writeHive(key('ROOT', [path.reduceRight<Parameters<typeof writeHive>[0]>((inner, name) => key(name, [inner]), account)])).bytes);
utimesSync(hive, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
chmodSync(hive, 0o444);
chmodSync(dir, 0o555);
afterAll(() => chmodSync(dir, 0o755));

const fingerprint = (): string[] => readdirSync(dir).map((f) => `${f} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')} ${statSync(join(dir, f)).mtimeMs}`);

// What pophist does to the hive, not the process: the CLI's main() in this process.
it.each([[[]], [['--json']], [['--csv']]])('accounts %j changes nothing and writes nothing beside the hive', async (opts) => {
  const before = fingerprint();
  const r = await runCliInProcess(['accounts', hive, ...opts]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Blob34ecccac');
  expect(fingerprint()).toEqual(before);
});

it.each([[['--json']], [['--csv']], [[]]])('inspect --registry %j changes nothing and writes nothing beside the hive', async (opts) => {
  const before = fingerprint();
  const r = await runCliInProcess(['inspect', join(repoRoot, 'samples/pop3-unicode.pst'), '--registry', hive, ...opts]);
  expect(r.code).toBe(0);
  expect(fingerprint()).toEqual(before);
});

it('inspect --registry refuses an output beside the hive', async () => {
  const r = await runCliInProcess(['inspect', join(repoRoot, 'samples/pop3-unicode.pst'), '--registry', hive, '--html', join(dir, 'report.html')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/refusing to write .*report\.html: it is inside .*, the directory of the input .*NTUSER\.DAT/);
  expect(readdirSync(dir)).toEqual(['NTUSER.DAT']);
});
