// Tie each downloaded UID to the message its download created, by the strongest rule that holds
// (docs/format.md §4.1), and say which properties agreed:
// 1. remote-uid: the message's PidLidRemoteEntryId `POP://server/UID` names the tag's UID (and its
//    account, where stamped, is the history's). Copies of one download are one match.
// 2. creation-time (exact second) or creation-time-near (within the window): only received-class
//    messages with no POP3 origin, outside Sent Items/Outbox/Drafts, not unsent. A time match that
//    other evidence contradicts is no match: it is reported as a contradiction.
// Every match is then checked against the message's times and against the message created at the
// tag's second (time-checks.ts); a warning finding makes it `inconsistent`, never a plain match.

import type { StoreMessage } from './store-message.js';
import { finding, type Finding } from '../findings.js';
import { LazyList } from '../lazy-list.js';
import { nearestFirst } from './nearest.js';
import { otherDownloadsAtTagTime, timeFindings, type TagTimes } from './time-checks.js';

export type Rule = 'remote-uid' | 'creation-time' | 'creation-time-near';
export type EvidenceProperty = 'PidLidRemoteEntryId' | 'PidLidInternetAccountName' | 'PR_CREATION_TIME' | 'PR_MESSAGE_DELIVERY_TIME';
export type ContradictionReason = 'remote-id-names-another-uid' | 'remote-id-unreadable' | 'another-account' | 'delivered-after-tag';

export interface ContradictionFinding {
  message: StoreMessage;
  reason: ContradictionReason;
  detail: string;
}

export interface CorrelationFinding {
  status: 'matched' | 'ambiguous' | 'not-in-store';
  rule?: Rule;
  evidence: readonly EvidenceProperty[];
  deltaSeconds?: number;
  candidates: readonly StoreMessage[];
  contradictions: readonly ContradictionFinding[];
  /** What the times of the candidates and of the message at the tag's second say (issue 25). */
  findings: readonly Finding[];
  /** With a candidate: `inconsistent` when a finding on the entry (here or in the history) is a warning. */
  consistency?: 'consistent' | 'inconsistent';
  /** The UID has no download tag: its messages are tied to its delete-only tag, by remote id alone. */
  deleteOnly?: true;
  /** Store indices of the candidates, for the findings built after every tag. */
  matchedIndices: readonly number[];
}

// The messages a tag's time pointed at that other evidence rules out, kept per tag: the nearest
// ones (README "Limits"). A store that piles thousands near every tag must not make millions.
const MAX_CONTRADICTIONS = 8;

/** No tag of a history: every message at a tag's second is unexplained by its own tag. */
const NO_TAGS: TagTimes = { owns: () => false };

// One empty list for every tag that found nothing: a 65,535-tag history makes no arrays for them.
const NONE: readonly never[] = Object.freeze([]);

/**
 * What the rules know of a store's messages, each by its index: StoreMessages reads it from a store
 * in one pass; a test holds it in memory. Times are seconds since 1970, NaN when absent.
 */
export interface MessageFacts {
  /** Messages whose PidLidRemoteEntryId names this UID (as written or unescaped). */
  withUid(uid: string): readonly number[];
  /** Messages created within [from, to], in time order. */
  createdBetween(from: number, to: number): Iterable<number>;
  /** Position, in creation-time order, of the first message created at or after `second` (binary search). */
  firstCreatedAt(second: number): number;
  /** How many messages have a creation time, and the k-th of them in creation-time order. */
  readonly timedCount: number;
  byCreation(k: number): number;
  /** Every message with a readable POP3 origin. */
  downloaded(): Iterable<number>;
  created(i: number): number;
  delivered(i: number): number;
  nid(i: number): number;
  /** The server and UID of a readable remote id. */
  server(i: number): string | undefined;
  uid(i: number): string | undefined;
  hasBadRemoteId(i: number): boolean;
  /** The account (lower case) that downloaded it, from its name or stamp. */
  account(i: number): string | undefined;
  inIpmSubtree(i: number): boolean;
  /** A received class, outside Sent Items, Outbox and Drafts, not unsent (isReceivable). */
  mayHaveBeenReceived(i: number): boolean;
  /** That, and no POP3 remote id, readable or not. */
  receivedWithoutOrigin(i: number): boolean;
  describe(i: number): StoreMessage;
}

export interface TagToCorrelate {
  uid: string;
  /** Tag time, seconds since 1970. */
  second: number;
}

/** The account of a history, lower case; undefined when the Blob names none. */
type Account = string | undefined;

const sameAccount = (messages: MessageFacts, i: number, account: Account): boolean => account !== undefined && messages.account(i) === account;
const otherAccount = (messages: MessageFacts, i: number, account: Account): boolean => {
  const a = messages.account(i);
  return account !== undefined && a !== undefined && a !== account;
};

export function correlateTag(tag: TagToCorrelate, messages: MessageFacts, account: Account, windowSeconds: number, tags: TagTimes = NO_TAGS): CorrelationFinding {
  const byUid = byRemoteUid(tag.uid, messages, account);
  if (byUid.length > 0) {
    const findings = timeFindings(tag.second, messages, byUid, windowSeconds);
    const contradictions: ContradictionFinding[] = [];
    for (const o of otherDownloadsAtTagTime(tag.second, tag.uid, messages, byUid, windowSeconds, tags)) {
      const message = messages.describe(o.index);
      const detail = `the message downloaded at this second (${o.delta} s from the tag) says UID ${o.uid}`;
      contradictions.push({ message, reason: 'remote-id-names-another-uid', detail });
      findings.push(finding('another-download-at-tag-time', 'warning', detail, { nid: message.nid, deltaSeconds: o.delta }));
    }
    return { ...remoteUidMatch(tag, messages, account, byUid), contradictions, findings };
  }
  const contradictions: ContradictionFinding[] = [];
  const found: number[] = [];
  let delta = 0;
  nearestFirst(messages, tag.second, windowSeconds, (group, d) => {
    for (const i of group) {
      if (!messages.mayHaveBeenReceived(i)) continue; // contacts, appointments, sent mail, drafts: never candidates
      const why = contradiction(tag, messages, account, i);
      if (why) {
        if (contradictions.length < MAX_CONTRADICTIONS) contradictions.push({ message: messages.describe(i), ...why });
      }
      else {
        if (found.length === 0) delta = d;
        found.push(i);
      }
    }
    return found.length > 0;
  });
  if (found.length === 0) return { status: 'not-in-store', evidence: NONE, candidates: NONE, contradictions: contradictions.length > 0 ? contradictions : NONE, findings: NONE, matchedIndices: NONE };
  const evidence: EvidenceProperty[] = ['PR_CREATION_TIME'];
  if (found.every((i) => messages.delivered(i) <= tag.second)) evidence.push('PR_MESSAGE_DELIVERY_TIME');
  if (found.every((i) => sameAccount(messages, i, account))) evidence.push('PidLidInternetAccountName');
  return {
    status: found.length === 1 ? 'matched' : 'ambiguous',
    rule: delta === 0 ? 'creation-time' : 'creation-time-near',
    evidence,
    deltaSeconds: delta,
    candidates: found.map((i) => messages.describe(i)),
    contradictions,
    findings: timeFindings(tag.second, messages, found, windowSeconds),
    matchedIndices: found,
  };
}

/** The messages whose remote id names the UID, of this account or none, in NID order whatever order the file holds them in. */
function byRemoteUid(uid: string, messages: MessageFacts, account: Account): number[] {
  return messages
    .withUid(uid)
    .filter((i) => !otherAccount(messages, i, account))
    .sort((a, b) => messages.nid(a) - messages.nid(b));
}

/** A UID whose only tags are deletes: its messages, by remote id alone (its tag's time is the deletion's, so no time is compared). */
export function correlateDeleteOnly(uid: string, messages: MessageFacts, account: Account): CorrelationFinding | undefined {
  const found = byRemoteUid(uid, messages, account);
  if (found.length === 0) return undefined;
  const c = remoteUidMatch({ uid, second: NaN }, messages, account, found);
  return { ...c, evidence: c.evidence.filter((e) => e === 'PidLidRemoteEntryId' || e === 'PidLidInternetAccountName'), deltaSeconds: undefined, deleteOnly: true };
}

function remoteUidMatch(tag: TagToCorrelate, messages: MessageFacts, account: Account, found: readonly number[]): CorrelationFinding {
  // Copies of one download share server and UID; one UID on two servers is two downloads.
  const servers = new Set(found.map((i) => messages.server(i)));
  const evidence: EvidenceProperty[] = ['PidLidRemoteEntryId'];
  if (found.every((i) => sameAccount(messages, i, account))) evidence.push('PidLidInternetAccountName');
  if (found.every((i) => messages.created(i) === tag.second)) evidence.push('PR_CREATION_TIME');
  if (found.every((i) => messages.delivered(i) <= tag.second)) evidence.push('PR_MESSAGE_DELIVERY_TIME');
  const created = messages.created(found[0]!);
  return {
    status: servers.size === 1 ? 'matched' : 'ambiguous',
    rule: 'remote-uid',
    evidence,
    ...(Number.isNaN(created) ? {} : { deltaSeconds: created - tag.second }),
    candidates: found.map((i) => messages.describe(i)),
    contradictions: NONE,
    findings: NONE,
    matchedIndices: [...found],
  };
}

function contradiction(tag: TagToCorrelate, messages: MessageFacts, account: Account, i: number): Omit<ContradictionFinding, 'message'> | undefined {
  if (otherAccount(messages, i, account)) return { reason: 'another-account', detail: `its PidLidInternetAccountName is ${messages.account(i)}, not ${account}` };
  if (messages.hasBadRemoteId(i)) return { reason: 'remote-id-unreadable', detail: 'its PidLidRemoteEntryId cannot be read as POP://server/UID' };
  const uid = messages.uid(i);
  if (uid !== undefined) return { reason: 'remote-id-names-another-uid', detail: `its PidLidRemoteEntryId names POP://${messages.server(i)}/${uid}, not ${tag.uid}` };
  const delivered = messages.delivered(i);
  if (delivered > tag.second) {
    return { reason: 'delivered-after-tag', detail: `its PR_MESSAGE_DELIVERY_TIME is ${delivered - tag.second} s after the tag` };
  }
  return undefined;
}

/** Received messages in the IPM subtree with no POP3 origin, created within [from, to], that no tag explained. */
export function unexplained(messages: MessageFacts, from: number, to: number, explained: ReadonlySet<number>): LazyList<StoreMessage> {
  const found: number[] = [];
  for (const i of messages.createdBetween(from, to)) if (!explained.has(i) && messages.receivedWithoutOrigin(i) && messages.inIpmSubtree(i)) found.push(i);
  return LazyList.of(found).map((i) => messages.describe(i));
}
