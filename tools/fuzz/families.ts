// Hostile-author mutation families, beside the random damage of mutate.ts: the shapes a red team
// built by hand, applied where the input has the structure they aim at.
// - count: the blob's 16-bit tag count set to 0, 1 or 65,535 (tags past the count, or a count with no tags)
// - huge-uid: every NUL after the blob header replaced, so the tags run together into one vast UID
// - same-blocks: every entry of a data tree (XBLOCK) pointed at its first block
// - msg-chain: a compound file's FAT entry pointed at itself or at the chain's start (a loop)
// - forged-trailers: thousands of 64-byte blocks with valid trailers (cb, wSig, CRC) after the end
// - forged-attachments: copies of an attachment's data block after the end, each a distinct bid
// - delete-only: every tag of the blob made a delete, so no tag is a download

import { computeSig, pstCrc } from '../../src/pst/ndb/crc.js';
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
  const trailers = spans.filter((s) => s.region === 'block-trailer');
  const families = [
    ...(blobs.length > 0 ? (['count', 'huge-uid', 'delete-only'] as const) : []),
    ...(trees.length > 0 ? (['same-blocks'] as const) : []),
    ...(trailers.length > 0 ? (['forged-trailers'] as const) : []),
    ...(trailers.length > 0 && blobs.length > 0 ? (['forged-attachments'] as const) : []),
  ];
  if (families.length === 0) return undefined;
  const op = pick(families);
  if (op === 'forged-trailers' || op === 'forged-attachments') {
    const trailerSize = trailers[0]!.end - trailers[0]!.start;
    const b = pick(blobs);
    // The block as it lies: data, padding and trailer, 64-byte aligned (a forged-trailers block is 48 bytes of one value).
    const block = op === 'forged-attachments' ? input.slice(b.start, Math.ceil((b.end + trailerSize - b.start) / 64) * 64 + b.start) : new Uint8Array(64).fill(0x5a);
    const count = op === 'forged-attachments' ? 2000 : 4096;
    return { bytes: forgedBlocks(input, block, trailerSize, count, op === 'forged-trailers'), mutation: { region: 'end', op, at: input.length } };
  }
  if (op === 'same-blocks') {
    const t = pick(trees);
    const idSize = t.idSize ?? 8;
    const count = view.getUint16(t.start + 2, true);
    for (let k = 1; k < count && t.start + 8 + (k + 1) * idSize <= t.end; k++) bytes.copyWithin(t.start + 8 + k * idSize, t.start + 8, t.start + 8 + idSize);
    return { bytes, mutation: { region: t.region, op, at: t.start } };
  }
  const b = pick(blobs);
  if (op === 'count') view.setUint16(b.start + 2, pick([0, 1, 0xffff]), true);
  else if (op === 'delete-only') {
    // A tag starts after the header and after each NUL; its first character is the operation.
    for (let o = b.start + 4; o < b.end; o++) if ((o === b.start + 4 || bytes[o - 1] === 0) && (bytes[o] === 0x2b || bytes[o] === 0x26)) bytes[o] = 0x2d;
  } else for (let o = b.start + 4; o < b.end - 1; o++) if (bytes[o] === 0) bytes[o] = 0x41;
  return { bytes, mutation: { region: b.region, op, at: b.start } };
}

/**
 * `count` copies of a 64-byte-aligned block appended at 64-byte boundaries, each trailer rewritten
 * for its new place ([MS-PST] 2.2.2.8.1: wSig from the offset and a fresh bid; the CRC of the data,
 * recomputed when `setCb`, which also makes cb 48).
 */
function forgedBlocks(input: Uint8Array, block: Uint8Array, trailerSize: number, count: number, setCb: boolean): Uint8Array {
  const start = Math.ceil(input.length / 64) * 64;
  const out = new Uint8Array(start + count * block.length);
  out.set(input);
  const wide = trailerSize === 16;
  const t = block.length - trailerSize;
  const view = new DataView(out.buffer);
  for (let k = 0; k < count; k++) {
    const ib = start + k * block.length;
    out.set(block, ib);
    const bid = 0x40000000 + 4 * k;
    if (setCb) {
      view.setUint16(ib + t, 48, true);
      view.setUint32(ib + t + (wide ? 4 : 8), pstCrc(out.subarray(ib, ib + 48)), true);
    }
    view.setUint16(ib + t + 2, computeSig(ib, BigInt(bid)), true);
    view.setUint32(ib + t + (wide ? 8 : 4), bid, true);
    if (wide) view.setUint32(ib + t + 12, 0, true);
  }
  return out;
}
