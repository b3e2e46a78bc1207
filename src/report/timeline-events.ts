// A source as timeline events: one per dated fact (a tag, a Message Manager's creation and
// modification, a matched message's creation and delivery, a message with no POP3 origin, a
// message this account downloaded whose UID the history no longer lists, a .msg's message with a
// POP3 origin, a store's downloads no history accounts for, and
// with --recover the times and tags of older managers and histories found in freed space), each
// carrying its provenance so that a row read alone in Timesketch or mactime says where it came from.

import type { Candidate, Correlation, Entry, History, RecoveredHistory, RecoveredLocation, RecoveredManager, Source } from './types.js';
import { downloadEvents, notInHistoryEvents } from './timeline-downloads.js';
import { withFields } from './with-fields.js';

type EventKind =
  | 'tag'
  | 'version-written'
  | 'uid-dropped'
  | 'manager-created'
  | 'manager-modified'
  | 'message-created'
  | 'message-delivered'
  | 'unexplained-created'
  | 'not-in-history-created'
  | 'not-in-history-delivered'
  | 'download-created'
  | 'download-delivered'
  | 'unattributed-first-delivered'
  | 'unattributed-last-delivered'
  | 'recovered-manager-created'
  | 'recovered-manager-modified'
  | 'recovered-tag';

export interface TimelineEvent {
  /** Milliseconds since the Unix epoch, UTC. */
  ms: number;
  kind: EventKind;
  /** What the time means (Timesketch's `timestamp_desc`). */
  desc: string;
  /** Which file-system time it is closest to, for l2tcsv's MACB column. */
  macb: 'B' | 'M' | 'none';
  /** Readable on its own: what happened, to what, and how pophist knows. */
  message: string;
  source: string;
  account?: string;
  accountUid?: string;
  uid?: string;
  operation?: Entry['operation'];
  content?: Entry['content'];
  status?: string;
  rule?: string;
  /** The store properties that agreed with the tag (report@3 `correlation.evidence`). */
  evidence?: string;
  deltaSeconds?: number;
  folder?: string;
  nid?: string;
  subject?: string;
  tagIndex?: number;
  offset?: number;
  /** For an item recovered from freed space (--recover): where it lies and how it was validated. */
  recoveredFrom?: string;
  /** In a case timeline: the history version (`a1.v3`) the row comes from. */
  version?: string;
}

export const TAG_DESC: Record<Entry['operation'], string> = {
  downloaded: 'POP3 download',
  deleted: 'POP3 server deletion',
  'downloaded-and-deleted': 'POP3 download and server deletion',
};

export function accountLabel(h: Pick<History, 'account'>): string {
  return h.account.smtp ?? (h.account.uid !== undefined ? `account ${h.account.uid}` : 'unnamed account');
}

const quoted = (s: string | undefined): string => (s === undefined ? 'a message with no subject' : `'${s}'`);

function ruleText(rule: string | undefined, delta: number | undefined): string {
  if (rule === undefined) return '';
  return delta !== undefined && delta !== 0 ? ` by ${rule} (${delta > 0 ? '+' : ''}${delta} s)` : ` by ${rule}`;
}

/** "; a time match with 'Subject' in /Inbox was ruled out: its remote id names UID 7". */
function contradictionText(c: Correlation): string {
  return c.contradictions.map((x) => `; a time match with ${quoted(x.subject)} in ${x.folder} was ruled out: ${x.detail}`).join('');
}

/** "POP3 download of UID 6 (user1@test.lab), matched to 'Subject' in /Inbox by remote-uid". */
function tagMessage(e: Entry, account: string): string {
  const head = `${TAG_DESC[e.operation]} of UID ${e.uid} (${account})`;
  const c = e.correlation;
  if (!c) return head;
  if (c.status === 'not-in-store') return `${head}, not in this store (deleted or moved out after the download)${contradictionText(c)}`;
  if (c.status === 'ambiguous') return `${head}, ambiguous: ${c.candidates.length} messages created then${ruleText(c.rule, c.deltaSeconds)}${contradictionText(c)}`;
  const where = c.candidates.map((m) => `${quoted(m.subject)} in ${m.folder}`).join(' and ');
  return `${head}, matched to ${where}${ruleText(c.rule, c.deltaSeconds)}${contradictionText(c)}`;
}

function* historyEvents(s: Source, h: History): Generator<TimelineEvent> {
  const account = accountLabel(h);
  const base = { source: s.path, account: h.account.smtp, accountUid: h.account.uid };
  for (const e of h.entries) {
    const c = e.correlation;
    const one = c?.candidates.length === 1 ? c.candidates[0] : undefined;
    const tag = {
      ...base,
      uid: e.uid,
      operation: e.operation,
      content: e.content,
      status: c?.status ?? (e.operation === 'deleted' ? 'deleted' : undefined),
      rule: c?.rule,
      evidence: c && c.evidence.length > 0 ? c.evidence.join(' ') : undefined,
      deltaSeconds: c?.deltaSeconds,
      tagIndex: e.index,
      offset: e.offset,
    };
    yield withFields(tag, { ms: Date.parse(e.time), kind: 'tag', desc: TAG_DESC[e.operation], macb: 'none', message: tagMessage(e, account), folder: one?.folder, nid: one?.nid, subject: one?.subject });
    if (c?.status !== 'matched') continue;
    for (const m of c.candidates) {
      const about = `(POP3 download of UID ${e.uid}, ${account}${ruleText(c.rule, c.deltaSeconds)})`;
      const at = withFields(tag, { folder: m.folder, nid: m.nid, subject: m.subject });
      // A message read without PR_CREATION_TIME (possible for a remote-uid match) has no creation event.
      if (m.created !== undefined) yield withFields(at, { ms: Date.parse(m.created), kind: 'message-created', desc: 'Message creation', macb: 'B', message: `Message ${quoted(m.subject)} in ${m.folder} created ${about}` });
      if (m.delivered !== undefined)
        yield withFields(at, { ms: Date.parse(m.delivered), kind: 'message-delivered', desc: 'Message delivery', macb: 'none', message: `Message ${quoted(m.subject)} in ${m.folder} delivered by the server ${about}` });
    }
  }
  for (const m of h.unexplained ?? []) if (m.created !== undefined) yield unexplained(base, account, { ...m, created: m.created });
  for (const n of h.notInHistory ?? []) yield* notInHistoryEvents(base, account, n);
}

function unexplained(base: Pick<TimelineEvent, 'source' | 'account' | 'accountUid'>, account: string, m: Candidate & { created: string }): TimelineEvent {
  return {
    ...base,
    ms: Date.parse(m.created),
    kind: 'unexplained-created',
    desc: 'Message creation',
    macb: 'B',
    status: 'unexplained',
    folder: m.folder,
    nid: m.nid,
    subject: m.subject,
    message: `Message ${quoted(m.subject)} in ${m.folder} created within the history of ${account} but by no tag in it (no POP3 origin)`,
  };
}

/** "offset 19072, block 0x14, free (amap), trailer-crc + heap-signature". */
function where(l: RecoveredLocation): string {
  const free = l.allocation === 'free' && l.freeBy ? `free (${l.freeBy})` : l.allocation;
  return `offset ${l.offset}, block ${l.bid}${l.nid ? `, node ${l.nid}` : ''}, ${free}, ${l.validation.join(' + ')}`;
}

function* recoveredManagerEvents(s: Source, m: RecoveredManager): Generator<TimelineEvent> {
  const from = where(m.location);
  const base = { source: s.path, nid: m.location.nid, subject: m.subject, rule: m.matchedBy, status: `recovered-${m.status}`, recoveredFrom: from };
  const what = `older Message Manager recovered from freed space (${from}; ${m.status})`;
  if (m.created !== undefined) yield withFields(base, { ms: Date.parse(m.created), kind: 'recovered-manager-created', desc: 'Recovered Message Manager creation', macb: 'B', message: `An ${what} was created` });
  if (m.modified !== undefined) yield withFields(base, { ms: Date.parse(m.modified), kind: 'recovered-manager-modified', desc: 'Recovered Message Manager modification', macb: 'M', message: `An ${what} was modified` });
}

/** Each tag of an older history; one the live history no longer lists says so, with what it created. */
function* recoveredHistoryEvents(s: Source, h: RecoveredHistory): Generator<TimelineEvent> {
  const account = accountLabel(h);
  const from = where(h.location);
  const olderOnly = new Map((h.live?.olderOnly ?? []).map((o) => [`${o.uid}\u0000${o.time}`, o]));
  for (const e of h.entries) {
    const older = olderOnly.get(`${e.uid}\u0000${e.time}`);
    const c = older?.correlation;
    const one = c?.candidates.length === 1 ? c.candidates[0] : undefined;
    const live = h.live === undefined ? '' : older ? '; the live history no longer lists it' : '; the live history lists it too';
    const found =
      c === undefined
        ? ''
        : c.status === 'matched'
          ? `; matched to ${c.candidates.map((m) => `${quoted(m.subject)} in ${m.folder}`).join(' and ')}${ruleText(c.rule, c.deltaSeconds)}`
          : c.status === 'not-in-store'
            ? '; not in this store'
            : `; ambiguous: ${c.candidates.length} messages created then`;
    yield {
      ms: Date.parse(e.time),
      kind: 'recovered-tag',
      desc: `${TAG_DESC[e.operation]} (recovered history)`,
      macb: 'none',
      message: `${TAG_DESC[e.operation]} of UID ${e.uid} (${account}) in an older history recovered from freed space (${from}; ${h.status})${live}${found}`,
      source: s.path,
      account: h.account.smtp,
      accountUid: h.account.uid,
      uid: e.uid,
      operation: e.operation,
      content: e.content,
      status: older ? 'recovered-older-only' : 'recovered',
      rule: c?.rule,
      deltaSeconds: c?.deltaSeconds,
      folder: one?.folder,
      nid: one?.nid,
      subject: one?.subject,
      tagIndex: e.index,
      offset: e.offset,
      recoveredFrom: from,
    };
  }
}

function* sourceEvents(s: Source): Generator<TimelineEvent> {
  for (const m of s.managers) {
    const where = `${m.folder ?? 'an MSG file'}${m.nid !== undefined ? ` [${m.nid}]` : ''}`;
    const base = { source: s.path, folder: m.folder, nid: m.nid, subject: m.subject, rule: m.matchedBy };
    const about = `(matched by ${m.matchedBy}, ${m.attachments.filter((a) => a.role === 'history').length} history attachments)`;
    if (m.created !== undefined)
      yield withFields(base, { ms: Date.parse(m.created), kind: 'manager-created', desc: 'Message Manager creation', macb: 'B', message: `Message Manager ${where} created ${about}` });
    if (m.modified !== undefined)
      yield withFields(base, { ms: Date.parse(m.modified), kind: 'manager-modified', desc: 'Message Manager modification', macb: 'M', message: `Message Manager ${where} modified ${about}` });
  }
  for (const h of s.histories) yield* historyEvents(s, h);
  yield* downloadEvents(s);
  for (const r of s.recovered ?? []) {
    if (r.kind === 'manager') yield* recoveredManagerEvents(s, r);
    else if (r.kind === 'history') yield* recoveredHistoryEvents(s, r);
  }
}

/**
 * Every dated event of one source, as it comes: not sorted, since Timesketch, mactime and l2tcsv
 * readers sort by time themselves, and a store's 100,000 unexplained messages are then never held
 * as rows. An undated fact has no row.
 */
export function* sourceTimeline(s: Source): Generator<TimelineEvent> {
  for (const e of sourceEvents(s)) if (Number.isFinite(e.ms)) yield e;
}
