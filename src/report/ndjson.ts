// `--ndjson`: a `report` line (schema, tool, options), then per source a `source` line (everything
// but the long lists) followed by a line per finding (`entry`, `not-in-history`, `unexplained`) carrying its source
// path and account, so a pipeline can grep or stream findings and still see every source.

import { findingRecords, sourceHeader, type FindingRecord, type SourceHeader } from './records.js';
import { renderReport, type Renderer } from './sink.js';
import type { Report, ReportHeader } from './types.js';

export type NdjsonLine =
  | ({ type: 'report' } & ReportHeader)
  | ({ type: 'source' } & SourceHeader)
  | ({ type: FindingRecord['record']; schema: string; source: string; history: number; role: FindingRecord['role']; account: FindingRecord['account'] } & FindingRecord['item']);

const line = (l: NdjsonLine): string => `${JSON.stringify(l)}\n`;

export function ndjsonRenderer(): Renderer {
  let schema = '';
  return {
    *begin(header) {
      schema = header.schema;
      yield line({ type: 'report', ...header });
    },
    *source(s) {
      yield line({ type: 'source', ...sourceHeader(s) });
      for (const r of findingRecords(s)) yield line({ type: r.record, schema, source: r.source, history: r.history, role: r.role, account: r.account, ...r.item });
    },
    end: () => [],
  };
}

export function renderNdjson(report: Report): string {
  return renderReport(report, ndjsonRenderer());
}
