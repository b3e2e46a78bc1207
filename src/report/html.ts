// `--html FILE`: the report as one self-contained page for people who will not read JSON. Inline
// CSS and SVG only: no script, nothing fetched (a Content-Security-Policy says so to the browser
// too). Every string from the evidence goes through escapeHtml: UIDs and subjects are attacker-controlled.

import { isAbsolute, join } from 'node:path';
import { escapeHtml as h } from './html-escape.js';
import { glossary } from './html-glossary.js';
import { countByDay, dayChart, OUTCOME_STYLE, outcomeOf } from './svg-chart.js';
import { damagedHistoryFound } from './damaged.js';
import { noHistory } from './no-history.js';
import { accountLabel } from './timeline-events.js';
import { registryFindingItems, registryMadeRows, registrySection } from './html-registry.js';
import type { Renderer } from './sink.js';
import type { Candidate, Entry, History, Recovered, RecoveredLocation, ReportHeader, Source } from './types.js';

export const PAGE_STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #d0d0d0;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}td.source{min-width:12em}td.uid{min-width:10em}code,.mono{font-family:ui-monospace,monospace;font-size:12.5px;overflow-wrap:anywhere}td.time{white-space:nowrap}
.muted{color:#666}.status{font-weight:600}
.matched{color:#2e7d32}.ambiguous{color:#9a6700}.inconsistent{color:#e65100}.not-in-store{color:#c62828}.deleted{color:#616161}.not-correlated{color:#1565c0}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0 14px}svg .axis{stroke:#333}svg .grid{stroke:#e4e4e4}
caption{text-align:left;font-weight:600;padding:4px 0}svg text{font:11px system-ui,sans-serif;fill:#333}
section.source{margin-top:28px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}dd{margin:0}
main{display:flex;flex-direction:column}table.sources{table-layout:fixed;width:100%;margin:0}table.sources+table.sources{margin-top:-1px}
table.sources col.source{width:27%}table.sources col.status{width:9%}table.sources col.account{width:13%}table.sources th{font-size:12px}
.glossary dt{font-weight:600;color:#1b1b1b}
`;

/**
 * The page streams a source at a time (sources may be rendered in worker threads, and a history may
 * hold 65,535 tags), yet reads summary first: each source writes its summary row as a one-row table
 * of fixed column widths, and the flex order below puts those rows, histories first, under the
 * summary's head, then the sections with a history, then the others.
 */
const ORDER = { header: 0, head: 1, rowWithHistory: 2, rowOther: 3, sectionWithHistory: 4, sectionOther: 5, glossary: 6 } as const;
const ordered = (o: keyof typeof ORDER): string => ` style="order:${ORDER[o]}"`;

/** What the CLI knows of the run and the HTML page always states: a page for the case file. */
export interface HtmlRun {
  /** The command line, as the shell would take it back. */
  commandLine: string;
  /** The working directory, to give every input's absolute path. */
  cwd: string;
  /** When the page was made (ISO 8601, UTC). */
  generated: string;
}

const td = (s: string | number | undefined, ...classes: string[]): string => {
  const cls = classes.filter(Boolean).join(' ');
  return `<td${cls ? ` class="${cls}"` : ''}>${s === undefined ? '' : typeof s === 'number' ? String(s) : h(s)}</td>`;
};

const absolute = (path: string, run: HtmlRun): string => (isAbsolute(path) ? path : join(run.cwd, path));

function sourceCell(s: Source, run: HtmlRun): string {
  const fmt = s.format ? `, ${s.format.variant}, encryption ${s.format.encryption}${s.format.codepage ? `, code page ${s.format.codepage}` : ''}` : '';
  const sha = s.sha256 ? `<br><span class="mono muted">sha256 ${h(s.sha256)}</span>` : '';
  return `<td class="source"><span class="mono">${h(absolute(s.path, run))}</span><br><span class="muted">${s.kind ?? 'unknown'}${fmt}</span>${sha}</td>`;
}

function historyCounts(hi: History): { tags: number; downloads: number; matched: number; inconsistent: number; ambiguous: number; notInStore: number; deletions: number } {
  let downloads = 0;
  let deletions = 0;
  let inconsistent = 0;
  const by = { matched: 0, ambiguous: 0, 'not-in-store': 0 };
  for (const e of hi.entries) {
    if (e.operation !== 'deleted') downloads++;
    if (e.operation !== 'downloaded') deletions++;
    const c = e.correlation;
    if (!c || c.deleteOnly) continue;
    by[c.status]++;
    if (c.consistency === 'inconsistent') inconsistent++;
  }
  return { tags: hi.entries.length, downloads, matched: by.matched, inconsistent, ambiguous: by.ambiguous, notInStore: by['not-in-store'], deletions };
}

const COLUMNS = '<colgroup><col class="source"><col class="status"><col class="account"><col span="8"></colgroup>';

/** The summary's head: one table row, under which every source puts its own rows. */
function summaryHead(): string {
  return `<h2${ordered('header')}>Sources</h2><table class="sources"${ordered('head')}>${COLUMNS}<thead><tr><th>source</th><th>status</th><th>account</th><th>tags</th><th>downloads</th><th>matched</th><th>inconsistent</th><th>ambiguous</th><th>not in store</th><th>server deletions</th><th>unexplained</th></tr></thead></table>`;
}

/** The source's rows of the summary: one per history (one when it has none). */
function summaryRows(s: Source, run: HtmlRun): string {
  const status = s.status === 'error' ? `error ${s.error?.code ?? ''}: ${s.error?.message ?? ''}` : damagedHistoryFound(s) ? 'history found (damaged block)' : s.status;
  const rows = s.histories.length === 0 ? [`<tr>${sourceCell(s, run)}${td(status)}<td colspan="9" class="muted">${noHistory(s)}</td></tr>`] : [];
  for (const hi of s.histories) {
    const c = historyCounts(hi);
    rows.push(`<tr>${sourceCell(s, run)}${td(status)}${td(`${accountLabel(hi)}${hi.role === 'restags' ? ' (Restags)' : ''}`)}${td(c.tags, 'num')}${td(c.downloads, 'num')}${td(c.matched, 'num')}${td(c.inconsistent, 'num', c.inconsistent > 0 ? 'inconsistent' : '')}${td(c.ambiguous, 'num')}${td(c.notInStore, 'num')}${td(c.deletions, 'num')}${td(hi.unexplained?.length, 'num')}</tr>`);
  }
  return `<table class="sources summary"${ordered(s.histories.length > 0 ? 'rowWithHistory' : 'rowOther')}>${COLUMNS}<tbody>${rows.join('')}</tbody></table>`;
}

/** A source gets a section only when it has something beyond its summary row. */
const hasSection = (s: Source): boolean =>
  s.histories.length > 0 || s.managers.length > 0 || s.warnings.length > 0 || s.error !== undefined || s.recovered !== undefined || (s.unread?.length ?? 0) > 0 || s.downloads !== undefined || s.unattributed !== undefined;

function* charts(s: Source): Generator<string> {
  const withTags = s.histories.filter((hi) => hi.entries.length > 0);
  if (withTags.length === 0) return;
  yield '<h3>Downloads and deletions per day</h3><p class="muted">One bar per UTC day with tags, per account; hover a bar for its counts.</p>';
  for (const hi of withTags) {
    yield `<figure class="chart"><figcaption><b>${h(accountLabel(hi))}</b>${hi.role === 'restags' ? ' (Restags)' : ''}</figcaption>`;
    yield dayChart(accountLabel(hi), countByDay(hi));
    yield '</figure>';
  }
}

const place = (m: Candidate): string => `${h(m.subject ?? '(no subject)')} <span class="muted">in</span> ${h(m.folder)} <span class="muted">[${h(m.nid)}]</span>`;

function tagRow(e: Entry): string {
  const outcome = outcomeOf(e);
  const c = e.correlation;
  const rule = c?.rule === undefined ? '' : `${h(c.rule)}${c.deltaSeconds ? ` (${c.deltaSeconds > 0 ? '+' : ''}${c.deltaSeconds} s)` : ''}`;
  // The properties that agreed: a rule is only as good as the evidence behind it.
  const evidence = c && c.evidence.length > 0 ? `<br><span class="muted">${h(c.evidence.join(', '))}</span>` : '';
  const where = c ? c.candidates.map(place).join('<br>') : '';
  // A match that a finding contradicts is never shown as a plain (green) match.
  const inconsistent = c?.consistency === 'inconsistent';
  const label = `${OUTCOME_STYLE[outcome].label}${c?.deleteOnly ? ' (to its delete-only tag)' : ''}${inconsistent ? ', inconsistent' : ''}${e.integrity ? ', damaged block' : ''}`;
  return `<tr class="tag">${td(e.index, 'num')}${td(e.operation)}${td(e.content)}${td(e.time, 'mono time')}${td(e.uid, 'mono uid')}<td class="status ${inconsistent ? 'inconsistent' : outcome}">${h(label)}</td><td>${rule}${evidence}</td><td>${where}</td></tr>`;
}

function* tagTables(s: Source): Generator<string> {
  for (const hi of s.histories) {
    if (hi.entries.length === 0) continue;
    yield `<h3>Tags of ${h(accountLabel(hi))}${hi.role === 'restags' ? ' (Restags)' : ''}</h3>`;
    yield '<table class="tags"><thead><tr><th>#</th><th>operation</th><th>content</th><th>time (UTC)</th><th>UID</th><th>status</th><th>rule</th><th>message in store</th></tr></thead><tbody>';
    for (const e of hi.entries) yield tagRow(e);
    yield '</tbody></table>';
  }
}

function* findingItems(s: Source): Generator<string> {
  if (s.error) yield `<li>error ${h(s.error.code)}: ${h(s.error.message)}</li>`;
  for (const hi of s.histories) {
    const who = h(accountLabel(hi));
    const c = historyCounts(hi);
    if (c.notInStore > 0) yield `<li>${who}: ${c.notInStore} downloaded messages are not in this store (deleted or moved out after the download).</li>`;
    if (c.ambiguous > 0) yield `<li>${who}: ${c.ambiguous} downloads match more than one message.</li>`;
    for (const e of hi.entries) {
      for (const x of e.correlation?.contradictions ?? []) yield `<li>${who}: tag ${e.index} (UID <span class="mono">${h(e.uid)}</span>): a time match with ${place(x)} was ruled out: ${h(x.detail)}.</li>`;
    }
    for (const e of hi.entries) {
      for (const f of e.findings ?? []) yield `<li class="${f.severity === 'warning' ? 'inconsistent' : ''}">${who}: tag ${e.index} (UID <span class="mono">${h(e.uid)}</span>): ${h(f.code)}: ${h(f.detail)}. <span class="muted">${h(hi.explanations?.[f.code] ?? '')}.</span></li>`;
    }
    if (hi.integrity) yield `<li class="inconsistent">${who}: every tag was read from ${hi.integrity.blocks.map((b) => `block ${h(b.bid)} at offset ${b.offset} (${h(b.problem)})`).join(', ')}: the bytes fail their checks and may have been altered.</li>`;
    for (const n of hi.notInHistory ?? []) yield `<li>${who}: UID <span class="mono">${h(n.uid)}</span> from ${h(n.server)} was downloaded (${n.messages.map(place).join(', ')}), but no tag of the history holds it any more (attributed by ${h(n.attributedBy)}).</li>`;
    for (const u of hi.unexplained ?? []) yield `<li>${who}: unexplained message ${place(u)} created <span class="mono">${h(u.created ?? '?')}</span>, with no POP3 origin in this history.</li>`;
    for (const a of hi.anomalies) yield `<li>${who}: ${h(a.severity)} ${h(a.code)} at byte ${a.offset}: ${h(a.message)}</li>`;
    yield* registryFindingItems(hi, who);
  }
  for (const d of s.downloads ?? []) {
    const account = d.account !== undefined ? `, account ${h(d.account)}` : '';
    yield `<li>POP3 download (${h(d.location)}): <span class="mono">POP://${h(d.server)}/${h(d.uid)}</span>${account}: ${h(d.subject ?? '(no subject)')}, delivered <span class="mono">${h(d.delivered ?? '?')}</span>.</li>`;
  }
  for (const u of s.unattributed ?? []) {
    const when = u.firstDelivered !== undefined ? `, delivered <span class="mono">${h(u.firstDelivered)}</span> to <span class="mono">${h(u.lastDelivered ?? '?')}</span>` : '';
    yield `<li>${u.messages} POP3 downloads from ${h(u.server)} that no history accounts for (${u.uids.length} UIDs${when}; in ${h(u.folders.join('; '))}): <span class="mono">${h(u.uids.join(' '))}</span></li>`;
  }
  for (const w of s.warnings) yield `<li>warning ${h(w.code)}: ${h(w.message)}${w.offset !== undefined ? ` (offset ${w.offset})` : ''}</li>`;
}

/** One list item at a time: a store can hold 100,000 unexplained messages. */
function* findings(s: Source): Generator<string> {
  let any = false;
  for (const item of findingItems(s)) {
    if (!any) yield '<h3>Findings</h3><ul>';
    any = true;
    yield item;
  }
  if (any) yield '</ul>';
  else if (s.histories.some((hi) => hi.entries.length > 0)) yield '<h3>Findings</h3><p>Nothing beyond the tags above.</p>';
}

function* provenance(s: Source, run: HtmlRun): Generator<string> {
  const rows: [string, string | undefined][] = [
    ['path', s.path],
    ['absolute path', absolute(s.path, run)],
    ['kind', s.kind],
    ['size', s.size === undefined ? undefined : `${s.size} bytes`],
    ['sha256', s.sha256],
    ['format', s.format ? `${s.format.variant}, encryption ${s.format.encryption}${s.format.codepage ? `, code page ${s.format.codepage}` : ''}` : undefined],
    ['Inbox', s.store ? `${s.store.inbox ?? 'not found'} (${s.store.inboxFoundBy})` : undefined],
  ];
  yield `<h3>Provenance</h3><dl>${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${k}</dt><dd class="mono">${h(v!)}</dd>`)
    .join('')}</dl>`;
  for (const m of s.managers) {
    const attachments = m.attachments.map((a) => `${h(a.longFilename ?? a.filename ?? a.displayName ?? `#${a.index}`)} (${h(a.role)}, ${a.size} bytes)`).join(', ');
    yield `<p>Message Manager ${h(m.folder ?? '')} <span class="muted">[${h(m.nid ?? '')}]</span> matched by ${h(m.matchedBy)}${m.selected ? ' (selected)' : ''}: “${h(m.subject ?? '')}”, created ${h(m.created ?? '?')}, modified ${h(m.modified ?? '?')}${attachments ? `; attachments: ${attachments}` : '; no attachments'}</p>`;
  }
}

const located = (l: RecoveredLocation): string =>
  `<span class="mono">offset ${l.offset}, block ${h(l.bid)}${l.nid ? `, node ${h(l.nid)}` : ''}</span>, ${h(l.allocation)}${l.freeBy ? ` (${h(l.freeBy)})` : ''}, validated by ${h(l.validation.join(' + '))}`;

function recoveredItem(r: Recovered): string {
  if (r.kind === 'manager') return `<li>Message Manager “${h(r.subject ?? '')}” (${h(r.status)}), created ${h(r.created ?? '?')}, at ${located(r.location)}</li>`;
  if (r.kind === 'attachment') return `<li>attachment ${h(r.longFilename ?? r.filename ?? r.displayName ?? '?')} (${h(r.role)}), at ${located(r.location)}</li>`;
  const older = r.live?.olderOnly.length ?? 0;
  return `<li>history of ${h(accountLabel(r))} (${h(r.status)}): ${r.entries.length} tags, ${older} of them no longer in the live history, at ${located(r.location)}</li>`;
}

/** With --recover: what freed space still holds, apart from the live items, each tag marked when the live history no longer lists it. */
function* recovered(s: Source): Generator<string> {
  if (s.recovered === undefined) return;
  yield '<h3>Recovered from freed space</h3>';
  if (s.recovered.length === 0) return void (yield '<p>Nothing recovered.</p>');
  yield `<ul>${s.recovered.map(recoveredItem).join('')}</ul>`;
  for (const r of s.recovered) {
    if (r.kind !== 'history' || r.entries.length === 0) continue;
    const olderOnly = new Set((r.live?.olderOnly ?? []).map((o) => `${o.uid}\u0000${o.time}`));
    yield `<table class="recovered-tags"><caption>Recovered history of ${h(accountLabel(r))} at offset ${r.location.offset}</caption><thead><tr><th>#</th><th>operation</th><th>content</th><th>time (UTC)</th><th>UID</th><th>live history</th></tr></thead><tbody>`;
    for (const e of r.entries) {
      const gone = olderOnly.has(`${e.uid}\u0000${e.time}`);
      yield `<tr class="tag">${td(e.index, 'num')}${td(e.operation)}${td(e.content)}${td(e.time, 'mono time')}${td(e.uid, 'mono uid')}<td class="status${gone ? ' not-in-store' : ''}">${gone ? 'no longer listed' : 'listed'}</td></tr>`;
    }
    yield '</tbody></table>';
  }
}

/** How the report was made: tool, command line, contract, the options a rerun needs, and when (a <time>, the one thing a rerun changes). */
export function made(header: Pick<ReportHeader, 'tool' | 'options'> & { schema: string }, run: HtmlRun, order = ordered('header')): string {
  const o = header.options;
  const rows: [string, string | undefined][] = [
    ['tool', `${header.tool.name} ${header.tool.version}`],
    ['command line', run.commandLine],
    ['working directory', run.cwd],
    ['contract', header.schema],
    ['correlation', o.correlate ? `on, window ${o.window} s` : 'off'],
    ['freed space', o.recover ? 'searched (--recover)' : undefined],
    ['recovery memory', o.recoverMemory !== undefined ? `${o.recoverMemory} MiB` : undefined],
    ...Object.entries(o.selections ?? {}).map(([k, v]): [string, string] => [k, JSON.stringify(v)]),
    ...registryMadeRows(o),
  ];
  const items = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `<dt>${h(k)}</dt><dd class="mono">${h(v!)}</dd>`);
  items.push(`<dt>generated</dt><dd class="mono"><time datetime="${h(run.generated)}">${h(run.generated)}</time></dd>`);
  return `<section class="made"${order}><h2>How this report was made</h2><dl class="made">${items.join('')}</dl><p class="muted">The sha256 of each input is given with its path below.</p></section>`;
}

/** The page, in pieces: the head and how the report was made, then a section per source as it comes (a 65,535-tag history is a row per tag, never one string). */
export function htmlRenderer(run: HtmlRun): Renderer {
  return {
    *begin(header: ReportHeader) {
      yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">';
      yield `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
      yield '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="pophist">';
      yield `<title>POP3 download history — pophist</title><style>${PAGE_STYLE}</style></head><body>`;
      yield `<main><header${ordered('header')}><h1>POP3 download history</h1><p class="muted">What Outlook's POP3 provider downloaded or deleted on the server, per account, and the message each download created in the store. Times are UTC; the glossary at the end says what each status, rule and finding means.</p></header>`;
      yield made(header, run);
      yield summaryHead();
    },
    *source(s: Source) {
      yield summaryRows(s, run);
      if (!hasSection(s)) return;
      yield `<section class="source"${ordered(s.histories.length > 0 ? 'sectionWithHistory' : 'sectionOther')}><h2>${h(s.path)}</h2>`;
      yield* charts(s);
      yield* registrySection(s, (hi) => `${accountLabel(hi)}${hi.role === 'restags' ? ' (Restags)' : ''}`);
      yield* tagTables(s);
      yield* findings(s);
      yield* recovered(s);
      yield* provenance(s, run);
      yield '</section>';
    },
    end: () => [`<div${ordered('glossary')}>${glossary()}</div></main></body></html>\n`],
  };
}
