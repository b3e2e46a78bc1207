// One evidence file, end to end below the report: find the Message Managers, decode their
// histories, and (for a store) tie every downloaded UID to the message it created.

import type { PstStore, PstWarning } from '../../pst/index.js';
import { analyze, type Analysis } from '../locate/match-managers.js';
import type { ResolvedOptions } from '../options.js';
import { accountFindings, correlateDeleteOnly, correlateTag, unexplained, type CorrelationFinding, type NotInHistoryFinding } from '../correlate/rules.js';
import { DownloadTimes } from '../correlate/download-times.js';
import type { EntryFindings } from '../history/checks.js';
import { StoreMessages, type StoreMessage } from '../correlate/message-facts.js';
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
  /** With `origins` (and correlation): every message carrying a POP3 origin. */
  origins?: OriginFinding[];
  /** Present when freed space was searched (--recover). */
  recovery?: Recovery;
  warnings: readonly PstWarning[];
  /** What the search for a history needed and could not read (folders, tables, attachments). */
  unread: readonly string[];
}

export function inspectStore(store: PstStore, options: ResolvedOptions, onProgress?: ProgressListener): StoreInspection {
  const folders = [...store.walk()];
  const inbox = resolveInbox(store, folders);
  const analysis = analyze(findManagers(store, folders, inbox), options.profile);
  const recovery = options.recover ? recoverStore(store, analysis, options.profile, options.recoverMemory * 1048576) : undefined;
  let correlations: HistoryCorrelation[] | undefined;
  let origins: OriginFinding[] | undefined;
  if (options.correlate) {
    const olderOnly = recovery?.histories.some((h) => (h.live?.olderOnly.length ?? 0) > 0) ?? false;
    const wanted = options.origins === true || olderOnly || analysis.histories.some((h) => h.role === 'history' && h.blob.entries.length > 0);
    // Reading every message's property context is the long part of a large store: that is what is counted.
    const progress = wanted && onProgress ? new ProgressCounter(onProgress, folders) : undefined;
    const messages = new StoreMessages(store, wanted ? folders : [], inbox.nid, progress);
    correlations = analysis.histories.map((h) =>
      correlateHistory(h.role === 'history' ? h.blob.entries : [], h.blob.findings, h.account.smtp?.toLowerCase(), messages, options.window),
    );
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
  return { inbox, analysis, correlations, origins, recovery, warnings: store.warnings.list, unread: store.warnings.gaps };
}

interface EntryTag {
  index: number;
  operation: string;
  uid: string;
  encodedUid: string;
  timeRaw: string;
}

function correlateHistory(entries: readonly EntryTag[], checks: EntryFindings, account: string | undefined, messages: StoreMessages, windowSeconds: number): HistoryCorrelation {
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
  // A UID stays in the history while any tag, a delete included, holds it.
  const uids = new Set(entries.map((e) => e.uid));
  const found = entries.length > 0 ? accountFindings(messages, account, uids, matched) : { notInHistory: LazyList.of<NotInHistoryFinding>([]), servers: [] };
  return {
    entries: out,
    unexplained: summary.downloads > 0 ? unexplained(messages, first, last, matched) : LazyList.of<StoreMessage>([]),
    ...found,
    summary,
  };
}
