// Structured mutations: pick a region of the file, then an operation that real damage or a hostile
// author would produce — a flipped bit, a boundary byte, an extreme 16/32-bit field, a copied run,
// or a cut. Deterministic from the seed.

import { hostileFamily } from './families.js';
import type { Span } from './targets.js';

export interface Mutation {
  region: string;
  op: string;
  at: number;
}

const EXTREMES16 = [0, 1, 0x7fff, 0x8000, 0xffff];
const EXTREMES32 = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x1000, 0x00ffffff];

export function mutate(input: Uint8Array, spans: readonly Span[], random: () => number): { bytes: Uint8Array; mutation: Mutation } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // One mutation in five is a hostile-author family, where the input has what it aims at.
  if (random() < 0.2) {
    const family = hostileFamily(input, spans, random);
    if (family) return family;
  }
  const span = spans.length > 0 ? pick(spans) : { region: 'bytes', start: 0, end: input.length };
  const at = span.start + Math.floor(random() * Math.max(1, span.end - span.start));
  const ops = ['bit', 'byte', 'u16', 'u32', 'copy', 'cut'] as const;
  const op = random() < 0.05 ? 'cut' : pick(ops.slice(0, 5));
  if (op === 'cut') return { bytes: input.slice(0, at), mutation: { region: span.region, op, at } };
  const bytes = input.slice();
  const view = new DataView(bytes.buffer);
  if (at >= bytes.length) return { bytes, mutation: { region: span.region, op: 'none', at } };
  switch (op) {
    case 'bit':
      bytes[at]! ^= 1 << Math.floor(random() * 8);
      break;
    case 'byte':
      bytes[at] = pick([0x00, 0xff, 0x7f, 0x80, 0x01]);
      break;
    case 'u16':
      if (at + 2 <= bytes.length) view.setUint16(at, pick(EXTREMES16), true);
      break;
    case 'u32':
      if (at + 4 <= bytes.length) view.setUint32(at, pick(EXTREMES32), true);
      break;
    case 'copy': {
      const from = Math.floor(random() * bytes.length);
      const len = Math.min(16, bytes.length - at, bytes.length - from);
      bytes.copyWithin(at, from, from + len);
      break;
    }
  }
  return { bytes, mutation: { region: span.region, op, at } };
}
