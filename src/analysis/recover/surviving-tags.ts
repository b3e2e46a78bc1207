// A history blob whose bytes were partly reused: only the tags that provably survive are decoded
// (docs/format.md §5).

import type { Overwrite } from '../../pst/index.js';
import { type BlobEntry, type DecodedBlob } from '../history/blob.js';
import { decodeBlob } from '../history/decode-blob.js';

/**
 * The tags whose every byte lies outside the reused ranges. Before the first reused byte the
 * ordinary decoding holds. After it, a tag counts only between two NULs that both survived (so
 * its start is known), and only if it decodes whole; its index then counts surviving tags.
 */
export function survivingTags(data: Uint8Array, lost: readonly Overwrite[]): DecodedBlob {
  const whole = decodeBlob(data);
  if (lost.length === 0) return whole;
  const inLost = (i: number): boolean => lost.some((l) => i >= l.from && i < l.to);
  const firstLost = Math.min(...lost.map((l) => l.from));
  const length = (e: BlobEntry): number => (e.tagHex !== undefined ? e.tagHex.length / 2 : Buffer.byteLength(e.tag, 'utf8')) + 1;
  const entries = whole.entries.filter((e) => e.offset + length(e) <= firstLost);
  // Counting anomalies say nothing once bytes are known to be lost.
  const anomalies = whole.anomalies.filter((a) => a.offset < firstLost && !['COUNT_MISMATCH', 'EXTRA_TAGS', 'TRAILER', 'MISSING_NUL'].includes(a.code));
  let start = -1;
  for (let i = firstLost; i < data.length; i++) {
    if (data[i] !== 0 || inLost(i)) continue;
    let clean = start >= 0 && i > start;
    for (let k = start; clean && k < i; k++) clean = !inLost(k);
    const e = clean ? oneTag(data.subarray(start, i), start, entries.length) : undefined;
    if (e) entries.push(e);
    start = i + 1;
  }
  const headerLost = firstLost < 4;
  return { version: headerLost ? undefined : whole.version, declaredCount: headerLost ? undefined : whole.declaredCount, entries, anomalies };
}

/** One tag's bytes decoded by the blob decoder itself (as a one-tag blob); undefined unless it is a whole, well-formed tag. */
function oneTag(tag: Uint8Array, offset: number, index: number): BlobEntry | undefined {
  const one = new Uint8Array(tag.length + 5);
  one.set([3, 0, 1, 0]);
  one.set(tag, 4);
  const d = decodeBlob(one);
  const e = d.entries[0];
  if (!e || d.anomalies.some((a) => a.severity === 'error')) return undefined;
  return { ...e, index, offset };
}
