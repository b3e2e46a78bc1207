// The tags a blob decoder accepted, kept in typed arrays until the report asks for entries.

import { CONTENTS, OPERATIONS, TAG_HEAD, type BlobEntry } from './blob.js';
import { unescapeAsciiUid } from './uid-escape.js';

const ISO_FROM = [2, 3, 4, 5, -0x2d, 6, 7, -0x2d, 8, 9, -0x54, 10, 11, -0x3a, 12, 13, -0x3a, 14, 15, -0x5a];
const ISO_LENGTH = ISO_FROM.length;

/** What a tag whose text is not the blob's own latin1 slice (not ASCII) or whose UID needed the full decoding keeps. */
export interface OddTag {
  text?: string;
  tagHex?: string;
  uid?: string;
  uidHex?: string;
}

/**
 * The accepted tags of one blob, kept as numbers until the end, then made into entries whose
 * strings are slices: the tag and the time and UID as written of the blob's latin1 text, the
 * ISO-8601 time and the unescaped UID of two strings made once for the whole blob. A string per tag
 * for those two would cost a native call or a copy each, and 24–32 more bytes a tag for the
 * collector to copy (65,535 tags: 2 MB).
 */
export class AcceptedTags {
  private count = 0;
  private readonly index: Int32Array;
  private readonly at: Int32Array;
  private readonly stop: Int32Array;
  private readonly op: Uint8Array;
  private readonly content: Uint8Array;
  /** Where the tag's unescaped UID starts in `uids`; -1 when it is the UID as written (no escapes). */
  private readonly uidAt: Int32Array;
  private readonly uidLength: Int32Array;
  private readonly times: Buffer;
  private readonly uids: Buffer;
  private uidEnd = 0;
  private readonly odd = new Map<number, OddTag>();

  constructor(maxTags: number, blobBytes: number) {
    this.index = new Int32Array(maxTags);
    this.at = new Int32Array(maxTags);
    this.stop = new Int32Array(maxTags);
    this.op = new Uint8Array(maxTags);
    this.content = new Uint8Array(maxTags);
    this.uidAt = new Int32Array(maxTags);
    this.uidLength = new Int32Array(maxTags);
    this.times = Buffer.allocUnsafe(maxTags * ISO_LENGTH);
    this.uids = Buffer.allocUnsafe(blobBytes);
  }

  /**
   * Unescapes the ASCII UID in `view[start, end)` after the UIDs already kept; its length, or -1
   * when it is not clean ASCII once unescaped (nothing is kept then).
   */
  unescapeUid(view: Buffer, start: number, end: number): number {
    return unescapeAsciiUid(view, start, end, this.uids, this.uidEnd);
  }

  /**
   * Keeps the tag at `[at, stop)` whose text is `s` from `b` (operation, content and time already
   * checked). `uidLength` is that of the UID unescaped by `unescapeUid` just before, or -1 when the
   * UID is as written or in `odd`.
   */
  add(index: number, at: number, stop: number, s: string, b: number, uidLength: number, odd: OddTag | undefined): void {
    const k = this.count++;
    this.index[k] = index;
    this.at[k] = at;
    this.stop[k] = stop;
    this.op[k] = s.charCodeAt(b);
    this.content[k] = s.charCodeAt(b + 1);
    for (let i = 0, t = k * ISO_LENGTH; i < ISO_LENGTH; i++, t++) {
      const from = ISO_FROM[i]!;
      this.times[t] = from < 0 ? -from : s.charCodeAt(b + from);
    }
    this.uidAt[k] = uidLength < 0 ? -1 : this.uidEnd;
    this.uidLength[k] = uidLength;
    if (uidLength > 0) this.uidEnd += uidLength;
    if (odd) this.odd.set(k, odd);
  }

  entries(latin1: string): BlobEntry[] {
    const times = this.times.toString('latin1', 0, this.count * ISO_LENGTH);
    const uids = this.uids.toString('latin1', 0, this.uidEnd);
    // Sized once: grown entry by entry it would be copied a dozen times.
    const entries = new Array<BlobEntry>(this.count);
    for (let k = 0; k < this.count; k++) {
      const odd = this.odd.get(k);
      const at = this.at[k]!;
      const tag = odd?.text ?? latin1.slice(at, this.stop[k]);
      const encodedUid = tag.slice(TAG_HEAD);
      const uidAt = this.uidAt[k]!;
      const entry: BlobEntry = {
        index: this.index[k]!,
        offset: at,
        tag,
        operation: OPERATIONS[this.op[k]!]!,
        content: CONTENTS[this.content[k]!]!,
        time: times.slice(k * ISO_LENGTH, (k + 1) * ISO_LENGTH),
        timeRaw: tag.slice(2, TAG_HEAD),
        uid: odd?.uid ?? (uidAt < 0 ? encodedUid : uids.slice(uidAt, uidAt + this.uidLength[k]!)),
        encodedUid,
      };
      if (odd?.tagHex !== undefined) entry.tagHex = odd.tagHex;
      if (odd?.uidHex !== undefined) entry.uidHex = odd.uidHex;
      entries[k] = entry;
    }
    return entries;
  }
}

/** Whether `bytes[start, end)` holds a "$" (an escape). */
