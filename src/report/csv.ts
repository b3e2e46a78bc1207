// `--csv` (RFC 4180): a `report` row (tool, options), then per source a `source` row (with --registry,
// its histories' `account` and `policy-finding` rows) and a row per
// finding, named in the `record` column (`entry`, `not-in-history`, `unexplained`, `download`,
// `unattributed`), and last an `end` row with the count of sources, so a cut file is told from a
// whole one. An entry with several candidate messages has a row per candidate, each with the rule,
// the evidence and the contradictions; a UID not in the history a row per message (with its
// `attributed_by`); a .msg's message with a POP3 origin a `download` row (its place in `folder`); a
// store's downloads no history accounts for an `unattributed` row per server (message count in
// `candidates`, UIDs space-separated in `uid`, folders in `folder`, first and last delivery in
// `time_utc` and `delivered_utc`). Cells are escaped (control characters) and formula-like cells
// neutralised: the file is for spreadsheets.

import { escapeText, neutraliseCsvCell } from './escape.js';
import { findingRecords } from './records.js';
import { REGISTRY_COLUMNS, registryCsvCells, registryRecords } from './csv-registry.js';
import { renderReport, type Renderer } from './sink.js';
import type { Candidate, Entry, Report, ReportHeader, Source } from './types.js';

const COLUMNS = [
  'record',
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
  'created_utc',
  'evidence',
  'contradictions',
  'tool',
  'options',
  // Last, so that adding them moved no column a spreadsheet formula already points at.
  'sha256',
  // report@3, after sha256 for the same reason.
  'consistency',
  'findings',
  'integrity',
  // @3, --registry: the `account` and `policy-finding` rows' own cells.
  ...REGISTRY_COLUMNS,
  'server',
  'delivered_utc',
  'attributed_by',
  'message_id',
  // @3: the `end` row's count of sources, which says the file is whole; last of all.
  'sources',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/** One RFC 4180 cell: evidence text escaped and defused; numbers and booleans are ours, written as they are. */
export function csvCell(v: string | number | boolean | undefined): string {
  if (v === undefined) return '';
  // A negative delta stays a number for the spreadsheet.
  if (typeof v !== 'string') return String(v);
  const s = neutraliseCsvCell(escapeText(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A row of `columns`, each cell taken from `r` by its name. */
export const csvLine = <K extends string>(columns: readonly K[], r: Partial<Record<K, string | number | boolean>>): string => `${columns.map((k) => csvCell(r[k])).join(',')}\r\n`;

const row = (r: Row): string => csvLine(COLUMNS, r);

const message = (m: Candidate | undefined): Row => ({ folder: m?.folder, nid: m?.nid, subject: m?.subject, created_utc: m?.created });

/** An entry's cells, the same in `--csv` and in `--csv DIR`'s entries.csv. */
export function entryCells(e: Entry) {
  const c = e.correlation;
  return {
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
    evidence: c?.evidence.join(' '),
    contradictions: c?.contradictions.map((x) => `${x.nid} ${x.reason}`).join('; ') || undefined,
    consistency: c?.consistency,
    findings: e.findings?.map((f) => `${f.code}: ${f.detail}`).join('; '),
    integrity: e.integrity && `${e.integrity.status}: ${e.integrity.blocks.map((b) => `block ${b.bid} at ${b.offset} ${b.problem}`).join('; ')}`,
  };
}

function* sourceRows(s: Source): Generator<Row> {
  const base: Row = { source: s.path, kind: s.kind, status: s.status, sha256: s.sha256 };
  yield { record: 'source', ...base, error: s.error ? `${s.error.code}: ${s.error.message}` : undefined };
  for (const r of registryRecords(s)) {
    const h = s.histories[r.history]!;
    yield { record: r.record, ...base, role: h.role, account_smtp: h.account.smtp, account_uid: h.account.uid, ...registryCsvCells(r.record, r.cells) };
  }
  for (const r of findingRecords(s)) {
    // Written out rather than spread from `base`: see findingRecords.
    const place: Row = { source: base.source, kind: base.kind, status: base.status, sha256: base.sha256, role: r.role, account_smtp: r.account.smtp, account_uid: r.account.uid };
    if (r.record === 'unexplained') {
      yield { record: r.record, ...place, ...message(r.item) };
      continue;
    }
    if (r.record === 'not-in-history') {
      for (const m of r.item.messages) yield { record: r.record, ...place, uid: r.item.uid, ...message(m), server: r.item.server, delivered_utc: m.delivered, attributed_by: r.item.attributedBy, message_id: m.messageId };
      continue;
    }
    const c = r.item.correlation;
    const entry: Row = { record: r.record, ...place, ...entryCells(r.item) };
    if (!c || c.candidates.length === 0) yield entry;
    else for (const m of c.candidates) yield { ...entry, ...message(m) };
  }
  yield* downloadRows(s, base);
}

function* downloadRows(s: Source, base: Row): Generator<Row> {
  for (const d of s.downloads ?? []) {
    const decoded = d.unescapedUid ?? d.uid;
    yield {
      record: 'download',
      ...base,
      account_smtp: d.account,
      uid: decoded,
      encoded_uid: decoded === d.uid ? undefined : d.uid,
      folder: d.location,
      subject: d.subject,
      created_utc: d.created,
      server: d.server,
      delivered_utc: d.delivered,
      message_id: d.messageId,
    };
  }
  for (const u of s.unattributed ?? []) {
    yield { record: 'unattributed', ...base, server: u.server, candidates: u.messages, uid: u.uids.join(' '), folder: u.folders.join('; '), time_utc: u.firstDelivered, delivered_utc: u.lastDelivered };
  }
}

export function csvRenderer(): Renderer {
  return {
    *begin(header: ReportHeader) {
      yield `${COLUMNS.join(',')}\r\n`;
      yield row({ record: 'report', tool: `${header.tool.name} ${header.tool.version}`, options: JSON.stringify(header.options), time_utc: header.generated });
    },
    *source(s) {
      for (const r of sourceRows(s)) yield row(r);
    },
    *end(sources) {
      yield row({ record: 'end', sources });
    },
  };
}

export function renderCsv(report: Report): string {
  return renderReport(report, csvRenderer());
}
