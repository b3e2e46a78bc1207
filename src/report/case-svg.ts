// The case page's two charts, as inline SVG (no script, nothing fetched): one swimlane per history
// version across time, a mark per tag coloured by what that store held of the download and a line at
// the version's last write; and the UIDs' presence, a square per UID and version that lists it.

import type { CaseAccount, CaseUidListing } from '../analysis/index.js';
import { escapeHtml as h } from './html-escape.js';
import { OUTCOME_STYLE } from './svg-chart.js';

const W = 900;
const LANE = 22;
const LEFT = 170;
const RIGHT = 16;
const TOP = 28;
const fmt = (x: number): string => (Math.round(x * 10) / 10).toString();

type Mark = 'matched' | 'ambiguous' | 'not-in-store' | 'not-correlated' | 'deleted';

function markOf(l: CaseUidListing, operation: string): Mark {
  if (operation === 'deleted') return 'deleted';
  return l.inStore ?? 'not-correlated';
}

function legend(): string {
  let x = LEFT;
  return (['matched', 'ambiguous', 'not-in-store', 'not-correlated', 'deleted'] as const)
    .map((m) => {
      const { label, colour } = OUTCOME_STYLE[m];
      const out = `<rect x="${x}" y="8" width="10" height="10" fill="${colour}"/><text x="${x + 14}" y="17">${label}</text>`;
      x += 14 + label.length * 6 + 22;
      return out;
    })
    .join('');
}

/** One lane per version, oldest at the top; `source(v)` names its input. */
export function swimlanes(a: CaseAccount, source: (input: number) => string): string {
  const times: number[] = [];
  for (const u of a.uids) for (const l of u.listedBy) for (const t of l.tags) times.push(Date.parse(t.time));
  for (const v of a.versions) if (v.written) times.push(Date.parse(v.written));
  if (times.length === 0) return '';
  const first = Math.min(...times);
  const span = Math.max(1, Math.max(...times) - first);
  const x = (ms: number): number => LEFT + ((ms - first) / span) * (W - LEFT - RIGHT);
  const height = TOP + a.versions.length * LANE + 24;
  const out = [`<svg class="chart lanes" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="History versions of ${h(a.name)} across time">`, legend()];
  const lane = new Map(a.versions.map((v, k) => [v.id, TOP + k * LANE]));
  a.versions.forEach((v, k) => {
    const y = TOP + k * LANE;
    const file = source(v.input).split('/').pop()!;
    out.push(`<g class="lane" data-version="${h(v.id)}"><title>${h(v.id)}: ${v.origin} history of ${h(source(v.input))}, ${v.uids} UIDs</title>`);
    out.push(`<line class="grid" x1="${LEFT}" y1="${y + LANE / 2}" x2="${W - RIGHT}" y2="${y + LANE / 2}"/><text x="4" y="${y + LANE / 2 + 4}">${h(v.id.slice(a.id.length + 1))} ${h(file)}${v.origin === 'recovered' ? ' (rec.)' : ''}</text>`);
    if (v.written) out.push(`<line class="axis written" x1="${fmt(x(Date.parse(v.written)))}" y1="${y + 3}" x2="${fmt(x(Date.parse(v.written)))}" y2="${y + LANE - 3}"><title>last written ${h(v.written)}</title></line>`);
    out.push('</g>');
  });
  for (const u of a.uids) {
    for (const l of u.listedBy) {
      const y = lane.get(l.version)! + LANE / 2;
      for (const t of l.tags) {
        const m = markOf(l, t.operation);
        out.push(`<circle class="tag ${m}" cx="${fmt(x(Date.parse(t.time)))}" cy="${y}" r="4" fill="${OUTCOME_STYLE[m].colour}"><title>${h(u.uid)}: ${t.operation} ${h(t.time)} (${OUTCOME_STYLE[m].label})</title></circle>`);
      }
    }
  }
  const axisY = TOP + a.versions.length * LANE + 14;
  out.push(`<text x="${LEFT}" y="${axisY}">${new Date(first).toISOString().slice(0, 16)}Z</text><text x="${W - RIGHT}" y="${axisY}" text-anchor="end">${new Date(first + span).toISOString().slice(0, 16)}Z</text>`);
  out.push('</svg>');
  return out.join('');
}

/** At most this many UIDs in the presence chart; the tables list all. */
export const PRESENCE_ROWS = 400;

/** A square per UID (row) and version (column) that lists it, coloured as the lanes. */
export function presence(a: CaseAccount): string {
  const uids = a.uids.slice(0, PRESENCE_ROWS);
  if (uids.length === 0) return '';
  const cell = 14;
  const left = 200;
  const width = left + a.versions.length * cell + 10;
  const height = 24 + uids.length * cell;
  const out = [`<svg class="chart presence" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Which versions list each UID of ${h(a.name)}">`];
  a.versions.forEach((v, k) => out.push(`<text x="${left + k * cell + cell / 2}" y="14" text-anchor="middle">${h(v.id.slice(a.id.length + 2))}</text>`));
  uids.forEach((u, r) => {
    const y = 20 + r * cell;
    out.push(`<g class="uid"><text x="${left - 6}" y="${y + cell - 3}" text-anchor="end">${h(u.uid.length > 30 ? `${u.uid.slice(0, 29)}…` : u.uid)}</text>`);
    a.versions.forEach((v, k) => {
      const l = u.listedBy.find((x) => x.version === v.id);
      if (!l) return;
      const m = markOf(l, l.tags.some((t) => t.operation !== 'deleted') ? 'downloaded' : 'deleted');
      out.push(`<rect class="${m}" x="${left + k * cell + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" fill="${OUTCOME_STYLE[m].colour}"><title>${h(u.uid)} in ${h(v.id)}: ${OUTCOME_STYLE[m].label}</title></rect>`);
    });
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
