// `--ndjson`: a line per source (`"type":"source"`, its summary without entries) followed by a line
// per entry (`"type":"entry"`) carrying its source path and account, so a pipeline can grep or stream
// entries and still see every source, including those with no history or an error.

import type { Entry, History, Report, Source } from './types.js';

export type NdjsonLine =
  | ({ type: 'source' } & Omit<Source, 'histories'> & { histories: Omit<History, 'entries'>[] })
  | ({ type: 'entry'; schema: string; source: string; history: number; role: History['role']; account: History['account'] } & Entry);

function ndjsonLines(report: Report): NdjsonLine[] {
  const lines: NdjsonLine[] = [];
  for (const s of report.sources) {
    const { histories, ...rest } = s;
    lines.push({ type: 'source', ...rest, histories: histories.map(({ entries: _entries, ...h }) => h) });
    histories.forEach((h, hi) => {
      for (const e of h.entries) lines.push({ type: 'entry', schema: report.schema, source: s.path, history: hi, role: h.role, account: h.account, ...e });
    });
  }
  return lines;
}

export function renderNdjson(report: Report): string {
  return ndjsonLines(report)
    .map((l) => `${JSON.stringify(l)}\n`)
    .join('');
}
