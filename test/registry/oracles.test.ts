// Our hive reader against two independent readers, reglookup and hivex (hivexget), value for value:
// on every fixture hive (written by our writer and hivexregedit), on one of our writer's alone (big
// data), and on a real NTUSER.DAT.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { FIXTURES } from '../support/hive-fixtures.js';
import { buildHives, describeWithHiveTools } from '../support/hives.js';
import { writeHive } from '../../tools/regwrite/write.js';
import { hivexgetValues, ourDumpOf, reglookupDump, type Dump } from '../support/reg-oracles.js';

const REAL = corpusPath('registry/mkorman90_regipy_regipy_tests_data_NTUSER_BAGMRU.DAT');

function expectSame(ours: Dump, theirs: Dump): void {
  expect([...ours.keys.entries()].sort()).toEqual([...theirs.keys.entries()].sort());
  expect([...ours.values.entries()].sort()).toEqual([...theirs.values.entries()].sort());
}

/** The values of one key in our dump, by name, against hivexget's. */
function expectSameValues(ours: Dump, key: string, theirs: Map<string, string>): void {
  const mine = [...ours.values.entries()].filter(([p]) => p.slice(0, p.lastIndexOf('/')) === key).map(([p, v]) => [p.slice(p.lastIndexOf('/') + 1), v]);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.sort()).toEqual([...theirs.entries()].sort());
}

describeWithHiveTools('fixture hives', () => {
  let hives: Map<string, string>;
  beforeAll(() => {
    hives = buildHives(FIXTURES);
  });

  it.each(FIXTURES.map((f) => f.file))('%s: every key and value as reglookup reads them', (file) => {
    const path = hives.get(file)!;
    const ours = ourDumpOf(readFileSync(path));
    expect(ours.values.size).toBeGreaterThan(10);
    expectSame(ours, reglookupDump(path));
  });

  it.each(FIXTURES.map((f) => f.file))('%s: every account key value as hivexget reads it', (file) => {
    const path = hives.get(file)!;
    const ours = ourDumpOf(readFileSync(path));
    const accountKeys = [...ours.keys.keys()].filter((k) => /\/9375CFF0413111d3B88A00104B2A6676\/[0-9A-F]{8}$/i.test(k));
    expect(accountKeys.length).toBeGreaterThan(0);
    for (const key of accountKeys) expectSameValues(ours, key, hivexgetValues(path, key.replace(/\//g, '\\')));
  });
});

describeWithHiveTools('a hive of our writer: big data, a name outside Latin-1, values of every size', () => {
  it('reads as reglookup reads it', () => {
    const sized = [0, 1, 4, 5, 16344, 16345, 100_000].map((n) => ({ name: `bin${n}`, type: 3, data: Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256)) }));
    const { bytes } = writeHive({
      name: 'ROOT',
      subkeys: [
        { name: 'Données', values: sized, lastWritten: new Date('2019-06-30T23:59:58Z') },
        { name: 'Ключ', values: [{ name: 'имя', type: 1, data: Buffer.from('значение\0', 'utf16le') }, { name: 'q', type: 11, data: Buffer.from('0102030405060708', 'hex') }] },
      ],
    });
    const path = join(mkdtempSync(join(tmpdir(), 'pophist-regwrite-')), 'big.dat');
    writeFileSync(path, bytes);
    const ours = ourDumpOf(bytes);
    expect(ours.values.get('/Données/bin100000')).toMatch(/^BINARY [0-9a-f]{200000}$/);
    expectSame(ours, reglookupDump(path));
  });
});

describeWithCorpus('a real NTUSER.DAT (Windows 10, Outlook 2016)', () => {
  describeWithHiveTools('against reglookup', () => {
    it('every one of its keys and values, as reglookup reads them', () => {
      const ours = ourDumpOf(readFileSync(REAL));
      const theirs = reglookupDump(REAL);
      expect(ours.keys.size).toBe(6279);
      expect(ours.values.size).toBe(15912);
      expectSame(ours, theirs);
    });

    it("its Outlook profile's account keys, value for value as hivexget reads them", () => {
      const ours = ourDumpOf(readFileSync(REAL));
      for (const id of ['00000001', '00000002']) {
        const key = `/SOFTWARE/Microsoft/Office/16.0/Outlook/Profiles/Outlook/9375CFF0413111d3B88A00104B2A6676/${id}`;
        expectSameValues(ours, key, hivexgetValues(REAL, key.replace(/\//g, '\\')));
      }
    });
  });
});
