// A column of strings, one per message of a store, kept as the bytes the store holds (a code page,
// or UTF-16LE, at one byte per unit when it can be) in shared chunks, and decoded only for the
// messages a report names: the subjects, senders and Message-IDs of 100,000 messages are 8 MB of
// bytes outside the JS heap rather than 300,000 strings the collector walks on every full collection.

import { decodeStoredString, stripNul, UTF16LE, type StoredString } from '../../pst/index.js';

/** Chunks double from FIRST_CHUNK to CHUNK: a store of ten messages does not take 1 MiB per column,
 * and a case of a thousand small stores does not leave the allocator a thousand freed megabytes,
 * which it keeps as fragments instead of returning them. */
const FIRST_CHUNK = 1 << 12;
const CHUNK = 1 << 20;
const ABSENT = -1;
/** Not a code page: UTF-16LE kept as the low byte of each unit (all high bytes were zero). */
const PACKED_UTF16 = -1;

/** Writes the low byte of each whole UTF-16LE unit of `bytes` to `out` from `at`, in one pass that
 * stops at the first unit of U+0100 or more: whether every unit was below it. */
function packLow(bytes: Uint8Array, out: Uint8Array, at: number): boolean {
  const units = bytes.length >> 1;
  for (let k = 0; k < units; k++) {
    if (bytes[2 * k + 1] !== 0) return false;
    out[at + k] = bytes[2 * k]!;
  }
  return true;
}

export class StoredStrings {
  private readonly chunks: Uint8Array[] = [];
  /** A Buffer over each chunk, for reading packed values as Latin-1. */
  private readonly views: Buffer[] = [];
  private used = 0;
  /** Per row: chunk index, offset in it and length (absent: chunk ABSENT), and code page. */
  private readonly chunkOf: Int32Array;
  private readonly offset: Int32Array;
  private readonly length: Int32Array;
  private readonly codepage: Int32Array;

  constructor(
    rows: number,
    /** Applied to each decoded value (e.g. dropping a subject's prefix). */
    private readonly finish: (s: string) => string = (s) => s,
  ) {
    this.chunkOf = new Int32Array(rows).fill(ABSENT);
    this.offset = new Int32Array(rows);
    this.length = new Int32Array(rows);
    this.codepage = new Int32Array(rows);
  }

  /** Keeps a copy of the value's bytes as row `i`'s; undefined leaves (or makes) the row absent. */
  set(i: number, value: StoredString | undefined): void {
    if (!value) {
      this.chunkOf[i] = ABSENT;
      return;
    }
    const { bytes, codepage } = value;
    const wide = codepage === UTF16LE;
    // Room for the bytes as stored; UTF-16 whose every unit is below U+0100 (most mail) then takes half.
    const last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.used + bytes.length > last.length) {
      // A value larger than a chunk gets a chunk of its own size.
      const size = last === undefined ? FIRST_CHUNK : Math.min(CHUNK, 2 * last.length);
      this.chunks.push(new Uint8Array(Math.max(size, bytes.length)));
      this.used = 0;
    }
    const c = this.chunks.length - 1;
    const chunk = this.chunks[c]!;
    const packed = wide && packLow(bytes, chunk, this.used);
    const n = packed ? bytes.length >> 1 : bytes.length;
    if (!packed) chunk.set(bytes, this.used);
    this.chunkOf[i] = c;
    this.offset[i] = this.used;
    this.length[i] = n;
    this.codepage[i] = packed ? PACKED_UTF16 : codepage;
    this.used += n;
  }

  get(i: number): string | undefined {
    const c = this.chunkOf[i]!;
    if (c === ABSENT) return undefined;
    const at = this.offset[i]!;
    const end = at + this.length[i]!;
    const cp = this.codepage[i]!;
    if (cp !== PACKED_UTF16) return this.finish(decodeStoredString(this.chunks[c]!.subarray(at, end), cp));
    // Latin-1 read straight from a Buffer over the chunk, made once per chunk: no view per value.
    const chunk = this.chunks[c]!;
    const view = (this.views[c] ??= Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    return this.finish(stripNul(view.toString('latin1', at, end)));
  }
}

/** Strings seen on many messages (classes, servers, accounts), kept once, referred to by number. */
export class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** Decodes string values, keeping the last with a copy of its bytes: a store's messages mostly repeat
 * their neighbour's class and account, and comparing a few dozen bytes costs less than decoding them. */
export class LastDecoded {
  private bytes = new Uint8Array(64);
  private length = -1;
  private codepage = 0;
  private value = '';

  of(s: StoredString | undefined): string | undefined {
    if (!s) return undefined;
    const { bytes, codepage } = s;
    if (bytes.length !== this.length || codepage !== this.codepage || !startsWith(this.bytes, bytes)) {
      this.value = decodeStoredString(bytes, codepage);
      if (this.bytes.length < bytes.length) this.bytes = new Uint8Array(2 * bytes.length);
      this.bytes.set(bytes);
      this.length = bytes.length;
      this.codepage = codepage;
    }
    return this.value;
  }
}

function startsWith(a: Uint8Array, prefix: Uint8Array): boolean {
  for (let k = 0; k < prefix.length; k++) if (a[k] !== prefix[k]) return false;
  return true;
}
