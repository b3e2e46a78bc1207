// Timeline events of POP3 downloads no tag names: a download the history no longer lists (with the
// rule that gave it to the account), a .msg's message with a POP3 origin, and a store's downloads
// no history accounts for (the first and last delivery from each server).

import type { MsgDownload, NotInHistory, ServerDownloads, Source } from './types.js';
import type { TimelineEvent } from './timeline-events.js';
import { withFields } from './with-fields.js';

type Place = Pick<TimelineEvent, 'source' | 'account' | 'accountUid'>;

const quoted = (s: string | undefined): string => (s === undefined ? 'a message with no subject' : `'${s}'`);

/** The properties that tied the message to the account, for each rule. */
const EVIDENCE: Record<NotInHistory['attributedBy'], string> = {
  'account-name': 'PidLidRemoteEntryId PidLidInternetAccountName',
  'account-stamp': 'PidLidRemoteEntryId PidLidInternetAccountStamp',
  server: 'PidLidRemoteEntryId',
  'only-history': 'PidLidRemoteEntryId',
};

/** A message this account downloaded (its remote id says so) whose UID no tag of the history holds. */
export function* notInHistoryEvents(base: Place, account: string, n: NotInHistory): Generator<TimelineEvent> {
  const by = n.attributedBy === 'account-name' ? '' : ` (attributed by ${n.attributedBy})`;
  for (const m of n.messages) {
    const at = withFields(base, { uid: n.uid, status: 'not-in-history', rule: n.attributedBy, evidence: EVIDENCE[n.attributedBy], folder: m.folder, nid: m.nid, subject: m.subject });
    const about = `POP://${n.server}/${n.uid}, downloaded by ${account}${by}, but the history no longer lists the UID`;
    if (m.created !== undefined) yield withFields(at, { ms: Date.parse(m.created), kind: 'not-in-history-created', desc: 'Message creation', macb: 'B', message: `Message ${quoted(m.subject)} in ${m.folder} created (${about})` });
    if (m.delivered !== undefined)
      yield withFields(at, { ms: Date.parse(m.delivered), kind: 'not-in-history-delivered', desc: 'Message delivery', macb: 'none', message: `Message ${quoted(m.subject)} in ${m.folder} delivered by the server (${about})` });
  }
}

function* msgDownloadEvents(s: Source, d: MsgDownload): Generator<TimelineEvent> {
  const at = { source: s.path, account: d.account, uid: d.unescapedUid ?? d.uid, status: 'download', evidence: 'PidLidRemoteEntryId', folder: d.location, subject: d.subject };
  const what = `Message ${quoted(d.subject)} (${d.location} of the .msg, POP://${d.server}/${d.uid}${d.account !== undefined ? `, account ${d.account}` : ''})`;
  if (d.created !== undefined) yield withFields(at, { ms: Date.parse(d.created), kind: 'download-created', desc: 'Message creation', macb: 'B', message: `${what} created` });
  if (d.delivered !== undefined) yield withFields(at, { ms: Date.parse(d.delivered), kind: 'download-delivered', desc: 'Message delivery', macb: 'none', message: `${what} delivered by the server` });
}

function* unattributedEvents(s: Source, u: ServerDownloads): Generator<TimelineEvent> {
  if (u.firstDelivered === undefined || u.lastDelivered === undefined) return;
  const at = { source: s.path, status: 'unattributed', evidence: 'PidLidRemoteEntryId' };
  const what = `POP3 download from ${u.server} that no history of this store accounts for (${u.messages} messages, ${u.uids.length} UIDs, in ${u.folders.join('; ')})`;
  yield withFields(at, { ms: Date.parse(u.firstDelivered), kind: 'unattributed-first-delivered', desc: 'First message delivery', macb: 'none', message: `First delivery of a ${what}` });
  yield withFields(at, { ms: Date.parse(u.lastDelivered), kind: 'unattributed-last-delivered', desc: 'Last message delivery', macb: 'none', message: `Last delivery of a ${what}` });
}

/** A source's downloads outside any history: a .msg's, and a store's unattributed ones. */
export function* downloadEvents(s: Source): Generator<TimelineEvent> {
  for (const d of s.downloads ?? []) yield* msgDownloadEvents(s, d);
  for (const u of s.unattributed ?? []) yield* unattributedEvents(s, u);
}
