// `--html FILE`: the report as one self-contained page for people who will not read JSON. Inline
// CSS and SVG only: no script, nothing fetched (a Content-Security-Policy says so to the browser
// too). Every string from the evidence goes through escapeHtml: UIDs and subjects are attacker-controlled.

import { escapeHtml as h } from './html-escape.js';
import { countByDay, dayChart, OUTCOME_STYLE, outcomeOf } from './svg-chart.js';
import { accountLabel } from './timeline-events.js';
import type { Renderer } from './sink.js';
import type { Candidate, Entry, History, Recovered, RecoveredLocation, ReportHeader, Source } from './types.js';

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ccc}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #d0d0d0;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right}td.source{min-width:12em}td.uid{min-width:10em}code,.mono{font-family:ui-monospace,monospace;font-size:12.5px;overflow-wrap:anywhere}td.time{white-space:nowrap}
.muted{color:#666}.status{font-weight:600}
.matched{color:#2e7d32}.ambiguous{color:#9a6700}.not-in-store{color:#c62828}.deleted{color:#616161}.not-correlated{color:#1565c0}
svg.chart{display:block;max-width:100%;height:auto;margin:4px 0 14px}svg .axis{stroke:#333}svg .grid{stroke:#e4e4e4}
caption{text-align:left;font-weight:600;padding:4px 0}svg text{font:11px system-ui,sans-serif;fill:#333}
section.source{margin-top:28px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{color:#555}dd{margin:0}
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

function* summary(s: Source): Generator<string> {
  yield '<table class="summary"><thead><tr><th>source</th><th>status</th><th>account</th><th>tags</th><th>downloads</th><th>matched</th><th>ambiguous</th><th>not in store</th><th>server deletions</th><th>unexplained</th></tr></thead><tbody>';
  const status = s.status === 'error' ? `error ${s.error?.code ?? ''}: ${s.error?.message ?? ''}` : s.status;
  const downloads = (s.downloads?.length ?? 0) + (s.unattributed ?? []).reduce((n, u) => n + u.messages, 0);
  const none = downloads > 0 ? `${downloads} POP3 download${downloads === 1 ? '' : 's'}, no history` : 'no history';
  if (s.histories.length === 0) yield `<tr>${sourceCell(s)}${td(status)}<td colspan="8" class="muted">${none}</td></tr>`;
  for (const hi of s.histories) {
    const c = historyCounts(hi);
    yield `<tr>${sourceCell(s)}${td(status)}${td(`${accountLabel(hi)}${hi.role === 'restags' ? ' (Restags)' : ''}`)}${td(c.tags, 'num')}${td(c.downloads, 'num')}${td(c.matched, 'num')}${td(c.ambiguous, 'num')}${td(c.notInStore, 'num')}${td(c.deletions, 'num')}${td(hi.unexplained?.length, 'num')}</tr>`;
  }
  yield '</tbody></table>';
}

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
  return `<tr class="tag">${td(e.index, 'num')}${td(e.operation)}${td(e.content)}${td(e.time, 'mono time')}${td(e.uid, 'mono uid')}<td class="status ${outcome}">${h(OUTCOME_STYLE[outcome].label)}</td><td>${rule}${evidence}</td><td>${where}</td></tr>`;
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
    for (const n of hi.notInHistory ?? []) yield `<li>${who}: UID <span class="mono">${h(n.uid)}</span> from ${h(n.server)} was downloaded (${n.messages.map(place).join(', ')}), but no tag of the history holds it any more (attributed by ${h(n.attributedBy)}).</li>`;
    for (const u of hi.unexplained ?? []) yield `<li>${who}: unexplained message ${place(u)} created <span class="mono">${h(u.created ?? '?')}</span>, with no POP3 origin in this history.</li>`;
    for (const a of hi.anomalies) yield `<li>${who}: ${h(a.severity)} ${h(a.code)} at byte ${a.offset}: ${h(a.message)}</li>`;
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
  yield '<h3>Findings</h3>';
  let any = false;
  for (const item of findingItems(s)) {
    if (!any) yield '<ul>';
    any = true;
    yield item;
  }
  yield any ? '</ul>' : '<p>Nothing beyond the tags above.</p>';
}

function* provenance(s: Source): Generator<string> {
  const rows: [string, string | undefined][] = [
    ['path', s.path],
    ['kind', s.kind],
    ['size', s.size === undefined ? undefined : `${s.size} bytes`],
    ['sha256', s.sha256],
    ['format', s.format ? `${s.format.variant}, encryption ${s.format.encryption}` : undefined],
    ['Inbox', s.store ? `${s.store.inbox ?? 'not found'} (${s.store.inboxFoundBy})` : undefined],
  ];
  yield `<h3>Provenance</h3><dl>${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${k}</dt><dd class="mono">${h(v!)}</dd>`)
    .join('')}</dl>`;
  for (const m of s.managers) {
    yield `<p>Message Manager ${h(m.folder ?? '')} <span class="muted">[${h(m.nid ?? '')}]</span> matched by ${h(m.matchedBy)}${m.selected ? ' (selected)' : ''}: “${h(m.subject ?? '')}”, created ${h(m.created ?? '?')}, modified ${h(m.modified ?? '?')}; attachments: ${m.attachments
      .map((a) => `${h(a.longFilename ?? a.filename ?? a.displayName ?? `#${a.index}`)} (${h(a.role)}, ${a.size} bytes)`)
      .join(', ')}</p>`;
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

/** How the report was made: tool, contract and the options a rerun needs. */
function made(header: ReportHeader): string {
  const o = header.options;
  const rows: [string, string | undefined][] = [
    ['tool', `${header.tool.name} ${header.tool.version}`],
    ['contract', header.schema],
    ['correlation', o.correlate ? `on, window ${o.window} s` : 'off'],
    ['freed space', o.recover ? 'searched (--recover)' : undefined],
    ['recovery memory', o.recoverMemory !== undefined ? `${o.recoverMemory} MiB` : undefined],
    ...Object.entries(o.selections ?? {}).map(([k, v]): [string, string] => [k, JSON.stringify(v)]),
    ['generated', header.generated],
  ];
  return `<h2>How this report was made</h2><dl class="made">${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${h(k)}</dt><dd class="mono">${h(v!)}</dd>`)
    .join('')}</dl>`;
}

/** The page, in pieces: the head and how the report was made, then a section per source as it comes (a 65,535-tag history is a row per tag, never one string). */
export function htmlRenderer(): Renderer {
  return {
    *begin(header: ReportHeader) {
      yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">';
      yield `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
      yield '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="pophist">';
      yield `<title>POP3 download history — pophist</title><style>${STYLE}</style></head><body>`;
      yield "<h1>POP3 download history</h1><p class=\"muted\">What Outlook's POP3 provider downloaded or deleted on the server, per account, and the message each download created in the store. Times are UTC.</p>";
      yield made(header);
    },
    *source(s: Source) {
      yield `<section class="source"><h2>${h(s.path)}</h2>`;
      yield* summary(s);
      yield* charts(s);
      yield* tagTables(s);
      yield* findings(s);
      yield* recovered(s);
      yield* provenance(s);
      yield '</section>';
    },
    end: () => ['</body></html>\n'],
  };
}
