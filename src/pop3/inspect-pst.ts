// One evidence file, end to end below the report: find the Message Managers, decode their
// histories, and (for a store) tie every downloaded UID to the message it created.

import type { PstWarning } from '../pst/file/errors.js';
import type { PstStore } from '../pst/messaging/store.js';
import { analyze, type Analysis, type ProfileFacts } from './select.js';
import { correlate, MessageIndex, unexplained, type Correlation, type StoreMessage } from './correlate.js';
import { findManagers, resolveInbox, type InboxResolution } from './locate.js';
import { recoverStore, type Recovery } from './recover.js';
import { ProgressCounter, type ProgressListener } from './progress.js';

export interface CorrelationOptions {
  /** Seconds either side of a tag time for a `near` match. */
  windowSeconds: number;
}

export interface HistoryCorrelation {
  /** Per entry index of the history, for entries whose operation includes a download. */
  entries: Map<number, Correlation>;
  unexplained: StoreMessage[];
  summary: { downloads: number; matched: number; ambiguous: number; notInStore: number };
}

export interface StoreInspection {
  inbox: InboxResolution;
  analysis: Analysis;
  /** Parallel to analysis.histories; absent when correlation was not asked for. */
  correlations?: HistoryCorrelation[];
  /** Present when freed space was searched (--recover). */
  recovery?: Recovery;
  warnings: readonly PstWarning[];
  /** What the search for a history needed and could not read (folders, tables, attachments). */
  unread: readonly string[];
}

export function inspectStore(store: PstStore, facts: ProfileFacts, correlation: CorrelationOptions | undefined, onProgress?: ProgressListener, recover = false): StoreInspection {
  const folders = [...store.walk()];
  const inbox = resolveInbox(store, folders);
  const analysis = analyze(findManagers(store, folders, inbox), facts);
  const recovery = recover ? recoverStore(store, analysis, facts) : undefined;
  let correlations: HistoryCorrelation[] | undefined;
  if (correlation) {
    const olderOnly = recovery?.histories.flatMap((h) => h.live?.olderOnly ?? []) ?? [];
    const wanted = olderOnly.length > 0 || analysis.histories.some((h) => h.role === 'history' && h.blob.entries.length > 0);
    // Reading every message's creation time is the long part of a large store: that is what is counted.
    const progress = wanted && onProgress ? new ProgressCounter(onProgress, folders) : undefined;
    const index = new MessageIndex(store, wanted ? folders : [], progress);
    correlations = analysis.histories.map((h) => correlateHistory(h.role === 'history' ? h.blob.entries : [], index, correlation));
    // A UID only an older version holds is tied by the same rules as a live one.
    for (const o of olderOnly) if (o.operation !== 'deleted') o.correlation = correlate(o.time, index, correlation.windowSeconds);
  }
  return { inbox, analysis, correlations, recovery, warnings: store.warnings.list, unread: store.warnings.gaps };
}

interface EntryTime {
  index: number;
  operation: string;
  time?: string;
}

function correlateHistory(entries: readonly EntryTime[], index: MessageIndex, opts: CorrelationOptions): HistoryCorrelation {
  const out = new Map<number, Correlation>();
  const explained = new Set<string>();
  const summary = { downloads: 0, matched: 0, ambiguous: 0, notInStore: 0 };
  const times: string[] = [];
  for (const e of entries) {
    if (e.time === undefined || e.operation === 'deleted') continue;
    const c = correlate(e.time, index, opts.windowSeconds);
    out.set(e.index, c);
    times.push(e.time);
    summary.downloads++;
    if (c.status === 'matched') summary.matched++;
    else if (c.status === 'ambiguous') summary.ambiguous++;
    else summary.notInStore++;
    for (const m of c.candidates) explained.add(m.nid);
  }
  times.sort();
  const span = times.length > 0 ? unexplained(index, times[0]!, times[times.length - 1]!, explained) : [];
  return { entries: out, unexplained: span, summary };
}
