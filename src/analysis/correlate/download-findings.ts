// What the store's POP3 downloads say beyond the tags: per history, the downloads its account made
// whose UID the history no longer lists (and which rule attributed each); per store, the downloads
// no history accounts for, by server (all of them when the store holds no history).

import { orderBy } from '../../pst/index.js';
import { LazyList } from '../lazy-list.js';
import type { Attribution, AttributionFacts, AttributionRule } from './attribution.js';
import type { StoreMessage } from './store-message.js';

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

/** History `h`'s servers and the downloads attributed to it whose UID it no longer lists, grouped by
 * server and UID in the order of each group's first message. Kept as typed arrays of message
 * indices, not an object and a string key per download: a store of a million downloads has hundreds
 * of thousands of such groups. */
export function accountFindings(messages: AttributionFacts, attribution: Attribution, h: number, historyUids: ReadonlySet<string>, matched: ReadonlySet<number>): AccountFindings {
  const servers = new Set<string>();
  const picked = new Uint32Array(messages.size);
  const strength = new Uint8Array(messages.size);
  let n = 0;
  for (const i of messages.downloaded()) {
    const rule = matched.has(i) ? undefined : attribution.ruleFor(h, i);
    if (matched.has(i) || rule !== undefined) servers.add(messages.server(i)!);
    if (rule === undefined || historyUids.has(messages.uid(i)!)) continue;
    picked[n++] = i;
    strength[i] = STRENGTH.indexOf(rule);
  }
  // Same server and UID side by side, each group's messages in message order: its first is its earliest.
  const key = new Float64Array(messages.size);
  for (let k = 0; k < n; k++) key[picked[k]!] = messages.downloadKey(picked[k]!);
  // `picked` is in message order, which orderBy keeps among equal keys (a radix sort, not a comparator).
  const byKey = orderBy(n, (k) => key[picked[k]!]!);
  const members = new Uint32Array(n);
  for (let k = 0; k < n; k++) members[k] = picked[byKey[k]!]!;
  // starts[g]: where group g (in key order) begins in `members`; the groups in order of their first message.
  const starts = new Uint32Array(n + 1);
  let count = 0;
  for (let k = 0; k < n; k++) if (k === 0 || key[members[k]!] !== key[members[k - 1]!]) starts[count++] = k;
  starts[count] = n;
  const order = orderBy(count, (g) => members[starts[g]!]!);
  // Each group is described when the report reaches it.
  return {
    notInHistory: new LazyList(count, (k) => {
      const g = order[k]!;
      const start = starts[g]!;
      const group = members.subarray(start, starts[g + 1]);
      const first = members[start]!;
      // Plain loops, and a sort only for a group of several: most of a million groups hold one message.
      const byNid = group.length > 1 ? group.slice().sort((a, b) => messages.nid(a) - messages.nid(b) || a - b) : group;
      let best = STRENGTH.length - 1;
      const described: StoreMessage[] = [];
      for (let m = 0; m < byNid.length; m++) {
        best = Math.min(best, strength[byNid[m]!]!);
        described.push(messages.describe(byNid[m]!));
      }
      return { uid: messages.uid(first)!, server: messages.server(first)!, attributedBy: STRENGTH[best]!, messages: described };
    }),
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
