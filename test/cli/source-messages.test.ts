// How a worker thread hands a source's text over (formats.ts): UTF-8 pieces that, joined, are the
// bytes this thread would write, each at most a MiB, the first small; and why the text is the same
// whichever thread renders it: every format renders a source the same whatever it rendered before,
// and its begin and end owe nothing to the sources (the main thread's renderer never sees them).

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectEvidence, resolveOptions } from '../../src/analysis/index.js';
import { CSV_TABLES, FULL_VIEW, ndjsonRenderer, reportHeader, TIMELINE_FORMATS, toSource, type Renderer, type Source } from '../../src/report/index.js';
import { formatRenderer, sourceMessages, type Format } from '../../src/cli/formats.js';
import { samplePath, samplesDir } from '../support/samples.js';

const MIB = 1 << 20;

/** Each output's pieces, in order. */
function pieces(source: Source, renderers: Renderer[]): Uint8Array[][] {
  const out: Uint8Array[][] = renderers.map(() => []);
  const messages = [...sourceMessages(source, renderers)];
  expect(messages[0]!.kind).toBe('head');
  for (const m of messages.slice(1)) {
    if (m.kind !== 'text') throw new Error('a head after the first message');
    out[m.output]!.push(m.bytes);
  }
  return out;
}

const joined = (parts: Uint8Array[]): string => Buffer.concat(parts).toString('utf8');

/** A renderer whose source text is the given strings. */
const fixed = (texts: string[]): Renderer => ({ begin: () => [], source: () => texts, end: () => [] });

describe('a source rendered in a worker thread', () => {
  const options = resolveOptions();
  const source = toSource(inspectEvidence(samplePath('pop3-unicode.pst'), options));

  it('is, joined, the text this thread renders: a sample in NDJSON', () => {
    const [ndjson] = pieces(source, [ndjsonRenderer()]);
    const text = [...ndjsonRenderer().source(source)].join('');
    expect(text.split('\n').length).toBeGreaterThan(20);
    expect(joined(ndjson!)).toBe(text);
  });

  it('comes in pieces of at most a MiB, growing from a small first one, with no character split', () => {
    // Two- to four-byte characters at every offset, and one string longer than a piece.
    const texts = Array.from({ length: 60_000 }, (_, i) => `${i} é € 😀 ${'x'.repeat(i % 97)}\n`);
    texts.splice(30_000, 0, 'y€'.repeat(MIB));
    const [a, b] = pieces(source, [fixed(texts), fixed(['second output'])]);
    expect(joined(a!)).toBe(texts.join(''));
    expect(joined(b!)).toBe('second output');
    expect(a![0]!.length).toBeLessThanOrEqual(1 << 14);
    const long = a!.filter((p) => p.length > MIB);
    expect(long.map((p) => p.length)).toEqual([Buffer.byteLength('y€'.repeat(MIB))]);
    expect(a!.filter((p) => p.length > MIB / 2).length).toBeGreaterThan(3);
    for (const p of a!) expect(() => new TextDecoder('utf-8', { fatal: true }).decode(p)).not.toThrow();
  });
});

describe('every format, as a worker thread uses it', () => {
  const formats: Format[] = [
    { kind: 'table', view: FULL_VIEW },
    { kind: 'table', view: { columns: 80, colour: true } },
    { kind: 'json' },
    { kind: 'ndjson' },
    { kind: 'csv' },
    { kind: 'html', run: { commandLine: 'pophist inspect samples', cwd: '/', generated: '2026-12-07T00:00:00Z' } },
    ...CSV_TABLES.map((table): Format => ({ kind: 'csv-table', table })),
    ...TIMELINE_FORMATS.map((timeline): Format => ({ kind: 'timeline', timeline })),
  ];
  // Every sample, with what --recover and --hash add: the sources a worker renders one after another.
  const options = resolveOptions({ recover: true, hash: true });
  const sources = readdirSync(samplesDir)
    .filter((f) => /\.(pst|ost|msg|bin)$/.test(f))
    .sort()
    .map((f) => toSource(inspectEvidence(samplePath(f), options)));
  const text = (parts: Iterable<string>): string => [...parts].join('');

  it.each(formats.map((f) => [JSON.stringify(f).slice(0, 60), f] as const))('%s: a source renders as a fresh renderer renders it, after any others; begin and end as a fresh one', (_name, format) => {
    expect(sources.length).toBeGreaterThan(10);
    const worker = formatRenderer(format);
    const inTurn = sources.map((s) => text(worker.source(s)));
    // Backwards too: a worker takes every other source, in either thread's order.
    const backwards = [...sources].reverse().map((s) => text(worker.source(s))).reverse();
    const fresh = sources.map((s) => text(formatRenderer(format).source(s)));
    expect(inTurn).toEqual(fresh);
    expect(backwards).toEqual(fresh);
    // Some CSV tables hold rows of other inputs only (a registry's accounts, the run's one row).
    if (format.kind !== 'csv-table') expect(fresh.join('').length).toBeGreaterThan(1000);
    const header = reportHeader(options);
    expect(text(worker.begin(header)) + text(worker.end(sources.length))).toBe(text(formatRenderer(format).begin(header)) + text(formatRenderer(format).end(sources.length)));
  });
});
