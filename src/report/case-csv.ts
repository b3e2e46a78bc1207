// `case --csv DIR`: one RFC 4180 file per record type of the case report, each with fixed columns:
// case-run.csv (the run, its counts, and an `end` row), case-inputs.csv, case-versions.csv,
// case-uids.csv (a row per UID and version listing it; a UID no version lists has one row with no
// version), case-messages.csv (a row per message carrying a UID's remote id, and those no account
// takes) and case-findings.csv. Cells are escaped and formula-like cells defused, as inspect's.

import type { CaseFinding, CasePlace } from '../analysis/index.js';
import type { CaseReport } from './case-report.js';
import { csvLine } from './csv.js';

type Cell = string | number | boolean | undefined;
type Row = Record<string, Cell>;

export const CASE_CSV_TABLES = ['run', 'inputs', 'versions', 'uids', 'messages', 'findings'] as const;
type CaseCsvTable = (typeof CASE_CSV_TABLES)[number];

const COLUMNS: Record<CaseCsvTable, readonly string[]> = {
  run: ['record', 'schema', 'tool', 'options', 'generated_utc', 'inputs', 'same_file', 'accounts', 'versions', 'uids', 'findings'],
  inputs: ['input', 'source', 'kind', 'status', 'size', 'sha256', 'store', 'same_as_input', 'same_by', 'error_code', 'error_message'],
  versions: ['account', 'account_name', 'version', 'input', 'source', 'origin', 'history', 'store', 'smtp', 'mini_uid', 'servers', 'written_utc', 'newest_tag_utc', 'uids', 'tags', 'partial'],
  uids: ['account', 'uid', 'version', 'source', 'tags', 'in_store', 'first_listed', 'last_listed', 'messages', 'findings'],
  messages: ['account', 'uid', 'server', 'input', 'source', 'folder', 'nid', 'location', 'subject', 'created_utc', 'delivered_utc', 'message_account'],
  findings: ['account', 'code', 'uid', 'versions', 'from', 'to', 'version', 'key_value', 'smtp', 'accounts', 'store', 'inputs', 'places', 'detail'],
};

function* rows(report: CaseReport, table: CaseCsvTable): Generator<Row> {
  const source = (input: number): string => report.inputs[input]!.path;
  const versionSource = new Map(report.accounts.flatMap((a) => a.versions.map((v) => [v.id, source(v.input)] as const)));
  const place = (account: string | undefined, p: CasePlace): Row => ({
    account,
    uid: p.uid,
    server: p.server,
    input: p.input + 1,
    source: source(p.input),
    folder: p.message.folder,
    nid: p.message.nid,
    location: p.message.location,
    subject: p.message.subject,
    created_utc: p.message.created,
    delivered_utc: p.message.delivered,
    message_account: p.account,
  });
  switch (table) {
    case 'run': {
      const { schema, tool, options, generated, summary: s } = report;
      const findings = Object.values(s.findings).reduce((n, k) => n + (k ?? 0), 0);
      yield { record: 'case', schema, tool: `${tool.name} ${tool.version}`, options: JSON.stringify(options), generated_utc: generated, inputs: s.inputs, same_file: s.sameFile, accounts: s.accounts, versions: s.versions, uids: s.uids, findings };
      yield { record: 'end', inputs: s.inputs };
      return;
    }
    case 'inputs':
      for (const [k, i] of report.inputs.entries()) {
        yield { input: k + 1, source: i.path, kind: i.kind, status: i.status, size: i.size, sha256: i.sha256, store: i.store, same_as_input: i.sameAs && i.sameAs.input + 1, same_by: i.sameAs?.by, error_code: i.error?.code, error_message: i.error?.message };
      }
      return;
    case 'versions':
      for (const a of report.accounts) {
        for (const v of a.versions) {
          yield { account: a.id, account_name: a.name, version: v.id, input: v.input + 1, source: source(v.input), origin: v.origin, history: v.history, store: v.store, smtp: v.smtp, mini_uid: v.miniUid, servers: v.servers.join(' '), written_utc: v.written, newest_tag_utc: v.newestTag, uids: v.uids, tags: v.tags, partial: v.partial };
        }
      }
      return;
    case 'uids':
      for (const a of report.accounts) {
        for (const u of a.uids) {
          const common = { account: a.id, uid: u.uid, first_listed: u.firstListed, last_listed: u.lastListed, messages: u.messages.length, findings: u.findings.join(' ') };
          if (u.listedBy.length === 0) yield common;
          for (const l of u.listedBy) yield { ...common, version: l.version, source: versionSource.get(l.version), tags: l.tags.map((t) => `${t.operation} ${t.time}`).join('; '), in_store: l.inStore };
        }
      }
      return;
    case 'messages':
      for (const a of report.accounts) for (const u of a.uids) for (const p of u.messages) yield place(a.id, p);
      for (const p of report.unattributed) yield place(undefined, p);
      return;
    case 'findings':
      for (const a of report.accounts) for (const f of a.findings) yield findingRow(a.id, f);
      for (const f of report.findings) yield findingRow(undefined, f);
  }
}

function findingRow(account: string | undefined, f: CaseFinding): Row {
  const base: Row = { account, code: f.code, detail: f.detail };
  switch (f.code) {
    case 'dropped-between':
      return { ...base, uid: f.uid, from: f.from, to: f.to };
    case 'reappeared':
      return { ...base, uid: f.uid, from: f.from, to: f.to, version: f.version };
    case 'versions-disagree':
      return { ...base, uid: f.uid, versions: f.versions.join(' ') };
    case 'found-elsewhere':
      return { ...base, uid: f.uid, versions: f.versions.join(' '), places: f.places.length };
    case 'in-no-history':
      return { ...base, uid: f.uid, places: f.places.length };
    case 'key-conflict':
      return { ...base, key_value: f.value, smtp: f.smtp.join(' '), accounts: f.accounts.join(' ') };
    case 'snapshots':
      return { ...base, store: f.store, inputs: f.inputs.map((i) => i + 1).join(' ') };
  }
}

/** One table of the case report as CSV text: its header row, then its rows. */
export function caseCsv(report: CaseReport, table: CaseCsvTable): string {
  const columns = COLUMNS[table];
  let out = csvLine(columns, Object.fromEntries(columns.map((c) => [c, c])));
  for (const r of rows(report, table)) out += csvLine(columns, r as Partial<Record<string, string | number | boolean>>);
  return out;
}
