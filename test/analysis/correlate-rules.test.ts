// The correlation rules (analysis/correlate/rules.ts, docs/format.md §4.1) on message facts held in
// memory: which rule ties a tag to a message, which properties are named as agreeing, what is a
// contradiction rather than a match, and what each account's history leaves unexplained.

import { describe, expect, it } from 'vitest';
import { isReceivable } from '../../src/analysis/correlate/received.js';
import { Attribution } from '../../src/analysis/correlate/attribution.js';
import { accountFindings } from '../../src/analysis/correlate/download-findings.js';
import { correlateTag, unexplained } from '../../src/analysis/correlate/rules.js';
import { FactsInMemory, type FactRow } from '../support/message-facts.js';

const T = 1_600_000_000; // the tag's second
const tag = { uid: 'u1', second: T };
const ACCOUNT = 'alice@example.com';
const pop = (uid: string, server = 'pop.example.com') => ({ server, uid });

const correlate = (rows: FactRow[], account: string | undefined = ACCOUNT, window = 2) => correlateTag(tag, new FactsInMemory(rows), account, window);

describe('remote-uid', () => {
  it('ties the tag to the message whose remote id names its UID, with every property that agrees', () => {
    const c = correlate([{ nid: 0x24, remote: pop('u1'), account: ACCOUNT, created: T, delivered: T - 5 }]);
    expect(c).toMatchObject({ status: 'matched', rule: 'remote-uid', deltaSeconds: 0, matchedIndices: [0] });
    expect(c.evidence).toEqual(['PidLidRemoteEntryId', 'PidLidInternetAccountName', 'PR_CREATION_TIME', 'PR_MESSAGE_DELIVERY_TIME']);
  });

  it('names only the properties that agree: a later creation, a later delivery, no account stamp', () => {
    const c = correlate([{ nid: 0x24, remote: pop('u1'), created: T + 60, delivered: T + 30 }]);
    expect(c).toMatchObject({ status: 'matched', rule: 'remote-uid', deltaSeconds: 60 });
    expect(c.evidence).toEqual(['PidLidRemoteEntryId']);
  });

  it('takes copies of one download as one match, in NID order, and one UID on two servers as ambiguous', () => {
    const copies = correlate([
      { nid: 0x84, remote: pop('u1'), created: T },
      { nid: 0x44, remote: pop('u1'), created: T },
    ]);
    expect(copies.status).toBe('matched');
    expect(copies.candidates.map((m) => m.nid)).toEqual(['0x44', '0x84']);
    const twoServers = correlate([
      { nid: 0x44, remote: pop('u1'), created: T },
      { nid: 0x84, remote: pop('u1', 'other.example.com'), created: T },
    ]);
    expect(twoServers).toMatchObject({ status: 'ambiguous', rule: 'remote-uid' });
  });

  it("ignores a message another account downloaded, and beats any time match", () => {
    expect(correlate([{ nid: 0x24, remote: pop('u1'), account: 'bob@example.com', created: T }])).toMatchObject({ status: 'not-in-store' });
    const c = correlate([
      { nid: 0x24, created: T },
      { nid: 0x44, remote: pop('u1'), created: T + 100 },
    ]);
    expect(c).toMatchObject({ rule: 'remote-uid', matchedIndices: [1] });
  });
});

describe('creation-time', () => {
  it('matches a received message without origin created on the tag second, before a near one', () => {
    const c = correlate([
      { nid: 0x24, created: T + 1, delivered: T - 3 },
      { nid: 0x44, created: T, delivered: T - 3 },
    ]);
    expect(c).toMatchObject({ status: 'matched', rule: 'creation-time', deltaSeconds: 0, matchedIndices: [1] });
    expect(c.evidence).toEqual(['PR_CREATION_TIME', 'PR_MESSAGE_DELIVERY_TIME']);
  });

  it('looks within the window, nearest first, either side, and no further', () => {
    expect(correlate([{ nid: 0x24, created: T - 2 }])).toMatchObject({ status: 'matched', rule: 'creation-time-near', deltaSeconds: -2 });
    expect(correlate([{ nid: 0x24, created: T + 3 }])).toMatchObject({ status: 'not-in-store', candidates: [] });
    expect(correlate([{ nid: 0x24, created: T + 3 }], ACCOUNT, 3)).toMatchObject({ status: 'matched', deltaSeconds: 3 });
    expect(correlate([{ nid: 0x24, created: T + 1 }], ACCOUNT, 0)).toMatchObject({ status: 'not-in-store' });
    const nearest = correlate([
      { nid: 0x24, created: T + 2 },
      { nid: 0x44, created: T - 1 },
    ]);
    expect(nearest).toMatchObject({ rule: 'creation-time-near', matchedIndices: [1] });
  });

  it('calls two messages on the same second ambiguous, and names the account only when every one has it', () => {
    const c = correlate([
      { nid: 0x24, created: T, account: ACCOUNT },
      { nid: 0x44, created: T },
    ]);
    expect(c).toMatchObject({ status: 'ambiguous', rule: 'creation-time' });
    expect(c.candidates).toHaveLength(2);
    expect(c.evidence).not.toContain('PidLidInternetAccountName');
  });

  it('never considers sent mail, drafts, the outbox, unsent items or classes a download cannot make', () => {
    for (const row of [
      { role: 'sent-items' as const },
      { role: 'drafts' as const },
      { role: 'outbox' as const },
      { flags: 0x8 },
      { messageClass: 'IPM.Contact' },
      { messageClass: 'IPM.Appointment' },
      { messageClass: 'IPM.NoteX' },
    ]) {
      const c = correlate([{ nid: 0x24, created: T, ...row }]);
      expect(c, JSON.stringify(row)).toMatchObject({ status: 'not-in-store', contradictions: [] });
    }
    expect(isReceivable('REPORT.IPM.Note.NDR', 'deleted-items', 0)).toBe(true);
    expect(isReceivable('IPM.Schedule.Meeting.Request', undefined, 0x1)).toBe(true);
    expect(isReceivable('ipm.note.smime', undefined, 0)).toBe(true);
  });
});

describe('contradictions', () => {
  it('reports a time match that other evidence rules out, with the reason, and matches nothing', () => {
    const cases: [FactRow, string][] = [
      [{ nid: 0x24, created: T, account: 'bob@example.com' }, 'another-account'],
      [{ nid: 0x24, created: T, badRemote: true }, 'remote-id-unreadable'],
      [{ nid: 0x24, created: T, remote: pop('u2') }, 'remote-id-names-another-uid'],
      [{ nid: 0x24, created: T, delivered: T + 4 }, 'delivered-after-tag'],
    ];
    for (const [row, reason] of cases) {
      const c = correlate([row]);
      expect(c, reason).toMatchObject({ status: 'not-in-store', matchedIndices: [] });
      expect(c.contradictions.map((x) => x.reason)).toEqual([reason]);
      expect(c.contradictions[0]!.message.nid).toBe('0x24');
    }
  });

  it('keeps the contradictions beside a match found further out', () => {
    const c = correlate([
      { nid: 0x24, created: T, remote: pop('u2') },
      { nid: 0x44, created: T + 1 },
    ]);
    expect(c).toMatchObject({ status: 'matched', rule: 'creation-time-near', matchedIndices: [1] });
    expect(c.contradictions.map((x) => x.reason)).toEqual(['remote-id-names-another-uid']);
  });

  it('needs an account on both sides to call it another account', () => {
    expect(correlateTag(tag, new FactsInMemory([{ nid: 0x24, created: T, account: 'bob@example.com' }]), undefined, 2)).toMatchObject({ status: 'matched' });
  });
});

describe('what the history does not explain', () => {
  const rows: FactRow[] = [
    { nid: 0x24, remote: pop('u1'), account: ACCOUNT, created: T },
    { nid: 0x44, remote: pop('u9'), account: ACCOUNT, created: T + 10 },
    { nid: 0x64, remote: pop('u9'), account: ACCOUNT, created: T + 11 },
    { nid: 0x84, remote: pop('u7', 'mail.other.net'), account: 'bob@example.com', created: T + 12 },
    { nid: 0xa4, created: T + 20 },
    { nid: 0xc4, created: T + 21, outsideIpm: true },
    { nid: 0xe4, created: T + 22, role: 'sent-items' },
    { nid: 0x104, created: T + 500 },
  ];
  const facts = new FactsInMemory(rows);
  // The one history, for ACCOUNT, with the tags' matches.
  const findings = (uids: Set<string>, matched: Set<number>) => accountFindings(facts, new Attribution(facts, [{ smtp: ACCOUNT, matched, pop3: true }]), 0, uids, matched);

  it("lists the account's downloads whose UID no tag holds, copies together, and the servers it used", () => {
    const found = findings(new Set(['u1']), new Set([0]));
    expect([...found.notInHistory].map((n) => ({ uid: n.uid, server: n.server, nids: n.messages.map((m) => m.nid) }))).toEqual([
      { uid: 'u9', server: 'pop.example.com', nids: ['0x44', '0x64'] },
    ]);
    expect(found.servers).toEqual(['pop.example.com']);
    // A message another account downloaded is not this history's, unless a tag matched it.
    expect(findings(new Set(['u1', 'u9']), new Set([0, 3])).servers).toEqual(['mail.other.net', 'pop.example.com']);
  });

  it('lists received messages without origin created within the span, in the IPM subtree, that no tag explained', () => {
    expect([...unexplained(facts, T, T + 100, new Set())].map((m) => m.nid)).toEqual(['0xa4']);
    expect([...unexplained(facts, T, T + 100, new Set([4]))]).toEqual([]);
  });
});
