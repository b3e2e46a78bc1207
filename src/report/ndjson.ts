// `--ndjson`: a `report` line (schema, tool, options), then per source a `source` line (everything
// but the long lists) followed by a line per finding (`entry`, `not-in-history`, `unexplained`)
// carrying its source path and account (then, with --recover, a `recovered` line per item from freed
// space), so a pipeline can grep or stream findings and still see every source; an `end` line,
// last, says the run is complete and how many sources it holds. Every line names its contract and
// needs no other line: the outputs of runs on several machines join by concatenation (each run's
// `report` line is then repeated, the same).

import { findingRecords, sourceHeader, type FindingRecord, type SourceHeader } from './records.js';
import { renderReport, type Renderer } from './sink.js';
import { withFields } from './with-fields.js';
import { REPORT_SCHEMA, type Recovered, type Report, type ReportHeader } from './types.js';

type NdjsonLine =
  | ({ type: 'report' } & ReportHeader)
  | ({ type: 'source'; schema: string } & SourceHeader)
  | ({ type: FindingRecord['record']; schema: string; source: string; history: number; role: FindingRecord['role']; account: FindingRecord['account'] } & FindingRecord['item'])
  | { type: 'recovered'; schema: string; source: string; index: number; item: Recovered }
  | { type: 'end'; schema: string; complete: true; sources: number };

const line = (l: NdjsonLine): string => `${JSON.stringify(l)}\n`;

export function ndjsonRenderer(): Renderer {
  return {
    *begin(header) {
      yield line({ type: 'report', ...header });
    },
    *source(s) {
      yield line({ type: 'source', schema: REPORT_SCHEMA, ...sourceHeader(s) });
      for (const r of findingRecords(s)) yield line(withFields({ type: r.record, schema: REPORT_SCHEMA, source: r.source, history: r.history, role: r.role, account: r.account }, r.item));
      // With --recover, the items from freed space after the live findings, each marked as such.
      for (const [index, item] of (s.recovered ?? []).entries()) yield line({ type: 'recovered', schema: REPORT_SCHEMA, source: s.path, index, item });
    },
    *end(sources) {
      // Last, and only when the run went to its end: a stream without it was cut short.
      yield line({ type: 'end', schema: REPORT_SCHEMA, complete: true, sources });
    },
  };
}

export function renderNdjson(report: Report): string {
  return renderReport(report, ndjsonRenderer());
}
