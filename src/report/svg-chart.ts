// A bar chart of one account's tags per UTC day, stacked by outcome, as inline SVG: no script, no
// library, nothing fetched. One `<g class="day">` per day that has tags, with a `<title>` tooltip.

import { escapeHtml } from './html-escape.js';
import type { History } from './types.js';

const OUTCOMES = ['matched', 'ambiguous', 'not-in-store', 'not-correlated', 'deleted'] as const;
type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_STYLE: Record<Outcome, { label: string; colour: string }> = {
  matched: { label: 'matched', colour: '#2e7d32' },
  ambiguous: { label: 'ambiguous', colour: '#f9a825' },
  'not-in-store': { label: 'not in store', colour: '#c62828' },
  'not-correlated': { label: 'not correlated', colour: '#1565c0' },
  deleted: { label: 'deleted (no download)', colour: '#757575' },
};

/** A deletion-only tag is `deleted`; a download (with or without deletion) is coloured by what it created. */
export function outcomeOf(e: History['entries'][number]): Outcome {
  if (e.operation === 'deleted') return 'deleted';
  return e.correlation?.status ?? 'not-correlated';
}

type DayCounts = Map<string, Record<Outcome, number>>;

/** Tags per UTC day (YYYY-MM-DD) and outcome. */
export function countByDay(h: Pick<History, 'entries'>): DayCounts {
  const days: DayCounts = new Map();
  for (const e of h.entries) {
    const day = e.time.slice(0, 10);
    let c = days.get(day);
    if (!c) days.set(day, (c = { matched: 0, ambiguous: 0, 'not-in-store': 0, 'not-correlated': 0, deleted: 0 }));
    c[outcomeOf(e)]++;
  }
  return days;
}

const DAY_MS = 86_400_000;
const W = 760;
const H = 240;
const M = { left: 48, right: 12, top: 36, bottom: 36 };

/** Round the largest bar up to 1, 2 or 5 × 10^k so the axis has a few whole ticks. */
function niceMax(n: number): { max: number; step: number } {
  if (n <= 5) return { max: Math.max(n, 1), step: 1 };
  const raw = n / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw)!;
  return { max: Math.ceil(n / step) * step, step };
}

const fmt = (x: number): string => (Math.round(x * 10) / 10).toString();

/** The chart for one account; `label` (evidence) is escaped here. */
export function dayChart(label: string, days: DayCounts): string {
  const keys = [...days.keys()].sort();
  if (keys.length === 0) return '';
  const first = Date.parse(`${keys[0]}T00:00:00Z`);
  const span = Math.round((Date.parse(`${keys[keys.length - 1]}T00:00:00Z`) - first) / DAY_MS) + 1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / span;
  const barW = Math.min(40, Math.max(1, slot * 0.7));
  const totals = keys.map((k) => OUTCOMES.reduce((n, o) => n + days.get(k)![o], 0));
  const { max, step } = niceMax(Math.max(...totals));
  const y = (v: number): number => M.top + plotH - (v / max) * plotH;
  const out: string[] = [];
  out.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Tags per day for ${escapeHtml(label)}">`);
  // Legend along the top.
  let lx = M.left;
  for (const o of OUTCOMES) {
    const { label: text, colour } = OUTCOME_STYLE[o];
    out.push(`<rect x="${lx}" y="10" width="10" height="10" fill="${colour}"/><text x="${lx + 14}" y="19" class="legend">${text}</text>`);
    lx += 14 + text.length * 6 + 22;
  }
  // Y axis with whole-number ticks and grid lines.
  out.push(`<line class="axis" x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + plotH}"/>`);
  for (let v = 0; v <= max; v += step) {
    out.push(`<line class="grid" x1="${M.left}" y1="${fmt(y(v))}" x2="${W - M.right}" y2="${fmt(y(v))}"/><text x="${M.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end" class="tick">${v}</text>`);
  }
  out.push(`<text x="12" y="${M.top + plotH / 2}" transform="rotate(-90 12 ${M.top + plotH / 2})" text-anchor="middle" class="tick">tags</text>`);
  // X axis: a label for at most 8 evenly spaced days.
  out.push(`<line class="axis" x1="${M.left}" y1="${M.top + plotH}" x2="${W - M.right}" y2="${M.top + plotH}"/>`);
  const every = Math.max(1, Math.ceil(span / 8));
  for (let d = 0; d < span; d += every) {
    const cx = M.left + slot * (d + 0.5);
    const day = new Date(first + d * DAY_MS).toISOString().slice(0, 10);
    out.push(`<text x="${fmt(cx)}" y="${M.top + plotH + 16}" text-anchor="middle" class="tick">${day}</text>`);
  }
  out.push(`<text x="${W - M.right}" y="${H - 4}" text-anchor="end" class="tick">day (UTC)</text>`);
  // One mark per day with tags: its outcomes stacked, bottom up.
  keys.forEach((k, i) => {
    const c = days.get(k)!;
    const x = M.left + slot * (Math.round((Date.parse(`${k}T00:00:00Z`) - first) / DAY_MS) + 0.5) - barW / 2;
    const parts = OUTCOMES.filter((o) => c[o] > 0).map((o) => `${c[o]} ${OUTCOME_STYLE[o].label}`);
    out.push(`<g class="day" data-day="${k}"><title>${k}: ${totals[i]} tags — ${parts.join(', ')}</title>`);
    let base = 0;
    for (const o of OUTCOMES) {
      if (c[o] === 0) continue;
      out.push(`<rect class="${o}" x="${fmt(x)}" y="${fmt(y(base + c[o]))}" width="${fmt(barW)}" height="${fmt(y(base) - y(base + c[o]))}" fill="${OUTCOME_STYLE[o].colour}"/>`);
      base += c[o];
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
