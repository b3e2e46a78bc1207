// Random damage to a hive never crashes the reader: whatever bytes change, reading the accounts
// returns (a hive, or an error naming an offset) and every warning names an offset.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { readHiveAccounts } from '../../src/accounts/index.js';
import { openHive, RegistryFormatError } from '../../src/registry/index.js';
import { writeHive, type KeySpec } from '../../tools/regwrite/write.js';
import { ourDump } from '../support/reg-oracles.js';

const utf16 = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf16le');
const account = (id: string, uid: number): KeySpec => ({
  name: id,
  values: [
    { name: 'clsid', type: 1, data: utf16('{ED475411-B0D6-11D2-8C3B-00104B2A6676}') },
    { name: 'POP3 Server', type: 3, data: utf16('pop.example.com') },
    { name: 'Mini UID', type: 4, data: Buffer.from(Uint32Array.of(uid).buffer) },
    { name: 'Leave on Server', type: 4, data: Buffer.from([3, 0, 14, 0]) },
    { name: 'Big', type: 3, data: Buffer.alloc(20_000, 7) },
  ],
});
let tree: KeySpec = { name: '9375CFF0413111d3B88A00104B2A6676', subkeys: [account('00000002', 1), account('00000003', 2)] };
for (const name of ['Outlook', 'Profiles', 'Windows Messaging Subsystem', 'CurrentVersion', 'Windows NT', 'Microsoft', 'Software']) tree = { name, subkeys: [tree] };
const HIVE = writeHive({ name: 'ROOT', subkeys: [tree] }).bytes;

it('the undamaged hive holds both accounts', () => {
  expect(readHiveAccounts('h', HIVE).profiles[0]!.accounts.map((a) => a.pop3Server)).toEqual(['pop.example.com', 'pop.example.com']);
});

it('any 1 to 24 bytes changed, or the file cut anywhere: a result or a RegistryFormatError, every warning at an offset', () => {
  const damage = fc.record({
    // Most edits in the base block and the first hbins, where the records are; some anywhere.
    edits: fc.array(fc.record({ at: fc.oneof(fc.nat(12_287), fc.nat(HIVE.length - 1)), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 24 }),
    cut: fc.option(fc.nat(HIVE.length), { nil: undefined }),
  });
  fc.assert(
    fc.property(damage, ({ edits, cut }) => {
      const b = Buffer.from(HIVE);
      for (const e of edits) b[e.at] = e.byte;
      const bytes = cut === undefined ? b : b.subarray(0, cut);
      const h = readHiveAccounts('damaged', bytes);
      // A reference to a cell past the file names where that cell would be.
      for (const w of [...h.warnings, ...(h.error ? [h.error] : [])]) {
        expect(Number.isInteger(w.offset) && w.offset! >= 0).toBe(true);
        if (w.offset! > bytes.length) expect(w.message).toMatch(/is not inside a hive bin/);
      }
      try {
        ourDump(openHive(bytes));
      } catch (e) {
        expect(e).toBeInstanceOf(RegistryFormatError);
      }
    }),
    { numRuns: 1000, seed: 27 },
  );
});
