// ISO text written from the numbers is exactly what Date#toISOString gives (without a zero fraction),
// on every kind of time: whole seconds, milliseconds, leap days, the ends of the years it handles
// itself, and the times it leaves to Date.

import { describe, expect, it } from 'vitest';
import { isoDate, isoMillis, isoSeconds } from '../../src/analysis/iso-time.js';

const byDate = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

describe('isoMillis', () => {
  it('writes what Date#toISOString writes', () => {
    const edges = [0, 1, 999, 1000, 951782400000, 951868799999, 1709164800000, 253402300799999, 253402300800000, -1, -62135596800000, 8.64e15, 1.5, 1_700_000_000_123];
    // A fixed sequence of times across 1970–9999, half of them whole seconds.
    let seed = 1;
    const random = Array.from({ length: 20_000 }, (_, k) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const t = Math.floor((seed / 2 ** 31) * 253402300800000);
      return k % 2 === 0 ? t - (t % 1000) : t;
    });
    for (const t of [...edges, ...random]) expect(isoMillis(t), String(t)).toBe(byDate(t));
  });

  it('is what isoDate and isoSeconds write', () => {
    expect(isoDate(new Date('2024-05-04T07:59:30Z'))).toBe('2024-05-04T07:59:30Z');
    expect(isoDate(new Date(NaN))).toBeUndefined();
    expect(isoSeconds(1714809570)).toBe('2024-05-04T07:59:30Z');
  });
});
