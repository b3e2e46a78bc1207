// A property as stored in a PC or a TC row: its type and the raw bytes of its value, with typed
// readers per [MS-PST] 2.3.3.3 / [MS-OXCDATA] 2.11. Decoding is lazy: most properties are never read.

import { i32, u16, u32, u64 } from '../file/bytes.js';
import { TextDecoder } from 'node:util';
import { decodeString8, WINDOWS_1252 } from './codepage.js';
import { PropType } from './proptype.js';

export interface RawProperty {
  id: number;
  type: number;
  /** The value's bytes; read from the heap or a subnode only when first asked for. */
  readonly bytes: Uint8Array;
}

/** A property whose value is read on first use: a message's body or an attachment's data is
 * only fetched from its subnode when something needs it. */
export class LazyProperty implements RawProperty {
  private value: Uint8Array | undefined;
  constructor(
    readonly id: number,
    readonly type: number,
    private readonly load: () => Uint8Array,
  ) {}
  get bytes(): Uint8Array {
    this.value ??= this.load();
    return this.value;
  }
}

/** 1970-01-01 in FILETIME milliseconds (116,444,736,000,000,000 ticks of 100 ns). */
const FILETIME_UNIX_EPOCH_MS = 11_644_473_600_000;

const utf16 = new TextDecoder('utf-16le');

function decodeUnicode(b: Uint8Array): string {
  return stripNul(utf16.decode(b.length % 2 ? b.subarray(0, b.length - 1) : b));
}

/** A string property's value ends at its first NUL. */
export function stripNul(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * The FILETIME at `b[o]` (100 ns ticks since 1601, 64 bits little-endian) as milliseconds since
 * 1970, truncated toward zero. Worked in doubles, with no BigInt per value (a pass over a million
 * messages reads two each): 2^32 = 10,000 × 429,496 + 7,296, so the ticks are 10,000 × 429,496 × hi
 * plus 7,296 × hi + lo, each exact. Every 64-bit value lands within what a Date holds.
 */
export function filetimeMillis(b: Uint8Array, o: number): number {
  const lo = u32(b, o);
  const hi = u32(b, o + 4);
  const rest = 7296 * hi + lo;
  const ms = 429_496 * hi + Math.floor(rest / 10_000) - FILETIME_UNIX_EPOCH_MS;
  // That is the floor; before 1970 with ticks to spare, truncation is one more.
  return ms < 0 && rest % 10_000 !== 0 ? ms + 1 : ms;
}

/** Properties by id: a Map, or a PC's records found when asked for. */
export interface PropertyLookup {
  get(id: number): RawProperty | undefined;
  has(id: number): boolean;
  keys(): Iterable<number>;
}

/** The code page of PT_UNICODE strings, UTF-16LE. [MS-OXCDATA] 2.11.1 */
export const UTF16LE = 1200;

/** A string property's bytes and their code page (UTF16LE for PT_UNICODE). */
export interface StoredString {
  bytes: Uint8Array;
  codepage: number;
}

/** A string property's value: up to its first NUL, in its code page. */
export function decodeStoredString(bytes: Uint8Array, codepage: number): string {
  return codepage === UTF16LE ? decodeUnicode(bytes) : stripNul(decodeString8(bytes, codepage));
}

/** A set of properties (a PC, or one TC row), read by id. */
export class PropertyBag {
  constructor(
    private readonly props: PropertyLookup,
    /** Code page for 8-bit strings: the message's, else the store's, else Windows-1252 (codepage.ts). */
    readonly codepage = WINDOWS_1252,
  ) {}

  /** The same properties, with 8-bit strings read in another code page. */
  withCodepage(codepage: number): PropertyBag {
    return codepage === this.codepage ? this : new PropertyBag(this.props, codepage);
  }

  has(id: number): boolean {
    return this.props.has(id);
  }

  raw(id: number): RawProperty | undefined {
    return this.props.get(id);
  }

  ids(): number[] {
    return [...this.props.keys()];
  }

  string(id: number): string | undefined {
    const r = this.storedString(id);
    return r && decodeStoredString(r.bytes, r.codepage);
  }

  /** A string property's bytes as stored, and how to read them (`decodeStoredString`): for a pass
   * that keeps many strings and shows few. The bytes may be a view: copy what you keep. */
  storedString(id: number): StoredString | undefined {
    const p = this.props.get(id);
    if (!p) return undefined;
    if (p.type === PropType.Unicode) return { bytes: p.bytes, codepage: UTF16LE };
    if (p.type === PropType.String8) return { bytes: p.bytes, codepage: this.codepage };
    return undefined;
  }

  binary(id: number): Uint8Array | undefined {
    const p = this.props.get(id);
    return p && (p.type === PropType.Binary || p.type === PropType.Object) ? p.bytes : undefined;
  }

  int(id: number): number | undefined {
    const p = this.props.get(id);
    if (!p) return undefined;
    switch (p.type) {
      case PropType.Int16:
        return p.bytes.length >= 2 ? (u16(p.bytes, 0) << 16) >> 16 : undefined;
      case PropType.Int32:
      case PropType.ErrorCode:
        return p.bytes.length >= 4 ? i32(p.bytes, 0) : undefined;
      case PropType.Int64:
        return p.bytes.length >= 8 ? Number(BigInt.asIntN(64, u64(p.bytes, 0))) : undefined;
      case PropType.Boolean:
        return p.bytes.length >= 1 ? p.bytes[0]! : undefined;
      default:
        return undefined;
    }
  }

  time(id: number): Date | undefined {
    const ms = this.timeMillis(id);
    return ms === undefined ? undefined : new Date(ms);
  }

  /** A PT_SYSTIME as milliseconds since 1970 (filetimeMillis): `time` without a Date. */
  timeMillis(id: number): number | undefined {
    const p = this.props.get(id);
    if (!p || p.type !== PropType.SysTime || p.bytes.length < 8) return undefined;
    return filetimeMillis(p.bytes, 0);
  }

  /** Multi-valued binary or string: count, offsets, data. [MS-PST] 2.3.3.4.2 */
  multi(id: number): Uint8Array[] | undefined {
    const p = this.props.get(id);
    if (!p || (p.type & 0x1000) === 0 || p.bytes.length < 4) return undefined;
    const b = p.bytes;
    const n = u32(b, 0);
    if (4 + n * 4 > b.length) return undefined;
    const out: Uint8Array[] = [];
    for (let k = 0; k < n; k++) {
      const start = u32(b, 4 + 4 * k);
      const end = k + 1 < n ? u32(b, 8 + 4 * k) : b.length;
      if (start > end || end > b.length) return undefined;
      out.push(b.subarray(start, end));
    }
    return out;
  }
}
