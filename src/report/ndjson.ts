// `--ndjson`: a line per source (`"type":"source"`, its summary without entries) followed by a line
// per entry (`"type":"entry"`) carrying its source path and account, then (with --recover) a line
// per recovered item (`"type":"recovered"`), so a pipeline can grep or stream entries and still see
// every source, including those with no history or an error.

import type { Entry, History, Recovered, Report, Source } from './types.js';

export type NdjsonLine =
  | ({ type: 'source' } & Omit<Source, 'histories' | 'recovered'> & { histories: Omit<History, 'entries'>[] })
  | ({ type: 'entry'; schema: string; source: string; history: number; role: History['role']; account: History['account'] } & Entry)
  | { type: 'recovered'; schema: string; source: string; index: number; item: Recovered };

function* ndjsonLines(report: Report): Generator<NdjsonLine> {
  for (const s of report.sources) {
    const { histories, recovered, ...rest } = s;
    yield { type: 'source', ...rest, histories: histories.map(({ entries: _entries, ...h }) => h) };
    for (const [hi, h] of histories.entries()) {
      for (const e of h.entries) yield { type: 'entry', schema: report.schema, source: s.path, history: hi, role: h.role, account: h.account, ...e };
    }
    // Recovered items after the live ones, each on its own line and marked as such.
    for (const [index, item] of (recovered ?? []).entries()) yield { type: 'recovered', schema: report.schema, source: s.path, index, item };
  }
}

/** One JSON line per piece: the report is never one string. */
export function* ndjsonChunks(report: Report): Generator<string> {
  for (const l of ndjsonLines(report)) yield `${JSON.stringify(l)}\n`;
}

export function renderNdjson(report: Report): string {
  return [...ndjsonChunks(report)].join('');
}
