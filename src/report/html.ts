// `--html FILE`: the report as one self-contained page for people who will not read JSON. Inline
// CSS and SVG only: no script, nothing fetched (a Content-Security-Policy says so to the browser
// too). Every string from the evidence goes through escapeHtml: UIDs and subjects are attacker-controlled.

import { escapeHtml as h } from './html-escape.js';
import { countByDay, dayChart, OUTCOME_STYLE, outcomeOf } from './svg-chart.js';
import { accountLabel } from './timeline-events.js';
import type { Candidate, Entry, History, Report, Source } from './types.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #d0d0d0;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}td.source{min-width:12em}td.uid{min-width:10em}code,.mono{font-family:ui-monospace,monospace;font-size:12.5px;overflow-wrap:anywhere}td.time{white-space:nowrap}
.muted{color:#666}.status{font-weight:600}
.matched{color:#2e7d32}.ambiguous{color:#9a6700}.not-in-store{color:#c62828}.deleted{color:#616161}.not-correlated{color:#1565c0}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0 14px}svg .axis{stroke:#333}svg .grid{stroke:#e4e4e4}
svg text{font:11px system-ui,sans-serif;fill:#333}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}dd{margin:0}
`;

const td = (s: string | number | undefined, cls = ''): string =>
  `<td${cls ? ` class="${cls}"` : ''}>${s === undefined ? '' : typeof s === 'number' ? String(s) : h(s)}</td>`;

function sourceCell(s: Source): string {
  const fmt = s.format ? `, ${s.format.variant}, encryption ${s.format.encryption}` : '';
  return `<td class="source"><span class="mono">${h(s.path)}</span><br><span class="muted">${s.kind ?? 'unknown'}${fmt}</span></td>`;
}

function historyCounts(hi: History): { tags: number; downloads: number; matched: number; ambiguous: number; notInStore: number; deletions: number } {
  let downloads = 0;
  let deletions = 0;
  const by = { matched: 0, ambiguous: 0, 'not-in-store': 0 };
  for (const e of hi.entries) {
    if (e.operation !== 'deleted') downloads++;
    if (e.operation !== 'downloaded') deletions++;
    const s = e.correlation?.status;
    if (s) by[s]++;
  }
  return { tags: hi.entries.length, downloads, matched: by.matched, ambiguous: by.ambiguous, notInStore: by['not-in-store'], deletions };
}

function* summary(report: Report): Generator<string> {
  yield '<section id="summary"><h2>Summary</h2><table><thead><tr><th>source</th><th>status</th><th>account</th><th>tags</th><th>downloads</th><th>matched</th><th>ambiguous</th><th>not in store</th><th>server deletions</th><th>unexplained</th></tr></thead><tbody>';
  for (const s of report.sources) {
    const status = s.status === 'error' ? `error ${s.error?.code ?? ''}: ${s.error?.message ?? ''}` : s.status;
    if (s.histories.length === 0) {
      yield `<tr>${sourceCell(s)}${td(status)}<td colspan="8" class="muted">no history</td></tr>`;
      continue;
    }
    for (const hi of s.histories) {
      const c = historyCounts(hi);
      yield `<tr>${sourceCell(s)}${td(status)}${td(`${accountLabel(hi)}${hi.role === 'restags' ? ' (Restags)' : ''}`)}${td(c.tags, 'num')}${td(c.downloads, 'num')}${td(c.matched, 'num')}${td(c.ambiguous, 'num')}${td(c.notInStore, 'num')}${td(c.deletions, 'num')}${td(hi.unexplained?.length, 'num')}</tr>`;
    }
  }
  yield '</tbody></table></section>';
}

function* charts(report: Report): Generator<string> {
  yield '<section id="chart"><h2>Downloads and deletions per day</h2><p class="muted">One bar per UTC day with tags, per account; hover a bar for its counts.</p>';
  let any = false;
  for (const s of report.sources) {
    for (const hi of s.histories) {
      if (hi.entries.length === 0) continue;
      any = true;
      yield `<figure data-account="${h(accountLabel(hi))}"><figcaption><b>${h(accountLabel(hi))}</b>${hi.role === 'restags' ? ' (Restags)' : ''} — <span class="mono">${h(s.path)}</span></figcaption>`;
      yield dayChart(accountLabel(hi), countByDay(hi));
      yield '</figure>';
    }
  }
  if (!any) yield '<p>No tags to chart.</p>';
  yield '</section>';
}

const place = (m: Candidate): string => `${h(m.subject ?? '(no subject)')} <span class="muted">in</span> ${h(m.folder)} <span class="muted">[${h(m.nid)}]</span>`;

function tagRow(e: Entry): string {
  const outcome = outcomeOf(e);
  const c = e.correlation;
  const rule = c?.rule === undefined ? '' : `${c.rule}${c.deltaSeconds ? ` (${c.deltaSeconds > 0 ? '+' : ''}${c.deltaSeconds} s)` : ''}`;
  const where = c ? c.candidates.map(place).join('<br>') : '';
  return `<tr class="tag">${td(e.index, 'num')}${td(e.operation)}${td(e.content)}${td(e.time, 'mono time')}${td(e.uid, 'mono uid')}<td class="status ${outcome}">${h(OUTCOME_STYLE[outcome].label)}</td>${td(rule)}<td>${where}</td></tr>`;
}

function* tagTables(report: Report): Generator<string> {
  yield '<section id="tags"><h2>Tags</h2>';
  for (const s of report.sources) {
    for (const hi of s.histories) {
      if (hi.entries.length === 0) continue;
      yield `<h3>${h(accountLabel(hi))}${hi.role === 'restags' ? ' (Restags)' : ''} — <span class="mono">${h(s.path)}</span></h3>`;
      yield '<table class="tags"><thead><tr><th>#</th><th>operation</th><th>content</th><th>time (UTC)</th><th>UID</th><th>status</th><th>rule</th><th>message in store</th></tr></thead><tbody>';
      for (const e of hi.entries) yield tagRow(e);
      yield '</tbody></table>';
    }
  }
  yield '</section>';
}

function* findings(report: Report): Generator<string> {
  yield '<section id="findings"><h2>Findings</h2>';
  let any = false;
  for (const s of report.sources) {
    const items: string[] = [];
    if (s.error) items.push(`<li>error ${h(s.error.code)}: ${h(s.error.message)}</li>`);
    for (const hi of s.histories) {
      const who = h(accountLabel(hi));
      const c = historyCounts(hi);
      if (c.notInStore > 0) items.push(`<li>${who}: ${c.notInStore} downloaded messages are not in this store (deleted or moved out after the download).</li>`);
      if (c.ambiguous > 0) items.push(`<li>${who}: ${c.ambiguous} downloads match more than one message.</li>`);
      for (const u of hi.unexplained ?? []) items.push(`<li>${who}: unexplained message ${place(u)} created <span class="mono">${h(u.created)}</span>, with no POP3 origin in this history.</li>`);
      for (const a of hi.anomalies) items.push(`<li>${who}: ${h(a.severity)} ${h(a.code)} at byte ${a.offset}: ${h(a.message)}</li>`);
    }
    for (const w of s.warnings) items.push(`<li>warning ${h(w.code)}: ${h(w.message)}${w.offset !== undefined ? ` (offset ${w.offset})` : ''}</li>`);
    if (items.length === 0) continue;
    any = true;
    yield `<h3 class="mono">${h(s.path)}</h3><ul>${items.join('')}</ul>`;
  }
  if (!any) yield '<p>Nothing beyond the tags above.</p>';
  yield '</section>';
}

function* provenance(report: Report): Generator<string> {
  yield `<section id="provenance"><h2>Provenance</h2><p>Made by ${h(report.tool.name)} ${h(report.tool.version)}, report contract <code>${h(report.schema)}</code>. Times are UTC.</p>`;
  for (const s of report.sources) {
    const rows: [string, string | undefined][] = [
      ['kind', s.kind],
      ['size', s.size === undefined ? undefined : `${s.size} bytes`],
      ['sha256', s.sha256],
      ['format', s.format ? `${s.format.variant}, encryption ${s.format.encryption}` : undefined],
      ['Inbox', s.store ? `${s.store.inbox ?? 'not found'} (${s.store.inboxFoundBy})` : undefined],
    ];
    yield `<h3 class="mono">${h(s.path)}</h3><dl>${rows
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<dt>${k}</dt><dd class="mono">${h(v!)}</dd>`)
      .join('')}</dl>`;
    for (const m of s.managers) {
      yield `<p>Message Manager ${h(m.folder ?? '')} <span class="muted">[${h(m.nid ?? '')}]</span> matched by ${h(m.matchedBy)}${m.selected ? ' (selected)' : ''}: “${h(m.subject ?? '')}”, created ${h(m.created ?? '?')}, modified ${h(m.modified ?? '?')}; attachments: ${m.attachments
        .map((a) => `${h(a.longFilename ?? a.filename ?? a.displayName ?? `#${a.index}`)} (${h(a.role)}, ${a.size} bytes)`)
        .join(', ')}</p>`;
    }
  }
  yield '</section>';
}

/** The page, in pieces (a 65,535-tag history is one row each, never one string). */
export function* htmlChunks(report: Report): Generator<string> {
  yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">';
  yield `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
  yield '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="pophist">';
  yield `<title>POP3 download history — pophist</title><style>${STYLE}</style></head><body>`;
  yield `<h1>POP3 download history</h1><p class="muted">${report.sources.length} source${report.sources.length === 1 ? '' : 's'} read by pophist ${h(report.tool.version)}. What Outlook's POP3 provider downloaded or deleted on the server, per account, and the message each download created in the store.</p>`;
  yield* summary(report);
  yield* charts(report);
  yield* tagTables(report);
  yield* findings(report);
  yield* provenance(report);
  yield '</body></html>\n';
}
