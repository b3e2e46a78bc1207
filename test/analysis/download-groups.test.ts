// The downloads a history no longer lists are grouped by server and UID in typed arrays of message
// indices (no object or string key per download). The groups, their order (by first message), each
// group's messages (by NID) and its strongest rule must be what a Map keyed by `server\0uid` gave.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Attribution, type AttributionFacts, type AttributionRule } from '../../src/analysis/correlate/attribution.js';
import { accountFindings } from '../../src/analysis/correlate/download-findings.js';
import { FactsInMemory, type FactRow } from '../support/message-facts.js';

const STRENGTH: readonly AttributionRule[] = ['account-name', 'account-stamp', 'server', 'only-history'];

/** The grouping as it was written before: a Map from `server\0uid` to its group, in first-seen order. */
function reference(messages: AttributionFacts, attribution: Attribution, h: number, historyUids: ReadonlySet<string>, matched: ReadonlySet<number>) {
  const groups = new Map<string, { uid: string; server: string; rule: AttributionRule; indices: number[] }>();
  for (const i of messages.downloaded()) {
    const rule = matched.has(i) ? undefined : attribution.ruleFor(h, i);
    const uid = messages.uid(i)!;
    if (rule === undefined || historyUids.has(uid)) continue;
    const server = messages.server(i)!;
    const g = groups.get(`${server}\0${uid}`);
    if (g) {
      g.indices.push(i);
      g.rule = STRENGTH.indexOf(g.rule) <= STRENGTH.indexOf(rule) ? g.rule : rule;
    } else groups.set(`${server}\0${uid}`, { uid, server, rule, indices: [i] });
  }
  return [...groups.values()].map((g) => ({
    uid: g.uid,
    server: g.server,
    attributedBy: g.rule,
    messages: g.indices.sort((a, b) => messages.nid(a) - messages.nid(b)).map((i) => messages.describe(i)),
  }));
}

const row: fc.Arbitrary<FactRow> = fc.record({
  nid: fc.integer({ min: 1, max: 40 }).map((n) => n * 32 + 4),
  remote: fc.option(fc.record({ server: fc.constantFrom('pop.a', 'pop.b'), uid: fc.constantFrom('u1', 'u2', 'u3', 'u\0', 'é') }), { nil: undefined, freq: 6 }),
  account: fc.option(fc.constantFrom('alice@a', 'bob@b'), { nil: undefined }),
  stampOnly: fc.boolean(),
  subject: fc.constantFrom('s1', 's2'),
});

it('groups as the Map of strings did, on random stores', () => {
  let multi = 0;
  fc.assert(
    fc.property(fc.array(row, { maxLength: 60 }), fc.array(fc.nat(59), { maxLength: 6 }), fc.subarray(['u1', 'u2', 'u3', 'u\0', 'é']), fc.constantFrom('alice@a', undefined), (rows, hits, listed, smtp) => {
      const messages = new FactsInMemory(rows);
      const matched = new Set(hits.filter((i) => rows[i]?.remote));
      const attribution = new Attribution(messages, [{ smtp, matched, pop3: true }]);
      const got = accountFindings(messages, attribution, 0, new Set(listed), matched);
      const want = reference(messages, attribution, 0, new Set(listed), matched);
      expect([...got.notInHistory]).toEqual(want);
      if (want.some((g) => g.messages.length > 1) && want.length > 1) multi++;
    }),
    { numRuns: 400, seed: 32 },
  );
  // The property held on stores with several groups, some of several messages.
  expect(multi).toBeGreaterThan(10);
});
