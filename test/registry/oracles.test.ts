// Our hive reader against two independent readers, reglookup and hivex (hivexget), value for value:
// on every fixture hive (written by our writer and hivexregedit) and on a real NTUSER.DAT.

import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { corpusPath, describeWithCorpus } from '../support/corpus.js';
import { FIXTURES } from '../support/hive-fixtures.js';
import { buildHives, describeWithHiveTools } from '../support/hives.js';
import { hivexgetValues, ourDumpOf, reglookupDump, type Dump } from '../support/reg-oracles.js';

const REAL = corpusPath('registry/mkorman90_regipy_regipy_tests_data_NTUSER_BAGMRU.DAT');

function expectSame(ours: Dump, theirs: Dump): void {
  expect([...ours.keys.entries()].sort()).toEqual([...theirs.keys.entries()].sort());
  expect([...ours.values.entries()].sort()).toEqual([...theirs.values.entries()].sort());
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
    for (const key of accountKeys) {
      const theirs = hivexgetValues(path, key.replace(/\//g, '\\'));
      const mine = new Map([...ours.values.entries()].filter(([p]) => p.slice(0, p.lastIndexOf('/')) === key).map(([p, v]) => [p.slice(p.lastIndexOf('/') + 1), v]));
      expect([...mine.entries()].sort()).toEqual([...theirs.entries()].sort());
    }
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
  });
});
