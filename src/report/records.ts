// A source as records: its header (everything but the long per-history lists), then one record per
// item of those lists. NDJSON writes a line per record and CSV a row, so no line or row is ever a
// whole store. A list added to History is added here (header and records), and both formats carry it.

import type { Candidate, Entry, History, NotInHistory, Source } from './types.js';

/** A history without its finding lists. */
export type HistoryHeader = Omit<History, 'entries' | 'unexplained' | 'notInHistory'>;

/** Recovered items are records of their own (NDJSON `recovered` lines), not part of the header. */
export type SourceHeader = Omit<Source, 'histories' | 'recovered'> & { histories: HistoryHeader[] };

/** Where a finding came from: the source, the history (index into `histories`) and its account. */
interface FindingPlace {
  source: string;
  history: number;
  role: History['role'];
  account: History['account'];
}

export type FindingRecord = FindingPlace &
  ({ record: 'entry'; item: Entry } | { record: 'not-in-history'; item: NotInHistory } | { record: 'unexplained'; item: Candidate });

export function sourceHeader(s: Source): SourceHeader {
  const { recovered: _recovered, ...rest } = s;
  return {
    ...rest,
    histories: s.histories.map(({ entries: _entries, unexplained: _unexplained, notInHistory: _notInHistory, ...h }) => h),
  };
}

/**
 * Every finding of a source as a record, made as it is walked. Records are literals, never spreads
 * of an object that outlives them: V8 gives a clone of a long-lived object a long life too, and a
 * store's 80,000 records then fill the old generation instead of dying young.
 */
export function* findingRecords(s: Source): Generator<FindingRecord> {
  const source = s.path;
  for (const [history, h] of s.histories.entries()) {
    const { role, account } = h;
    for (const item of h.entries) yield { source, history, role, account, record: 'entry', item };
    for (const item of h.notInHistory ?? []) yield { source, history, role, account, record: 'not-in-history', item };
    for (const item of h.unexplained ?? []) yield { source, history, role, account, record: 'unexplained', item };
  }
}
