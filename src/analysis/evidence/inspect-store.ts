// One evidence file, end to end below the report: find the Message Managers, decode their
// histories, and (for a store) tie every downloaded UID to the message it created.

import type { PstStore, PstWarning } from '../../pst/index.js';
import { storeProfile, tieAccounts, type AccountTies } from '../account/tie.js';
import { analyze, type Analysis } from '../locate/match-managers.js';
import type { ResolvedOptions } from '../options.js';
import { correlateDeleteOnly, correlateTag, unexplained, type CorrelationFinding } from '../correlate/rules.js';
import { DownloadTimes } from '../correlate/download-times.js';
import { Attribution } from '../correlate/attribution.js';
import { accountFindings, downloadsByServer, type NotInHistoryFinding, type ServerDownloadsFinding } from '../correlate/download-findings.js';
import type { EntryFindings } from '../history/checks.js';
import { StoreMessages } from '../correlate/message-facts.js';
import type { StoreMessage } from '../correlate/store-message.js';
import { messageOrigins, type OriginFinding } from '../correlate/origins.js';
import { LazyList } from '../lazy-list.js';
import { findManagers, resolveInbox, type InboxResolution } from '../locate/find-managers.js';
import { tagSeconds } from '../history/tag-time.js';
import { recoverStore } from '../recover/recover-store.js';
import type { Recovery } from '../recover/types.js';
import { ProgressCounter, type ProgressListener } from './progress.js';

export interface HistoryCorrelation {
  /** Per entry index of the history, for entries whose operation includes a download. */
  entries: Map<number, CorrelationFinding>;
  unexplained: LazyList<StoreMessage>;
  notInHistory: LazyList<NotInHistoryFinding>;
  /** POP3 servers seen on this account's messages. */
  servers: string[];
  /** `inconsistent`: matched or ambiguous entries with a warning finding; `deleteOnly`: UIDs tied to a delete-only tag. */
  summary: { downloads: number; matched: number; ambiguous: number; notInStore: number; inconsistent: number; deleteOnly: number };
}

export interface StoreInspection {
  inbox: InboxResolution;
  analysis: Analysis;
  /** Parallel to analysis.histories; absent when correlation was not asked for. */
  correlations?: HistoryCorrelation[];
  /**
   * POP3 downloads (messages with a remote id) no history accounts for, by server: with no history,
   * every one. Absent when correlation was not asked for.
   */
  unattributed?: ServerDownloadsFinding[];
  /** With `origins` (and correlation): every message carrying a POP3 origin. */
  origins?: LazyList<OriginFinding>;
  /** Present when freed space was searched (--recover). */
  recovery?: Recovery;
  /** With registry hives: the store's accounts and each history's. */
  accounts?: AccountTies;
  warnings: readonly PstWarning[];
  /** What the search for a history needed and could not read (folders, tables, attachments). */
  unread: readonly string[];
}

export function inspectStore(store: PstStore, options: ResolvedOptions, onProgress?: ProgressListener): StoreInspection {
  const folders = [...store.walk()];
  const inbox = resolveInbox(store, folders);
  const recordKey = options.registry ? store.recordKey : undefined;
  const { profile, automatic } = storeProfile(options.profile, options.registry, recordKey);
  const analysis = analyze(findManagers(store, folders, inbox), profile);
  const accounts = options.registry ? tieAccounts(analysis, options.registry, recordKey, automatic) : undefined;
  const recovery = options.recover ? recoverStore(store, analysis, profile, options.recoverMemory * 1048576) : undefined;
  let correlations: HistoryCorrelation[] | undefined;
  let unattributed: ServerDownloadsFinding[] | undefined;
  let origins: LazyList<OriginFinding> | undefined;
  if (options.correlate) {
    // Every store's messages are read: without a history, its downloads are still evidence.
    // Reading every message's property context is the long part of a large store: that is what is counted.
    const progress = onProgress ? new ProgressCounter(onProgress, folders) : undefined;
    const messages = new StoreMessages(store, folders, inbox.nid, progress);
    const tagged = analysis.histories.map((h) =>
      correlateTags(h.role === 'history' ? h.blob.entries : [], h.blob.findings, h.account.smtp?.toLowerCase(), messages, options.window),
    );
    const attribution = new Attribution(
      messages,
      tagged.map((t, k) => ({ smtp: analysis.histories[k]!.account.smtp?.toLowerCase(), matched: t.matched, pop3: t.uids.size > 0 })),
    );
    correlations = tagged.map((t, k) => {
      const found = t.uids.size > 0 ? accountFindings(messages, attribution, k, t.uids, t.matched) : { notInHistory: LazyList.of<NotInHistoryFinding>([]), servers: [] };
      return { entries: t.entries, unexplained: t.unexplained, ...found, summary: t.summary };
    });
    unattributed = downloadsByServer(messages, (i) => !attribution.accounted(i));
    if (options.origins) origins = messageOrigins(messages);
    // A UID only an older version holds is tied by the same rules as a live one, for the live history's account.
    for (const r of recovery?.histories ?? []) {
      if (!r.live) continue;
      const live = analysis.histories[r.live.history];
      const account = live?.account.smtp?.toLowerCase();
      const tags = new DownloadTimes(live?.blob.entries ?? [], options.window);
      for (const o of r.live.olderOnly) {
        if (o.operation !== 'deleted') o.correlation = correlateTag({ uid: o.uid, second: o.second }, messages, account, options.window, tags);
      }
    }
  }
  return { inbox, analysis, correlations, unattributed, origins, recovery, ...(accounts ? { accounts } : {}), warnings: store.warnings.list, unread: store.warnings.gaps };
}

interface EntryTag {
  index: number;
  operation: string;
  uid: string;
  encodedUid: string;
  timeRaw: string;
}

interface TaggedHistory {
  entries: Map<number, CorrelationFinding>;
  matched: Set<number>;
  /** Every UID a tag holds, a delete included: a UID stays in the history while any tag holds it. */
  uids: Set<string>;
  unexplained: LazyList<StoreMessage>;
  summary: HistoryCorrelation['summary'];
}

function correlateTags(entries: readonly EntryTag[], checks: EntryFindings, account: string | undefined, messages: StoreMessages, windowSeconds: number): TaggedHistory {
  const out = new Map<number, CorrelationFinding>();
  const matched = new Set<number>();
  const summary = { downloads: 0, matched: 0, ambiguous: 0, notInStore: 0, inconsistent: 0, deleteOnly: 0 };
  const tags = new DownloadTimes(entries, windowSeconds);
  let first = Infinity;
  let last = -Infinity;
  for (const e of entries) {
    if (e.operation === 'deleted') continue;
    const second = tagSeconds(e.timeRaw);
    const c = correlateTag({ uid: e.uid, second }, messages, account, windowSeconds, tags);
    out.set(e.index, c);
    first = Math.min(first, second);
    last = Math.max(last, second);
    summary.downloads++;
    if (c.status === 'matched') summary.matched++;
    else if (c.status === 'ambiguous') summary.ambiguous++;
    else summary.notInStore++;
    if (c.status !== 'not-in-store') {
      const inconsistent = [...c.findings, ...(checks.get(e.index) ?? [])].some((f) => f.severity === 'warning');
      c.consistency = inconsistent ? 'inconsistent' : 'consistent';
      if (inconsistent) summary.inconsistent++;
    }
    for (const i of c.matchedIndices) matched.add(i);
  }
  // A UID with no download tag keeps its messages through its first delete-only tag: matched there, never dropped.
  for (const e of entries) {
    if (e.operation !== 'deleted' || tags.hasDownload(e.uid) || tags.firstDelete(e.uid) !== e.index) continue;
    const c = correlateDeleteOnly(e.uid, messages, account);
    if (!c) continue;
    out.set(e.index, c);
    summary.deleteOnly++;
    for (const i of c.matchedIndices) matched.add(i);
  }
  return {
    entries: out,
    matched,
    uids: new Set(entries.map((e) => e.uid)),
    unexplained: summary.downloads > 0 ? unexplained(messages, first, last, matched) : LazyList.of<StoreMessage>([]),
    summary,
  };
}
