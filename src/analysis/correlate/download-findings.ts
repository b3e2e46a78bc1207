// What the store's POP3 downloads say beyond the tags: per history, the downloads its account made
// whose UID the history no longer lists (and which rule attributed each); per store, the downloads
// no history accounts for, by server (all of them when the store holds no history).

import { LazyList } from '../lazy-list.js';
import type { Attribution, AttributionFacts, AttributionRule } from './attribution.js';
import type { StoreMessage } from './message-facts.js';

export interface NotInHistoryFinding {
  uid: string;
  server: string;
  /** The strongest rule that gave these messages to the history's account. */
  attributedBy: AttributionRule;
  messages: StoreMessage[];
}

export interface AccountFindings {
  /** Messages downloaded by this account whose UID no tag of the history holds, by server and UID. */
  notInHistory: LazyList<NotInHistoryFinding>;
  /** POP3 servers named by this account's messages. */
  servers: string[];
}

const STRENGTH: readonly AttributionRule[] = ['account-name', 'account-stamp', 'server', 'only-history'];
const stronger = (a: AttributionRule, b: AttributionRule): AttributionRule => (STRENGTH.indexOf(a) <= STRENGTH.indexOf(b) ? a : b);

/** History `h`'s servers and the downloads attributed to it whose UID it no longer lists. */
export function accountFindings(messages: AttributionFacts, attribution: Attribution, h: number, historyUids: ReadonlySet<string>, matched: ReadonlySet<number>): AccountFindings {
  const servers = new Set<string>();
  const groups = new Map<string, { uid: string; server: string; rule: AttributionRule; indices: number[] }>();
  for (const i of messages.downloaded()) {
    const rule = matched.has(i) ? undefined : attribution.ruleFor(h, i);
    if (matched.has(i) || rule !== undefined) servers.add(messages.server(i)!);
    const uid = messages.uid(i)!;
    if (rule === undefined || historyUids.has(uid)) continue;
    const server = messages.server(i)!;
    const key = `${server}\0${uid}`;
    const g = groups.get(key);
    // Most UIDs have one message: an array of exactly one, grown only for copies.
    if (g) {
      g.indices.push(i);
      g.rule = stronger(g.rule, rule);
    } else groups.set(key, { uid, server, rule, indices: [i] });
  }
  // Each group is described when the report reaches it.
  const found = [...groups.values()];
  for (const g of found) g.indices.sort((a, b) => messages.nid(a) - messages.nid(b));
  return {
    notInHistory: LazyList.of(found).map((g) => ({ uid: g.uid, server: g.server, attributedBy: g.rule, messages: g.indices.map((i) => messages.describe(i)) })),
    servers: [...servers].sort(),
  };
}

/** POP3 downloads from one server: how many, which UIDs (first delivered first), when, where. */
export interface ServerDownloadsFinding {
  server: string;
  messages: number;
  uids: string[];
  firstDelivered?: Date;
  lastDelivered?: Date;
  folders: string[];
}

/** The downloads `wanted` keeps, by server (in name order). */
export function downloadsByServer(messages: AttributionFacts, wanted: (i: number) => boolean): ServerDownloadsFinding[] {
  const by = new Map<string, { count: number; uids: Map<string, number>; first: number; last: number; folders: Set<string> }>();
  for (const i of messages.downloaded()) {
    if (!wanted(i)) continue;
    const server = messages.server(i)!;
    let s = by.get(server);
    if (!s) by.set(server, (s = { count: 0, uids: new Map(), first: Infinity, last: -Infinity, folders: new Set() }));
    const at = messages.delivered(i);
    const uid = messages.uid(i)!;
    s.count++;
    // A UID is placed by its earliest delivery; one never delivered sorts last.
    const when = Number.isNaN(at) ? Infinity : at;
    if (!(s.uids.get(uid)! <= when)) s.uids.set(uid, when);
    if (!Number.isNaN(at)) {
      s.first = Math.min(s.first, at);
      s.last = Math.max(s.last, at);
    }
    s.folders.add(messages.folder(i));
  }
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([server, s]) => {
      const out: ServerDownloadsFinding = {
        server,
        messages: s.count,
        uids: [...s.uids].sort(([u, a], [v, b]) => a - b || (u < v ? -1 : u > v ? 1 : 0)).map(([u]) => u),
        folders: [...s.folders].sort(),
      };
      if (Number.isFinite(s.first)) {
        out.firstDelivered = new Date(s.first * 1000);
        out.lastDelivered = new Date(s.last * 1000);
      }
      return out;
    });
}
