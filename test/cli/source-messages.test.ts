// How a worker thread hands a source's text over (formats.ts): UTF-8 pieces that, joined, are the
// bytes this thread would write, each at most a MiB, the first small.

import { describe, expect, it } from 'vitest';
import { inspectEvidence, resolveOptions } from '../../src/analysis/index.js';
import { ndjsonRenderer, toSource, type Renderer, type Source } from '../../src/report/index.js';
import { sourceMessages } from '../../src/cli/formats.js';
import { samplePath } from '../support/samples.js';

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
