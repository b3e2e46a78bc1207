// `--csv`: one row per entry (RFC 4180), one row for a source with no entry. Cells are escaped
// (control characters) and formula-like cells neutralised: the file is for spreadsheets.

import { escapeText, neutraliseCsvCell } from './escape.js';
import type { Report } from './types.js';

const COLUMNS = [
  'source',
  'kind',
  'status',
  'error',
  'role',
  'account_smtp',
  'account_uid',
  'index',
  'operation',
  'content',
  'time_utc',
  'uid',
  'encoded_uid',
  'offset',
  'correlation',
  'rule',
  'delta_seconds',
  'candidates',
  'folder',
  'nid',
  'subject',
  // Last, so that adding it moved no column a spreadsheet formula already points at.
  'sha256',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

function cell(v: string | number | undefined): string {
  if (v === undefined) return '';
  // Numbers are ours, never evidence: a negative delta stays a number for the spreadsheet.
  if (typeof v === 'number') return String(v);
  const s = neutraliseCsvCell(escapeText(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function* rows(report: Report): Generator<Row> {
  for (const s of report.sources) {
    const base: Row = { source: s.path, kind: s.kind, sha256: s.sha256, status: s.status, error: s.error ? `${s.error.code}: ${s.error.message}` : undefined };
    let any = false;
    for (const h of s.histories) {
      for (const e of h.entries) {
        any = true;
        const c = e.correlation;
        const first = c?.candidates.length === 1 ? c.candidates[0] : undefined;
        yield {
          ...base,
          role: h.role,
          account_smtp: h.account.smtp,
          account_uid: h.account.uid,
          index: e.index,
          operation: e.operation,
          content: e.content,
          time_utc: e.time,
          uid: e.uid,
          encoded_uid: e.encodedUid,
          offset: e.offset,
          correlation: c?.status,
          rule: c?.rule,
          delta_seconds: c?.deltaSeconds,
          candidates: c?.candidates.length,
          folder: first?.folder,
          nid: first?.nid,
          subject: first?.subject,
        };
      }
    }
    if (!any) yield base;
  }
}

/** The header, then one CRLF-terminated row per piece: the file is never one string. */
export function* csvChunks(report: Report): Generator<string> {
  yield `${COLUMNS.join(',')}\r\n`;
  for (const r of rows(report)) yield `${COLUMNS.map((k) => cell(r[k])).join(',')}\r\n`;
}

export function renderCsv(report: Report): string {
  return [...csvChunks(report)].join('');
}
