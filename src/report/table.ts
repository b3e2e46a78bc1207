// The default output, for people: a summary per source, then a table per history. Every string
// from the evidence goes through escapeText.

import { MAX_UID_LENGTH } from '../analysis/index.js';
import { escapeCell, escapePath } from './escape.js';
import { renderReport, type Renderer } from './sink.js';
import { FULL_VIEW, fitLine, layoutHistory, paint, type TableView } from './table-layout.js';
import type { Correlation, History, Report, ReportHeader, Source } from './types.js';
import { recoveredSection } from './table-recovered.js';
import { damagedHistoryFound } from './damaged.js';
import { historyRegistryLines, registryHeaderPart, sourceRegistryLines } from './table-registry.js';
import { noHistory } from './no-history.js';
import { byFolder, itemsFrom, messagesOf, SCREENFUL } from './table-rest.js';

// Any one evidence string (a subject, a folder name) is cut here in the table: it is for reading.
const TEXT_LIMIT = 1000;
const e = (s: string | undefined): string => escapeCell(s ?? '', TEXT_LIMIT);

/** Where a read failed, as `(layer, id, offset N)`, when the error says. */
function place(err: NonNullable<Source['error']>): string {
  const parts = [err.layer, err.id, err.offset === undefined ? undefined : `offset ${err.offset}`].filter((p) => p !== undefined);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function statusLine(s: Source, view: TableView): string {
  const fmt = s.format ? `, ${s.format.variant}, encryption ${s.format.encryption}${s.format.codepage ? `, code page ${s.format.codepage}` : ''}` : '';
  const status =
    s.status === 'error'
      ? `${paint('error', 'red', view)} ${s.error?.code ?? ''}: ${e(s.error?.message)}${s.error ? place(s.error) : ''}`
      : s.status === 'history-found'
        ? paint('history found', 'green', view)
        : damagedHistoryFound(s)
          ? `${paint('history found (damaged block)', 'red', view)}: inconclusive: ${(s.unread ?? []).map(e).join('; ')}`
          : s.status === 'inconclusive'
            ? `${paint('inconclusive', 'red', view)}: no history found, but could not read ${(s.unread ?? []).map(e).join('; ')}`
          : noHistory(s);
  return `${escapePath(s.path, s.pathHex !== undefined)}  (${s.kind ?? 'unknown'}${fmt})  ${status}`;
}

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The UIDs a table line names before it says how many more there are. */
const UIDS_SHOWN = 20;

/** A .msg's messages with a POP3 origin, and a store's downloads no history accounts for. */
function downloadLines(s: Source): string[] {
  const out = (s.downloads ?? []).map((d) => {
    const uid = d.unescapedUid !== undefined ? `${e(d.uid)} (unescaped ${e(d.unescapedUid)})` : e(d.uid);
    const account = d.account ?? d.accountStamp;
    const parts = [account !== undefined ? `account ${e(account)}` : 'no account named', e(d.messageClass), `"${e(d.subject)}"`, `created ${d.created ?? '?'}`, `delivered ${d.delivered ?? '?'}`];
    if (d.messageId !== undefined) parts.push(`Message-ID ${e(d.messageId)}`);
    return `  POP3 download (${d.location}): POP://${e(d.server)}/${uid}; ${parts.join(', ')}`;
  });
  for (const u of s.unattributed ?? []) {
    const more = u.uids.length > UIDS_SHOWN ? ` … ${u.uids.length - UIDS_SHOWN} more` : '';
    const span = u.firstDelivered === u.lastDelivered ? `${u.firstDelivered}` : `${u.firstDelivered} to ${u.lastDelivered}`;
    const when = u.firstDelivered !== undefined ? `, delivered ${span}` : '';
    const counts = `${count(u.messages, 'message')}, ${count(u.uids.length, 'UID')}`;
    out.push(`  POP3 downloads no history accounts for, from ${e(u.server)}: ${counts} (${u.uids.slice(0, UIDS_SHOWN).map(e).join(' ')}${more})${when}; in ${u.folders.map(e).join('; ')}`);
  }
  return out;
}

/** The rule, the evidence that agreed, the messages, and what contradicted a time match. */
function correlationText(c: Correlation | undefined): string {
  if (!c) return '';
  const against = c.contradictions.map((x) => `${x.nid} ${x.reason}`).join('; ');
  const contradicted = against ? ` [contradicted: ${against}]` : '';
  if (c.status === 'not-in-store') return `not in store${contradicted}`;
  const delta = c.deltaSeconds ? ` (${c.deltaSeconds > 0 ? '+' : ''}${c.deltaSeconds}s)` : '';
  const list = c.candidates.map((m) => `${e(m.folder)} "${e(m.subject)}"`).join('; ');
  // An inconsistent match starts with "matched, inconsistent": painted in the warning colour, never green.
  const status = `${c.status}${c.consistency === 'inconsistent' ? ', inconsistent' : ''}${c.deleteOnly ? ' to its delete-only tag' : ''}`;
  return `${status} (${c.rule}${delta}; ${c.evidence.join(', ')}): ${list}${contradicted}`;
}

/** Each entry's findings, one line each, after the tags; the history's damaged blocks first. */
function findingLines(h: History, view: TableView): string[] {
  const lines: string[] = [];
  if (h.integrity) lines.push(`  ${paint('damaged', 'red', view)}: every tag was read from ${h.integrity.blocks.map((b) => `block ${b.bid} at offset ${b.offset} (${b.problem})`).join(', ')}`);
  let total = 0;
  for (const x of h.entries) {
    for (const f of x.findings ?? []) {
      if (total++ < TABLE_ROW_LIMIT) lines.push(`  ${paint(f.severity, SEVERITY_HUE[f.severity], view)}: tag ${x.index} (UID ${escapeCell(x.uid, MAX_UID_LENGTH)}): ${f.code}: ${e(f.detail)}`);
    }
  }
  if (total > TABLE_ROW_LIMIT) lines.push(`  … ${total - TABLE_ROW_LIMIT} more findings not shown here; --json or --ndjson list all ${total}`);
  for (const [code, why] of Object.entries(h.explanations ?? {})) lines.push(`  what fits ${code}: ${why}`);
  return lines;
}

/** Downloads the store holds whose UID the history no longer lists, one line per UID, after the tags. */
function notInHistoryLines(h: History): string[] {
  const all = h.notInHistory ?? [];
  const lines = all
    .slice(0, SCREENFUL)
    .map((n) => `  not in history: UID ${e(n.uid)} from ${e(n.server)} (attributed by ${n.attributedBy}): ${n.messages.map((m) => `${e(m.folder)} [${m.nid}] "${e(m.subject)}" created ${m.created ?? '?'}`).join('; ')}`);
  if (all.length > SCREENFUL) {
    const rest = byFolder(messagesOf(itemsFrom(all, SCREENFUL)), e);
    lines.push(`  … ${all.length - SCREENFUL} more UIDs not in the history, their messages by folder: ${rest}; --csv, --ndjson or --json list all ${all.length}`);
  }
  return lines;
}

// The table is for reading: a history of 65,535 tags stops here and says so; the other formats
// list every tag. Lists of messages stop sooner, at a screenful (table-rest.ts).
export const TABLE_ROW_LIMIT = 1000;

function historyTable(h: History, view: TableView): string {
  const correlated = h.entries.some((x) => x.correlation);
  const head = ['#', 'operation', 'content', 'time (UTC)', 'UID', ...(correlated ? ['message in store'] : [])];
  const rows = h.entries
    .slice(0, TABLE_ROW_LIMIT)
    .map((x) => [String(x.index), x.operation, x.content, x.time, escapeCell(x.uid, MAX_UID_LENGTH), ...(correlated ? [correlationText(x.correlation)] : [])]);
  return layoutHistory({ head, rows, messageColumn: correlated ? head.length - 1 : undefined }, view, 2);
}

function accountLine(h: History): string {
  const who = [h.account.smtp ? e(h.account.smtp) : undefined, h.account.uid ? `uid ${e(h.account.uid)}` : undefined].filter(Boolean).join(', ');
  const kind = h.role === 'restags' ? 'Restags' : 'Account';
  const s = h.role === 'history' ? h.summary : undefined;
  const counts = s ? `: ${s.downloads} downloads, ${s.matched} matched, ${s.inconsistent} inconsistent, ${s.ambiguous} ambiguous, ${s.notInStore} not in store` : '';
  const sel = h.selected ? ' [selected]' : '';
  const servers = h.account.servers?.length ? `; POP3 servers ${h.account.servers.map(e).join(', ')}` : '';
  return `  ${kind} ${who || '(unnamed)'}${sel} — ${h.entries.length} tags (declared ${h.declaredCount ?? '?'}, version ${h.version ?? '?'})${counts}${servers}`;
}

/** The run's first line: the tool, and how the report was made. */
function headerLine(h: ReportHeader): string {
  const o = h.options;
  // What correlation compares depends on the source: only a store has messages to tie tags to.
  const parts = [o.correlate ? `correlation on, window ${o.window} s: a PST or OST's tags against its messages; a .msg or blob has no messages to compare` : 'correlation off'];
  const sel = o.selections;
  if (sel) {
    const given = Object.entries(sel).filter(([, v]) => v !== undefined);
    parts.push(`selections: ${given.map(([k, v]) => `${k} ${JSON.stringify(e(v))}`).join(', ')}`);
  }
  if (o.recover) parts.push(`freed space searched (--recover, ${o.recoverMemory} MiB)`);
  const registry = registryHeaderPart(o);
  if (registry) parts.push(registry);
  if (h.generated) parts.push(`generated ${h.generated}`);
  return `${h.tool.name} ${h.tool.version} (${parts.join('; ')})\n`;
}

/** The 8 bytes Outlook 2016 writes after the tags: the decoder's TRAILER anomaly of severity info. */
const isOutlookTrailer = (a: History['anomalies'][number]): boolean => a.code === 'TRAILER' && a.severity === 'info';

const SEVERITY_HUE = { info: 'cyan', warning: 'yellow', error: 'red' } as const;

/** A blank line, then the source: its status, managers, histories and warnings. */
function sourceText(s: Source, view: TableView): string {
  const out: string[] = [];
  out.push(statusLine(s, view));
  if (s.sha256) out.push(`  sha256 ${s.sha256}`);
  if (s.store) out.push(`  Inbox: ${s.store.inbox ? e(s.store.inbox) : 'not found'} (${s.store.inboxFoundBy})`);
  out.push(...sourceRegistryLines(s));
  for (const m of s.managers) {
    const where = m.folder ? `${e(m.folder)} ` : '';
    out.push(`  Message Manager ${where}${m.nid ? `[${m.nid}] ` : ''}matched by ${m.matchedBy}${m.selected ? ' [selected]' : ''}: "${e(m.subject)}", ${m.attachments.length} attachments`);
  }
  if (correlatesNothing(s)) out.push('  correlation: nothing compared, a .msg holds no messages to tie the tags to; inspect the store it came from');
  for (const h of s.histories) {
    out.push(accountLine(h));
    out.push(...historyRegistryLines(h, view));
    if (h.entries.length > 0) out.push(historyTable(h, view).replace(/^/gm, '  '));
    if (h.entries.length > TABLE_ROW_LIMIT) {
      out.push(`  … ${h.entries.length - TABLE_ROW_LIMIT} more tags not shown here; --csv, --ndjson or --json list all ${h.entries.length}`);
    }
    out.push(...findingLines(h, view));
    out.push(...notInHistoryLines(h));
    // Fitted to a terminal, the trailer Outlook 2016 always writes is noise; --wide, files and pipes keep it.
    const quiet = view.columns !== undefined && h.anomalies.some(isOutlookTrailer);
    if (h.trailer && !quiet) out.push(`  trailer: ${h.trailer}`);
    for (const a of h.anomalies.filter((x) => !(quiet && isOutlookTrailer(x)))) out.push(`  ${paint(a.severity, SEVERITY_HUE[a.severity], view)}: ${a.code} at byte ${a.offset}: ${e(a.message)}`);
    const unexplained = h.unexplained ?? [];
    for (const u of unexplained.slice(0, SCREENFUL)) out.push(`  unexplained: ${e(u.folder)} [${u.nid}] "${e(u.subject)}" created ${u.created}`);
    if (unexplained.length > SCREENFUL) {
      out.push(`  … ${unexplained.length - SCREENFUL} more unexplained messages, by folder: ${byFolder(itemsFrom(unexplained, SCREENFUL), e)}; --csv, --ndjson or --json list all ${unexplained.length}`);
    }
  }
  out.push(...downloadLines(s));
  out.push(...recoveredSection(s, TABLE_ROW_LIMIT));
  for (const w of s.warnings) out.push(`  warning: ${w.code}: ${e(w.message)}${w.offset !== undefined ? ` (offset ${w.offset})` : ''}`);
  return `\n${fitted(out, view).join('\n')}\n`;
}

/** A .msg's history: its tags have no store messages to be compared with. */
const correlatesNothing = (s: Source): boolean => s.kind === 'msg' && s.histories.some((h) => h.role === 'history' && h.entries.length > 0);

/** On a terminal, every line fitted to its width (the history tables already are). */
function fitted(lines: string[], view: TableView): string[] {
  const columns = view.columns;
  return columns === undefined ? lines : lines.flatMap((block) => block.split('\n').flatMap((line) => fitLine(line, columns)));
}

export function tableRenderer(view: TableView = FULL_VIEW): Renderer {
  return {
    begin: (header) => [fitted([headerLine(header).trimEnd()], view).join('\n') + '\n'],
    source: (s) => [sourceText(s, view)],
    end: () => [],
  };
}

export function renderTable(report: Report, view: TableView = FULL_VIEW): string {
  return renderReport(report, tableRenderer(view));
}
