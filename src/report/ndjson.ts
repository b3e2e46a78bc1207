// `--ndjson`: a line per source (`"type":"source"`, its summary without entries) followed by a line
// per entry (`"type":"entry"`) carrying its source path and account, so a pipeline can grep or stream
// entries and still see every source, including those with no history or an error. Every line names
// its contract and depends on no other line: outputs of runs on several machines join by concatenation.

import type { Entry, History, Report, Source } from './types.js';

export type NdjsonLine =
  | ({ type: 'source'; schema: string } & Omit<Source, 'histories'> & { histories: Omit<History, 'entries'>[] })
  | ({ type: 'entry'; schema: string; source: string; history: number; role: History['role']; account: History['account'] } & Entry);

function* ndjsonLines(report: Report): Generator<NdjsonLine> {
  for (const s of report.sources) {
    const { histories, ...rest } = s;
    yield { type: 'source', schema: report.schema, ...rest, histories: histories.map(({ entries: _entries, ...h }) => h) };
    for (const [hi, h] of histories.entries()) {
      for (const e of h.entries) yield { type: 'entry', schema: report.schema, source: s.path, history: hi, role: h.role, account: h.account, ...e };
    }
  }
}

/** One JSON line per piece: the report is never one string. */
export function* ndjsonChunks(report: Report): Generator<string> {
  for (const l of ndjsonLines(report)) yield `${JSON.stringify(l)}\n`;
}

export function renderNdjson(report: Report): string {
  return [...ndjsonChunks(report)].join('');
}
