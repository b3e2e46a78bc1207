// The POP3 download history blob (Microsoft, "Parsing the message download history for a POP3
// account", https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/parsing-the-message-download-history-for-a-pop3-account): u16 version (3), u16 count, then `count` NUL-terminated UTF-8 tags
// `O c yyyyMMddHHmmss uid`. Decoding never throws on content: it returns every tag it can read
// and an anomaly, with its byte offset, for everything that is not as documented (docs/format.md §3).

import { encodeUid } from './uid-escape.js';

export type Operation = 'downloaded' | 'deleted' | 'downloaded-and-deleted';
export type Content = 'none' | 'header' | 'body';
export type AnomalySeverity = 'info' | 'warning' | 'error';

export interface TagInput {
  operation: Operation;
  content: Content;
  /** ISO-8601 UTC with whole seconds, ending in Z. */
  time: string;
  uid: string;
}

export interface BlobEntry extends TagInput {
  /** Position of the tag among the blob's tags (skipped tags keep their number). */
  index: number;
  /** Byte offset of the tag within the blob. */
  offset: number;
  /** The tag's raw text. */
  tag: string;
  /** The tag's bytes as hex, when they are not valid UTF-8. */
  tagHex?: string;
  timeRaw: string;
  encodedUid: string;
  /** The unescaped UID bytes as hex, when they are not valid UTF-8. */
  uidHex?: string;
}

export type AnomalyCode =
  | 'TOO_SHORT'
  | 'BAD_VERSION'
  | 'COUNT_MISMATCH'
  | 'EXTRA_TAGS'
  | 'TRAILER'
  | 'SHORT_TAG'
  | 'BAD_OPERATION'
  | 'BAD_CONTENT'
  | 'BAD_DATE'
  | 'BAD_ESCAPE'
  | 'EMPTY_UID'
  | 'INVALID_UTF8'
  | 'MISSING_NUL'
  | 'LIMIT';

export interface BlobAnomaly {
  code: AnomalyCode;
  severity: AnomalySeverity;
  message: string;
  offset: number;
}

export interface DecodedBlob {
  version?: number;
  declaredCount?: number;
  entries: BlobEntry[];
  /** Bytes after the tags that are not decoded, as hex: at most the first MAX_TRAILER_HEX_BYTES (the TRAILER anomaly gives the whole size). */
  trailer?: string;
  anomalies: BlobAnomaly[];
}

export const BLOB_VERSION = 3;

// Hard limits (docs/limits.md). The count is a 16-bit field, so a real blob holds at most 65,535
// tags; past the declared count only this many more are decoded, the rest is trailing data.
export const EXTRA_TAG_MARGIN = 64;
// RFC 1939 §7: a unique-id is 1 to 70 characters 0x21–0x7E. Longer ones are kept whole in the
// entry (JSON, NDJSON, CSV), flagged LIMIT, and cut to this length in the table.
export const MAX_UID_LENGTH = 70;
// A blob file read whole: a full blob is 65,535 tags of at most a few hundred bytes, and an xxd dump
// of one about four times that. Anything larger is not a blob; an endless input must not fill memory.
export const MAX_BLOB_INPUT_BYTES = 64 * 1024 * 1024;

export function blobTooLarge(size: number): BlobLimitError {
  return new BlobLimitError(`${size} bytes or more, over the ${MAX_BLOB_INPUT_BYTES}-byte limit on a blob (limit: decode input size)`);
}

/** Input refused at a documented limit before it is decoded. */
export class BlobLimitError extends Error {
  readonly code = 'LIMIT';
  constructor(message: string) {
    super(message);
    this.name = 'BlobLimitError';
  }
}

// A trailer is kept as hex up to this many bytes: 25 MB of junk after the tags is said by its size,
// not carried as 50 MB of hex in every report.
export const MAX_TRAILER_HEX_BYTES = 4096;

export const OP_CHAR: Record<Operation, string> = { downloaded: '+', deleted: '-', 'downloaded-and-deleted': '&' };
export const CONTENT_CHAR: Record<Content, string> = { none: ' ', header: 'h', body: 'b' };
// The same, indexed by character code for decoding: a dense array lookup, not a hash lookup.
export const OPERATIONS = byCode(OP_CHAR);
export const CONTENTS = byCode(CONTENT_CHAR);
export const TAG_HEAD = 16; // operation, content and 14 digits

function byCode<T extends string>(chars: Record<T, string>): (T | undefined)[] {
  const out = new Array<T | undefined>(128).fill(undefined);
  for (const [name, ch] of Object.entries(chars) as [T, string][]) out[ch.charCodeAt(0)] = name;
  return out;
}

export interface EncodeOptions {
  version?: number;
  /** Defaults to the number of entries; set it to make a blob whose count disagrees. */
  declaredCount?: number;
  trailer?: Uint8Array;
}

function formatTagTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.0+)?Z$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO-8601 UTC time with whole seconds: ${iso}`);
  return m.slice(1).join('');
}

function encodeTag(e: TagInput): string {
  return `${OP_CHAR[e.operation]}${CONTENT_CHAR[e.content]}${formatTagTime(e.time)}${encodeUid(e.uid)}`;
}

export function encodeBlob(entries: readonly TagInput[], opts: EncodeOptions = {}): Uint8Array {
  const tags = entries.map((e) => Buffer.from(`${encodeTag(e)}\0`, 'utf8'));
  const header = Buffer.alloc(4);
  header.writeUInt16LE(opts.version ?? BLOB_VERSION, 0);
  header.writeUInt16LE(opts.declaredCount ?? entries.length, 2);
  return new Uint8Array(Buffer.concat([header, ...tags, opts.trailer ?? new Uint8Array(0)]));
}
