// `case`'s default output, for people: the inputs and their statuses, the stores and snapshots, then
// per account its versions, a grid of each UID's presence across them, and its findings. Every
// string from the evidence goes through escapeText.

import type { CaseAccount, CaseFinding, CaseInputRecord, CaseUid } from '../analysis/index.js';
import type { CaseReport } from './case-report.js';
import { escapeCell, escapePath } from './escape.js';
import { layoutHistory, paint, type TableView } from './table-layout.js';
import { TABLE_ROW_LIMIT } from './table.js';

const e = (s: string | undefined): string => escapeCell(s ?? '', 1000);

/** Each version's mark in a UID's row: in store, not in store, ambiguous, listed (no correlation), or blank when not listed. */
const MARK = { matched: 'in store', 'not-in-store': 'gone', ambiguous: 'ambiguous' } as const;

function inputLine(i: CaseInputRecord, n: number, view: TableView): string {
  const path = escapePath(i.path, i.pathHex !== undefined);
  if (i.sameAs) return `  ${n + 1}  ${path}  the same file as input ${i.sameAs.input + 1} (${i.sameAs.by === 'link' ? 'a link to it' : 'the same bytes'}): counted once`;
  const status = i.status === 'error' ? `${paint('error', 'red', view)} ${i.error?.code ?? ''}: ${e(i.error?.message)}` : i.status === 'inconclusive' ? paint('inconclusive', 'red', view) : i.status === 'history-found' ? paint('history found', 'green', view) : 'no history';
  return `  ${n + 1}  ${path}  (${i.kind ?? 'unknown'})  ${status}${i.store ? `  store ${i.store}` : ''}`;
}

function presenceGrid(a: CaseAccount, u: readonly CaseUid[]): { head: string[]; rows: string[][] } {
  const ids = a.versions.map((v) => v.id.slice(a.id.length + 1));
  const rows = u.map((uid) => {
    const marks = a.versions.map((v) => {
      const l = uid.listedBy.find((x) => x.version === v.id);
      return l ? (l.inStore ? MARK[l.inStore] : 'listed') : '';
    });
    return [...marks, String(uid.messages.length), uid.findings.join(', '), e(uid.uid)];
  });
  return { head: [...ids, 'messages', 'findings', 'UID'], rows };
}

function findingLine(f: CaseFinding, view: TableView): string {
  const what = 'uid' in f ? `UID ${e(f.uid)}` : f.code === 'key-conflict' ? `mini UID ${f.value}` : `store ${f.store}`;
  return `  ${paint(f.code, f.code === 'snapshots' ? 'cyan' : 'yellow', view)}: ${what}: ${e(f.detail)}`;
}

function accountSection(a: CaseAccount, report: CaseReport, view: TableView): string[] {
  const joined = a.joinedBy.map((j) => `${j.key} ${e(j.value)} (${j.versions.length} versions)`).join('; ');
  const lines = [``, `Account ${a.id}: ${e(a.name)}${joined ? `  joined by ${joined}` : ''}`, `  versions, oldest first:`];
  for (const v of a.versions) {
    const input = report.inputs[v.input]!;
    const when = [v.newestTag && `newest tag ${v.newestTag}`, v.written && `written ${v.written}`].filter(Boolean).join(', ');
    lines.push(`    ${v.id}  ${v.origin}${v.partial ? ' (partial)' : ''}  ${escapePath(input.path, input.pathHex !== undefined)}  ${v.uids} UIDs, ${v.tags} tags${when ? `  ${when}` : ''}`);
  }
  if (a.uids.length > 0) lines.push(layoutHistory(presenceGrid(a, a.uids.slice(0, TABLE_ROW_LIMIT)), view, 2).replace(/^/gm, '  '));
  if (a.uids.length > TABLE_ROW_LIMIT) lines.push(`  … ${a.uids.length - TABLE_ROW_LIMIT} more UIDs not shown here; --json or --ndjson list all ${a.uids.length}`);
  for (const f of a.findings.slice(0, TABLE_ROW_LIMIT)) lines.push(findingLine(f, view));
  if (a.findings.length > TABLE_ROW_LIMIT) lines.push(`  … ${a.findings.length - TABLE_ROW_LIMIT} more findings not shown here; --json or --ndjson list all ${a.findings.length}`);
  return lines;
}

export function* caseTable(report: CaseReport, view: TableView): Generator<string> {
  const s = report.summary;
  const counts = `${s.statuses['history-found']} with a history, ${s.statuses['no-history']} without, ${s.statuses.inconclusive} inconclusive, ${s.statuses.error} errored${s.sameFile ? `, ${s.sameFile} the same file as another` : ''}`;
  const lines = [`pophist case: ${s.inputs} inputs (${counts}); ${s.accounts} accounts, ${s.versions} history versions, ${s.uids} UIDs`, 'Inputs:'];
  lines.push(...report.inputs.map((i, n) => inputLine(i, n, view)));
  for (const st of report.stores.filter((x) => x.inputs.length > 1)) lines.push(`Store ${st.id} (record key ${st.recordKey}): snapshots ${st.inputs.map((i) => i + 1).join(', ')}`);
  for (const a of report.accounts) lines.push(...accountSection(a, report, view));
  if (report.findings.length > 0) lines.push('', 'Case findings:', ...report.findings.map((f) => findingLine(f, view)));
  if (report.unattributed.length > 0) lines.push('', `${report.unattributed.length} messages with a POP3 origin no account of the case takes (another account's, or nothing to tell): --json lists them`);
  yield `${lines.join('\n')}\n`;
}
