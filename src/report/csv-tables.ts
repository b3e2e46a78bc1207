// `--csv DIR`: one RFC 4180 file per record type, each with its own fixed columns, for spreadsheets
// and data frames (one table, one kind of row, the same columns in every row). `run.csv` holds the
// run (tool, options) and ends with an `end` row counting the sources, so a file set is known whole.

import { csvLine, entryCells } from './csv.js';
import { findingRecords, type FindingRecord } from './records.js';
import { REGISTRY_TABLES } from './csv-registry.js';
import type { Renderer } from './sink.js';
import type { Candidate, Recovered, ReportHeader, Source } from './types.js';

type Cell = string | number | boolean;

interface Table<K extends string> {
  columns: readonly K[];
  rows(s: Source): Iterable<Partial<Record<K, Cell>>>;
}

const PLACE = ['source', 'history', 'role', 'account_smtp', 'account_uid'] as const;
const MESSAGE = ['folder', 'nid', 'subject', 'from', 'message_id', 'created_utc', 'delivered_utc'] as const;

const message = (m: Candidate | undefined) => ({
  folder: m?.folder,
  nid: m?.nid,
  subject: m?.subject,
  from: m?.from,
  message_id: m?.messageId,
  created_utc: m?.created,
  delivered_utc: m?.delivered,
});

const placeOf = (r: FindingRecord) => ({ source: r.source, history: r.history, role: r.role, account_smtp: r.account.smtp, account_uid: r.account.uid });

const SOURCES: Table<string> = {
  columns: ['source', 'kind', 'status', 'size', 'sha256', 'variant', 'encryption', 'store_name', 'inbox', 'inbox_found_by', 'managers', 'histories', 'tags', 'recovered', 'warnings', 'unread', 'error_code', 'error_message'],
  *rows(s) {
    yield {
      source: s.path,
      kind: s.kind,
      status: s.status,
      size: s.size,
      sha256: s.sha256,
      variant: s.format?.variant,
      encryption: s.format?.encryption,
      store_name: s.store?.displayName,
      inbox: s.store?.inbox,
      inbox_found_by: s.store?.inboxFoundBy,
      managers: s.managers.length,
      histories: s.histories.length,
      tags: s.histories.reduce((n, h) => n + h.entries.length, 0),
      recovered: s.recovered?.length,
      warnings: s.warnings.length,
      unread: s.unread?.join('; '),
      error_code: s.error?.code,
      error_message: s.error?.message,
    };
  },
};

const ENTRIES: Table<string> = {
  columns: [...PLACE, 'index', 'operation', 'content', 'time_utc', 'time_raw', 'uid', 'encoded_uid', 'uid_hex', 'offset', 'correlation', 'rule', 'delta_seconds', 'candidates', ...MESSAGE, 'evidence', 'contradictions'],
  *rows(s) {
    for (const r of findingRecords(s)) {
      if (r.record !== 'entry') continue;
      const e = r.item;
      const c = e.correlation;
      const entry = { ...placeOf(r), ...entryCells(e), time_raw: e.timeRaw, uid_hex: e.uidHex };
      // A row per candidate message, so each row names at most one message.
      if (!c || c.candidates.length === 0) yield entry;
      else for (const m of c.candidates) yield { ...entry, ...message(m) };
    }
  },
};

const NOT_IN_HISTORY: Table<string> = {
  columns: [...PLACE, 'uid', 'server', ...MESSAGE],
  *rows(s) {
    for (const r of findingRecords(s)) {
      if (r.record !== 'not-in-history') continue;
      for (const m of r.item.messages) yield { ...placeOf(r), uid: r.item.uid, server: r.item.server, ...message(m) };
    }
  },
};

const UNEXPLAINED: Table<string> = {
  columns: [...PLACE, ...MESSAGE],
  *rows(s) {
    for (const r of findingRecords(s)) if (r.record === 'unexplained') yield { ...placeOf(r), ...message(r.item) };
  },
};

function recoveredRow(item: Recovered) {
  const where = item.location;
  const base = { kind: item.kind, offset: where.offset, bid: where.bid, nid: where.nid, allocation: where.allocation, free_by: where.freeBy, validation: where.validation.join(' ') };
  switch (item.kind) {
    case 'manager':
      return { ...base, status: item.status, message_class: item.messageClass, subject: item.subject, attachments: item.attachments.length, problems: item.problems.join('; ') || undefined };
    case 'attachment':
      return { ...base, role: item.role, account_smtp: item.smtp, account_uid: item.accountUid, filename: item.filename, long_filename: item.longFilename, size: item.size, data_survives: item.dataSurvives };
    case 'history':
      return { ...base, status: item.status, manager: item.manager, role: item.role, account_smtp: item.account.smtp, account_uid: item.account.uid, filename: item.attachment, tags: item.entries.length, live_history: item.live?.history, older_only: item.live?.olderOnly.length };
  }
}

const RECOVERED: Table<string> = {
  columns: ['source', 'index', 'kind', 'status', 'offset', 'bid', 'nid', 'allocation', 'free_by', 'validation', 'manager', 'role', 'account_smtp', 'account_uid', 'message_class', 'subject', 'attachments', 'filename', 'long_filename', 'size', 'data_survives', 'tags', 'live_history', 'older_only', 'problems'],
  *rows(s) {
    for (const [index, item] of (s.recovered ?? []).entries()) yield { source: s.path, index, ...recoveredRow(item) };
  },
};

const RECOVERED_ENTRIES: Table<string> = {
  columns: ['source', 'item', 'index', 'operation', 'content', 'time_utc', 'uid', 'encoded_uid', 'offset', 'older_only'],
  *rows(s) {
    for (const [item, r] of (s.recovered ?? []).entries()) {
      if (r.kind !== 'history') continue;
      const older = new Set(r.live?.olderOnly.map((o) => o.uid));
      for (const e of r.entries) {
        yield { source: s.path, item, index: e.index, operation: e.operation, content: e.content, time_utc: e.time, uid: e.uid, encoded_uid: e.encodedUid, offset: e.offset, older_only: r.live ? older.has(e.uid) : undefined };
      }
    }
  },
};

const WARNINGS: Table<string> = {
  columns: ['source', 'history', 'code', 'severity', 'message', 'offset', 'layer', 'id'],
  *rows(s) {
    for (const w of s.warnings) yield { source: s.path, code: w.code, severity: 'warning', message: w.message, offset: w.offset, layer: w.layer, id: w.id };
    for (const [history, h] of s.histories.entries()) {
      for (const a of h.anomalies) yield { source: s.path, history, code: a.code, severity: a.severity, message: a.message, offset: a.offset };
    }
  },
};

const RUN_COLUMNS = ['record', 'schema', 'tool', 'options', 'generated_utc', 'sources'] as const;

/** The tables of `--csv DIR`, each written to `<name>.csv`. */
export const CSV_TABLES = ['run', 'sources', 'entries', 'not-in-history', 'unexplained', 'warnings', 'recovered', 'recovered-entries', 'accounts', 'policy-findings'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

const TABLES: Record<Exclude<CsvTable, 'run'>, Table<string>> = {
  sources: SOURCES,
  entries: ENTRIES,
  'not-in-history': NOT_IN_HISTORY,
  unexplained: UNEXPLAINED,
  warnings: WARNINGS,
  recovered: RECOVERED,
  'recovered-entries': RECOVERED_ENTRIES,
  ...REGISTRY_TABLES,
};

/** One table of `--csv DIR` as a renderer: its header, then its rows for each source as it comes. */
export function csvTableRenderer(table: CsvTable): Renderer {
  if (table === 'run') {
    return {
      *begin(h: ReportHeader) {
        yield `${RUN_COLUMNS.join(',')}\r\n`;
        yield csvLine(RUN_COLUMNS, { record: 'report', schema: h.schema, tool: `${h.tool.name} ${h.tool.version}`, options: JSON.stringify(h.options), generated_utc: h.generated });
      },
      source: () => [],
      *end(sources) {
        yield csvLine(RUN_COLUMNS, { record: 'end', sources });
      },
    };
  }
  const t = TABLES[table];
  return {
    *begin() {
      yield `${t.columns.join(',')}\r\n`;
    },
    *source(s) {
      for (const r of t.rows(s)) yield csvLine(t.columns, r);
    },
    end: () => [],
  };
}
