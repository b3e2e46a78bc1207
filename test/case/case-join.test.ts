// The case join's rules on small hand-made indexes: which keys join versions, when a UID was dropped,
// reappeared or disagrees, and what a partly recovered version can and cannot show.

import { describe, expect, it } from 'vitest';
import { joinCase, type CaseInput } from '../../src/analysis/index.js';
import type { CaseVersionInput } from '../../src/analysis/case/case-input.js';
import { caseDownloads } from '../../src/analysis/case/downloads.js';

const second = (iso: string): number => Date.parse(iso) / 1000;

function version(uids: string[], extra: Partial<CaseVersionInput> = {}, time = (_uid: string, k: number) => `2024-01-0${k + 1}T00:00:00Z`): CaseVersionInput {
  return { origin: 'live', history: 0, servers: [], listings: uids.map((uid, k) => ({ uid, tags: [{ operation: 'downloaded', time: time(uid, k), second: second(time(uid, k)) }] })), ...extra };
}

function input(path: string, versions: CaseVersionInput[], extra: Partial<CaseInput> = {}): CaseInput {
  return { path, status: 'history-found', managerKeys: [], versions, downloads: caseDownloads([]), ...extra };
}

describe('accounts by keys', () => {
  it('joins a Blob named only by its mini UID to the one SMTP address that mini UID has, and says by which keys', () => {
    const c = joinCase([input('a.pst', [version(['u1'], { smtp: 'x@example.com', miniUid: 'aaaa0001' })]), input('b.pst', [version(['u1', 'u2'], { miniUid: 'aaaa0001' })])]);
    expect(c.accounts).toHaveLength(1);
    expect(c.accounts[0]!.joinedBy).toEqual([{ key: 'mini-uid', value: 'aaaa0001', versions: ['a1.v1', 'a1.v2'] }]);
  });

  it('joins a history with no key but its server to the one account with that server, and never across two', () => {
    const one = joinCase([input('a.pst', [version(['u1'], { smtp: 'x@example.com', servers: ['pop.x'] })]), input('b.pst', [version(['u2'], { servers: ['pop.x'] })])]);
    expect(one.accounts.map((a) => a.versions.length)).toEqual([2]);
    const two = joinCase([
      input('a.pst', [version(['u1'], { smtp: 'x@example.com', servers: ['pop.shared'] })]),
      input('b.pst', [version(['u2'], { smtp: 'y@example.com', servers: ['pop.shared'] })]),
      input('c.pst', [version(['u3'], { servers: ['pop.shared'] })]),
    ]);
    expect(two.accounts.map((a) => a.versions.length)).toEqual([1, 1, 1]);
  });

  it('a mini UID with two SMTP addresses is a key-conflict and joins nothing, not even a Blob that has only it', () => {
    const c = joinCase([
      input('a.pst', [version(['u1'], { smtp: 'x@example.com', miniUid: 'aaaa0001' })]),
      input('b.pst', [version(['u2'], { smtp: 'y@example.com', miniUid: 'aaaa0001' })]),
      input('c.pst', [version(['u3'], { miniUid: 'aaaa0001' })]),
    ]);
    expect(c.accounts.map((a) => a.name)).toEqual(['x@example.com', 'y@example.com', 'mini UID aaaa0001']);
    expect(c.findings).toMatchObject([{ code: 'key-conflict', value: 'aaaa0001', smtp: ['x@example.com', 'y@example.com'], accounts: ['a1', 'a2', 'a3'] }]);
  });
});

describe('versions of one store', () => {
  const store = (path: string, v: CaseVersionInput[]): CaseInput => input(path, v, { recordKey: 'ab', managerKeys: ['01'] });
  const acc = { smtp: 'x@example.com' };

  it('dropped-between the two versions, then reappeared in a later one', () => {
    const c = joinCase([store('d1.pst', [version(['u1', 'u2'], acc)]), store('d2.pst', [version(['u2', 'u3'], acc)]), store('d3.pst', [version(['u1', 'u2', 'u3', 'u4'], acc)])]);
    const f = [...c.accounts[0]!.findings];
    expect(f.filter((x) => x.code !== 'versions-disagree')).toMatchObject([
      { code: 'dropped-between', uid: 'u1', from: 'a1.v1', to: 'a1.v2' },
      { code: 'reappeared', uid: 'u1', from: 'a1.v1', to: 'a1.v2', version: 'a1.v3' },
    ]);
  });

  it('a partly recovered version shows a UID is there, never that it is gone', () => {
    const partial = version(['u2'], { ...acc, origin: 'recovered', partial: true }, () => '2024-01-02T12:00:00Z');
    const c = joinCase([store('d1.pst', [version(['u1', 'u2'], acc), partial]), store('d2.pst', [version(['u1', 'u2', 'u3'], acc)])]);
    expect(c.accounts[0]!.versions.map((v) => [v.origin, v.partial ?? false])).toEqual([['live', false], ['recovered', true], ['live', false]]);
    expect([...c.accounts[0]!.findings]).toEqual([]);
  });

  it('versions-disagree within one store, but never between two machines that downloaded the same UID at other times', () => {
    const early = (_uid: string, k: number) => `2024-01-0${k + 1}T00:00:00Z`;
    const late = (u: string, k: number) => `2024-01-0${k + 1}T${u === 'u1' ? '05' : '00'}:00:00Z`;
    const c = joinCase([store('d1.pst', [version(['u1', 'u2'], acc, early)]), store('d2.pst', [version(['u1', 'u2', 'u3'], acc, late)])]);
    expect([...c.accounts[0]!.findings]).toMatchObject([{ code: 'versions-disagree', uid: 'u1', versions: ['a1.v1', 'a1.v2'] }]);
    const machines = joinCase([input('pc.pst', [version(['u1', 'u2'], acc, early)], { recordKey: 'aa' }), input('laptop.pst', [version(['u1', 'u2', 'u3'], acc, late)], { recordKey: 'bb' })]);
    expect([...machines.accounts[0]!.findings]).toEqual([]);
    expect(machines.findings).toEqual([]);
  });
});

describe('messages with a POP3 origin', () => {
  const msg = { folder: '/Inbox', nid: '0x200024' };
  it('go to the account their account name names, else to the one account with their server; the rest are unattributed', () => {
    const c = joinCase([
      input('a.pst', [version(['u1'], { smtp: 'x@example.com', servers: ['pop.x'] })], {
        downloads: caseDownloads([
          { server: 'pop.x', uid: 'u1', account: 'x@example.com', message: msg },
          { server: 'pop.x', uid: 'u9', message: msg },
          { server: 'pop.other', uid: 'z1', account: 'z@example.com', message: msg },
        ]),
      }),
    ]);
    expect([...c.accounts[0]!.uids].map((u) => [u.uid, u.messages.length, u.findings])).toEqual([
      ['u1', 1, []],
      ['u9', 1, ['in-no-history']],
    ]);
    expect([...c.unattributed].map((p) => p.uid)).toEqual(['z1']);
  });

  it('a remote id written with the history’s escapes is the UID it escapes', () => {
    const v = version(['a-b'], { smtp: 'x@example.com' });
    v.listings[0]!.encodedUid = 'a$2db';
    const c = joinCase([input('a.pst', [v], { downloads: caseDownloads([{ server: 'pop.x', uid: 'a$2db', account: 'x@example.com', message: msg }]) })]);
    expect([...c.accounts[0]!.uids].map((u) => [u.uid, u.messages.length])).toEqual([['a-b', 1]]);
  });
});
