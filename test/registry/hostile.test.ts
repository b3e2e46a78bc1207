// Hostile hives, made by our writer and then broken: truncated, a cell size past its hbin, subkey
// lists that loop, 100,000 values, 64 MiB of big data, nesting past 512 keys. Each ends with a warning
// or an error naming the file offset, read within the limits, and the command never crashes.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHiveAccounts } from '../../src/accounts/index.js';
import { MAX_DEPTH, MAX_ENTRIES, MAX_VALUE_BYTES, openHive } from '../../src/registry/index.js';
import { writeHive, type KeySpec, type ValueSpec } from '../../tools/regwrite/write.js';
import { runCli } from '../support/cli.js';
import { ourDump } from '../support/reg-oracles.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-hostile-hives-'));
const ACCOUNT = 'Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles\\Outlook\\9375CFF0413111d3B88A00104B2A6676\\00000002';
const utf16 = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le');
const dword = (n: number): Buffer => Buffer.from(Uint32Array.of(n).buffer);

const ACCOUNT_VALUES: ValueSpec[] = [
  { name: 'clsid', type: 1, data: utf16('{ED475411-B0D6-11D2-8C3B-00104B2A6676}') },
  { name: 'Account Name', type: 3, data: utf16('Hostile') },
  { name: 'Mini UID', type: 4, data: dword(0x34ecccac) },
  { name: 'Leave on Server', type: 4, data: dword(0x000e0003) },
];

/** The tree down to one POP3 account key, with extra values or subkeys on that key. */
function tree(extra: { values?: ValueSpec[]; subkeys?: KeySpec[] } = {}): KeySpec {
  let key: KeySpec = { name: '00000002', values: [...ACCOUNT_VALUES, ...(extra.values ?? [])], subkeys: extra.subkeys ?? [] };
  for (const name of ACCOUNT.split('\\').slice(0, -1).reverse()) key = { name, subkeys: [key] };
  return { name: 'ROOT', subkeys: [key] };
}

const save = (name: string, bytes: Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('hostile hives', () => {
  it('the whole tree reads as written: the base for each case below', () => {
    const { bytes } = writeHive(tree());
    const h = readHiveAccounts('ok', bytes);
    expect(h.warnings).toEqual([]);
    expect(h.profiles[0]!.accounts[0]).toMatchObject({ accountName: 'Hostile', blobName: 'Blob34ecccac' });
  });

  it('truncated inside the base block: an error at the end of the file, exit 2', () => {
    const p = save('short.dat', writeHive(tree()).bytes.subarray(0, 2000));
    const r = runCli(['accounts', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pophist: ${p}: the file ends at 2000 bytes, inside the 4096-byte base block (registry, offset 2000)\n`);
  });

  it('truncated inside the hive bins: warnings name where the data ends, the root key past it is an error', () => {
    const { bytes } = writeHive(tree());
    const h = readHiveAccounts('cut', bytes.subarray(0, 4096 + 2048));
    expect(h.status).toBe('error');
    expect(h.error).toMatchObject({ code: 'BAD_CELL', offset: expect.any(Number) });
    expect(h.warnings).toEqual([
      { code: 'TRUNCATED', offset: 6144, message: expect.stringContaining('the file ends at 6144: keys and values past the end are missing') },
      { code: 'TRUNCATED', offset: 4096, message: expect.stringContaining('runs past the end of the data (offset 6144): it is not read') },
    ]);
    const r = runCli(['accounts', save('cut.dat', bytes.subarray(0, 4096 + 2048)), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).hives[0].error.message).toMatch(/cell offset 0x[0-9a-f]+ is not inside a hive bin/);
  });

  it('a cell size pointing past its hbin: the key is a warning naming the cell, the rest still read', () => {
    const { bytes, layout } = writeHive(tree());
    const nk = layout.keys.get(ACCOUNT)!.nk;
    bytes.writeInt32LE(-0x100000, 4096 + nk);
    const h = readHiveAccounts('past', bytes);
    expect(h.status).toBe('read');
    expect(h.profiles.map((p) => [p.name, p.accounts.length])).toEqual([['Outlook', 0]]);
    expect(h.warnings).toContainEqual({ code: 'BAD_CELL', offset: 4096 + nk, message: expect.stringContaining('a cell of 1048576 bytes here runs past the end of its hive bin') });
  });

  it('a subkey list entry pointing at an ancestor, and an index root listing itself: skipped with a LOOP warning', () => {
    const { bytes, layout } = writeHive(tree());
    const profiles = layout.keys.get(ACCOUNT.split('\\').slice(0, -3).join('\\'))!;
    const parent = layout.keys.get(ACCOUNT.split('\\').slice(0, -4).join('\\'))!.nk;
    // Profiles' one lh entry now points at Windows Messaging Subsystem, its parent.
    bytes.writeUInt32LE(parent, 4096 + profiles.subkeyList! + 8);
    const h = readHiveAccounts('loop', bytes);
    expect(h.profiles).toEqual([]);
    expect(h.warnings).toContainEqual({ code: 'LOOP', offset: 4096 + parent, message: expect.stringContaining('points back at this key, an ancestor') });

    const again = writeHive(tree());
    const list = again.layout.keys.get(ACCOUNT.split('\\').slice(0, -1).join('\\'))!.subkeyList!;
    again.bytes.write('ri', 4096 + list + 4, 'latin1');
    again.bytes.writeUInt32LE(list, 4096 + list + 8);
    const h2 = readHiveAccounts('ri', again.bytes);
    expect(h2.profiles[0]!.accounts).toEqual([]);
    expect(h2.warnings).toContainEqual({ code: 'LOOP', offset: 4096 + list, message: expect.stringContaining('its index root lists a subkey list twice or itself') });
  });

  it(`100,000 values on the account key: the first ${MAX_ENTRIES} read, a LIMIT warning at the key`, () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `v${i}`, type: 4, data: dword(i) }));
    const { bytes, layout } = writeHive(tree({ values: many }));
    const r = runCli(['accounts', save('many.dat', bytes), '--json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout).hives[0];
    expect(h.profiles[0].accounts[0]).toMatchObject({ accountName: 'Hostile', blobName: 'Blob34ecccac' });
    expect(h.warnings).toEqual([{ code: 'LIMIT', offset: 4096 + layout.keys.get(ACCOUNT)!.nk, message: `key "00000002" has 100004 values, more than ${MAX_ENTRIES}: the rest are not read` }]);
  });

  it(`a 64 MiB big-data value: not read past ${MAX_VALUE_BYTES} bytes, a note and a warning naming its record`, () => {
    const huge = Buffer.alloc(64 * 1024 * 1024, 0x41);
    const { bytes } = writeHive(tree({ values: [{ name: 'POP3 Server', type: 3, data: huge }] }));
    const r = runCli(['accounts', save('huge.dat', bytes), '--json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout).hives[0];
    const account = h.profiles[0].accounts[0];
    expect(account.pop3Server).toBeUndefined();
    expect(account.notes).toEqual([expect.stringMatching(/^"POP3 Server": value "POP3 Server" holds 67108864 bytes, past the 16777216-byte limit; not read \(registry, offset \d+\)$/)]);
    expect(h.warnings).toEqual([expect.objectContaining({ code: 'LIMIT', offset: expect.any(Number) })]);
  });

  it('big data under the limit is read whole, segment by segment', () => {
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    const h = openHive(writeHive(tree({ values: [{ name: 'Blob', type: 3, data }] })).bytes);
    const dump = ourDump(h);
    expect(dump.values.get(`/${ACCOUNT.replace(/\\/g, '/')}/Blob`)).toBe(`BINARY ${data.toString('hex')}`);
  });

  it(`keys nested past ${MAX_DEPTH}: a TOO_DEEP warning, the walk ends`, () => {
    let deep: KeySpec = { name: 'bottom' };
    for (let i = 0; i < MAX_DEPTH + 10; i++) deep = { name: `k${i}`, subkeys: [deep] };
    const h = openHive(writeHive({ name: 'ROOT', subkeys: [deep] }).bytes);
    const dump = ourDump(h);
    expect(dump.keys.size).toBe(MAX_DEPTH + 1);
    expect(h.warnings.list).toEqual([expect.objectContaining({ code: 'TOO_DEEP', offset: expect.any(Number) })]);
  });
});
