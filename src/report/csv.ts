// `--csv`: one row per entry (RFC 4180), then one per message of the history's other findings (column
// `record`: not-in-history, unexplained); one row for a source with no entry. Cells are escaped
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
  'evidence',
  'contradictions',
  'record',
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
    const base: Row = { source: s.path, kind: s.kind, status: s.status, error: s.error ? `${s.error.code}: ${s.error.message}` : undefined };
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
          evidence: c?.evidence.join(' '),
          contradictions: c?.contradictions.map((x) => `${x.nid} ${x.reason}`).join('; ') || undefined,
          record: 'entry',
        };
      }
      // The history's other findings, one row per message, after its tags.
      const account = { ...base, role: h.role, account_smtp: h.account.smtp, account_uid: h.account.uid };
      for (const n of h.notInHistory ?? []) {
        for (const m of n.messages) yield { ...account, uid: n.uid, folder: m.folder, nid: m.nid, subject: m.subject, record: 'not-in-history' };
      }
      for (const m of h.unexplained ?? []) yield { ...account, folder: m.folder, nid: m.nid, subject: m.subject, record: 'unexplained' };
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
