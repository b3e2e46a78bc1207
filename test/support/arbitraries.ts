// Arbitraries the property tests share.

import fc from 'fast-check';

const SURROGATES = 0x800;

/**
 * One code point of the whole range but the surrogates: what `{ unit: 'binary' }` gives, made from
 * an integer because fast-check builds that unit's reverse map of its 1,112,064 code points (1.4 s)
 * in every process that makes it.
 */
export const anyCodePoint: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES));
