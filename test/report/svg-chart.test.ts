// The chart's geometry on histories the samples do not have: many tags a day, a span of a year,
// and the tallest bar always inside the plot.

import { describe, expect, it } from 'vitest';
import { countByDay, dayChart } from '../../src/report/svg-chart.js';
import type { Entry } from '../../src/report/types.js';

const tag = (time: string, operation: Entry['operation'], status?: 'matched' | 'not-in-store'): Entry => ({
  index: 0,
  uid: 'u',
  encodedUid: 'u',
  operation,
  content: 'body',
  time,
  timeRaw: '',
  tag: '',
  offset: 0,
  ...(status ? { correlation: { status, evidence: [], candidates: [], contradictions: [] } } : {}),
});

const attr = (svg: string, name: string): number[] => [...svg.matchAll(new RegExp(`<rect class="[a-z-]+" [^>]*${name}="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('dayChart', () => {
  it('a year with 1,237 tags on 53 days: one mark per day, whole-number ticks, at most 8 date labels, bars inside the plot', () => {
    const entries: Entry[] = [];
    for (let w = 0; w < 53; w++) {
      const day = new Date(Date.UTC(2023, 0, 2 + w * 7)).toISOString().slice(0, 10);
      for (let k = 0; k < 1 + ((w * 37) % 40); k++) entries.push(tag(`${day}T10:00:00Z`, k % 5 === 0 ? 'deleted' : 'downloaded', k % 3 === 0 ? 'not-in-store' : 'matched'));
    }
    const days = countByDay({ entries });
    expect(days.size).toBe(53);
    const svg = dayChart('a@example.com', days);
    expect(svg.match(/<g class="day"/g)).toHaveLength(53);
    const ticks = [...svg.matchAll(/class="tick">(\d+)</g)].map((m) => Number(m[1]));
    expect(ticks[0]).toBe(0);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(Math.max(...[...days.values()].map((c) => Object.values(c).reduce((a, b) => a + b, 0))));
    expect(svg.match(/class="tick">\d{4}-\d\d-\d\d</g)!.length).toBeLessThanOrEqual(8);
    const ys = attr(svg, 'y');
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(36);
    for (const w of attr(svg, 'width')) expect(w).toBeGreaterThanOrEqual(1);
  });

  it('escapes the account in its label and draws nothing for a history without tags', () => {
    expect(dayChart('<b>x</b>', countByDay({ entries: [tag('2024-01-01T00:00:00Z', 'downloaded')] }))).toContain('aria-label="Tags per day for &lt;b&gt;x&lt;/b&gt;"');
    expect(dayChart('a', countByDay({ entries: [] }))).toBe('');
  });
});
