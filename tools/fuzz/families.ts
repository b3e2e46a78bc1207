// Hostile-author mutation families, beside the random damage of mutate.ts: the shapes a red team
// built by hand, applied where the input has the structure they aim at.
// - count: the blob's 16-bit tag count set to 0, 1 or 65,535 (tags past the count, or a count with no tags)
// - huge-uid: every NUL after the blob header replaced, so the tags run together into one vast UID
// - same-blocks: every entry of a data tree (XBLOCK) pointed at its first block
// - msg-chain: a compound file's FAT entry pointed at itself or at the chain's start (a loop)

import type { Mutation } from './mutate.js';
import type { Span } from './targets.js';

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function hostileFamily(input: Uint8Array, spans: readonly Span[], random: () => number): { bytes: Uint8Array; mutation: Mutation } | undefined {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const bytes = input.slice();
  const view = new DataView(bytes.buffer);
  if (spans.length === 0 && CFB_MAGIC.every((b, i) => input[i] === b) && input.length >= 1024) {
    // [MS-CFB] 2.2: the first FAT sector is the header's first DIFAT entry; entries are u32 next-sector ids.
    const shift = view.getUint16(0x1e, true);
    const size = 1 << shift;
    const fat = view.getUint32(0x4c, true);
    const base = size + fat * size;
    if (shift > 12 || base + size > bytes.length) return undefined;
    const i = Math.floor(random() * (size / 4));
    view.setUint32(base + 4 * i, pick([i, 0, Math.max(0, i - 1)]), true);
    return { bytes, mutation: { region: 'fat', op: 'msg-chain', at: base + 4 * i } };
  }
  const blobs = spans.filter((s) => s.region === 'attachment-data' && s.end - s.start >= 4);
  const trees = spans.filter((s) => s.region === 'data-tree');
  const families = [...(blobs.length > 0 ? (['count', 'huge-uid'] as const) : []), ...(trees.length > 0 ? (['same-blocks'] as const) : [])];
  if (families.length === 0) return undefined;
  const op = pick(families);
  if (op === 'same-blocks') {
    const t = pick(trees);
    const idSize = t.idSize ?? 8;
    const count = view.getUint16(t.start + 2, true);
    for (let k = 1; k < count && t.start + 8 + (k + 1) * idSize <= t.end; k++) bytes.copyWithin(t.start + 8 + k * idSize, t.start + 8, t.start + 8 + idSize);
    return { bytes, mutation: { region: t.region, op, at: t.start } };
  }
  const b = pick(blobs);
  if (op === 'count') view.setUint16(b.start + 2, pick([0, 1, 0xffff]), true);
  else for (let o = b.start + 4; o < b.end - 1; o++) if (bytes[o] === 0) bytes[o] = 0x41;
  return { bytes, mutation: { region: b.region, op, at: b.start } };
}
