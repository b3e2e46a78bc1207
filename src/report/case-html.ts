// `case --html FILE`: the case as one self-contained page (inline CSS and SVG, no script, nothing
// fetched): how it was made, the inputs with their sha256, the stores and snapshots, and per account
// its keys, its versions as swimlanes across time, the UIDs' presence as a chart, and its findings.
// Every string from the evidence goes through escapeHtml.

import type { CaseAccount, CaseFinding } from '../analysis/index.js';
import type { CaseReport } from './case-report.js';
import { presence, PRESENCE_ROWS, swimlanes } from './case-svg.js';
import { escapeHtml as h } from './html-escape.js';
import { made, PAGE_STYLE, type HtmlRun } from './html.js';
import type { List } from './types.js';

const td = (s: string | number | undefined, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${s === undefined ? '' : h(String(s))}</td>`;

function inputsTable(report: CaseReport): string {
  const rows = report.inputs.map((i, k) => {
    const status = i.sameAs ? `same file as input ${i.sameAs.input + 1} (${i.sameAs.by})` : i.error ? `${i.status}: ${i.error.code}: ${i.error.message}` : i.status;
    return `<tr>${td(k + 1, 'num')}<td class="source"><span class="mono">${h(i.path)}</span>${i.sha256 ? `<br><span class="mono muted">sha256 ${h(i.sha256)}</span>` : ''}</td>${td(i.kind)}${td(status, 'status')}${td(i.store)}</tr>`;
  });
  return `<table class="inputs"><thead><tr><th>#</th><th>input</th><th>kind</th><th>status</th><th>store</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function findingItems(findings: List<CaseFinding>): string {
  if (findings.length === 0) return '<p class="muted">No findings.</p>';
  return `<ul class="findings">${Array.from(findings, (f) => `<li><span class="status">${h(f.code)}</span>${'uid' in f ? ` <code>${h(f.uid)}</code>` : ''}: ${h(f.detail)}</li>`).join('')}</ul>`;
}

function accountSection(a: CaseAccount, report: CaseReport): string {
  const source = (input: number): string => report.inputs[input]!.path;
  const joined = a.joinedBy.map((j) => `${j.key} <code>${h(j.value)}</code> (${j.versions.length} versions)`).join('; ');
  const versions = a.versions.map(
    (v) => `<tr>${td(v.id, 'mono')}${td(v.origin + (v.partial ? ' (partial)' : ''))}${td(source(v.input), 'mono')}${td(v.newestTag, 'mono time')}${td(v.written, 'mono time')}${td(v.uids, 'num')}${td(v.tags, 'num')}</tr>`,
  );
  const more = a.uids.length > PRESENCE_ROWS ? `<p class="muted">The chart shows the first ${PRESENCE_ROWS} of ${a.uids.length} UIDs; the JSON and CSV reports list all.</p>` : '';
  return [
    `<section class="account"><h2>${h(a.name)} <span class="muted">(${h(a.id)})</span></h2>`,
    joined ? `<p>Joined by ${joined}.</p>` : '',
    `<table class="versions"><thead><tr><th>version</th><th>origin</th><th>input</th><th>newest tag (UTC)</th><th>last written (UTC)</th><th>UIDs</th><th>tags</th></tr></thead><tbody>${versions.join('')}</tbody></table>`,
    '<h3>The versions across time</h3>',
    swimlanes(a, source),
    '<h3>Which versions list each UID</h3>',
    presence(a),
    more,
    '<h3>Findings</h3>',
    findingItems(a.findings),
    '</section>',
  ].join('');
}

export function caseHtml(report: CaseReport, run: HtmlRun): string {
  const snapshots = report.stores.filter((s) => s.inputs.length > 1).map((s) => `<li>store ${h(s.id)} (record key <code>${h(s.recordKey)}</code>): inputs ${s.inputs.map((i) => i + 1).join(', ')}</li>`);
  return [
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="pophist">',
    `<title>POP3 download history across a case — pophist</title><style>${PAGE_STYLE}</style></head><body><main>`,
    '<header><h1>POP3 download history across a case</h1><p class="muted">Every input of the case joined into one history per account: its versions in time order, each UID across them, and what the versions say together. Times are UTC.</p></header>',
    made(report, run, ''),
    `<section class="inputs"><h2>Inputs</h2>${inputsTable(report)}${snapshots.length > 0 ? `<p>Snapshots of one store (the same record key):</p><ul>${snapshots.join('')}</ul>` : ''}</section>`,
    ...report.accounts.map((a) => accountSection(a, report)),
    `<section class="case-findings"><h2>Findings of the case</h2>${findingItems(report.findings)}${report.unattributed.length > 0 ? `<p>${report.unattributed.length} messages carry a POP3 origin no account of the case takes.</p>` : ''}</section>`,
    '</main></body></html>\n',
  ].join('');
}
