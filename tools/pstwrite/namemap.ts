// The name-to-id map of a written store ([MS-PST] 2.4.7, NID 0x61): each (property set GUID, LID)
// a message uses gets the next id from 0x8000, recorded in the GUID and entry streams and in its
// hash bucket. Numeric names only: the samples need no string names.

import { NamedProp, type NamedPropKey } from '../../src/pst/messaging/namedprops.js';
import { P, type PropValue } from './props.js';

/** A named property's value: its name, and its type and bytes as stored. */
export interface NamedValue {
  name: NamedPropKey;
  type: number;
  bytes: Uint8Array;
}

const BUCKETS = 251;

/** The GUID's bytes, Data1..3 little-endian. [MS-DTYP] 2.3.4 */
function guidBytes(guid: string): Uint8Array {
  const h = guid.replace(/-/g, '');
  const le = (s: string): Buffer => Buffer.from(s, 'hex').reverse();
  return new Uint8Array(Buffer.concat([le(h.slice(0, 8)), le(h.slice(8, 12)), le(h.slice(12, 16)), Buffer.from(h.slice(16), 'hex')]));
}

export class NameMapBuilder {
  private readonly guids: string[] = [];
  private readonly entries: { lid: number; guidIndex: number }[] = [];
  private readonly ids = new Map<string, number>();

  constructor() {
    // Every store maps PidLidInternetAccountName first, as the writer always has.
    this.id(NamedProp.InternetAccountName);
  }

  /** The property id of (GUID, LID) in this store, assigned on first use. */
  id(key: NamedPropKey): number {
    const k = `${key.guid}|${key.lid}`;
    let id = this.ids.get(k);
    if (id === undefined) {
      let g = this.guids.indexOf(key.guid);
      if (g < 0) g = this.guids.push(key.guid) - 1;
      id = 0x8000 + this.entries.length;
      this.entries.push({ lid: key.lid, guidIndex: g + 3 }); // 1 and 2 are PS_MAPI and PS_PUBLIC_STRINGS
      this.ids.set(k, id);
    }
    return id;
  }

  /** Named values as ordinary properties under this store's ids. */
  resolve(values: readonly NamedValue[]): PropValue[] {
    return values.map((v) => ({ id: this.id(v.name), type: v.type, bytes: v.bytes }));
  }

  /** The PC of NID 0x61: bucket count, the three streams, and the hash buckets. [MS-PST] 2.4.7 */
  props(): PropValue[] {
    const record = (e: { lid: number; guidIndex: number }, i: number): Buffer => {
      const b = Buffer.alloc(8);
      b.writeUInt32LE(e.lid, 0); // dwPropertyID
      b.writeUInt16LE(e.guidIndex << 1, 4); // wGuid, N = 0 (numeric)
      b.writeUInt16LE(i, 6); // wPropIdx
      return b;
    };
    const buckets = new Map<number, Buffer[]>();
    this.entries.forEach((e, i) => {
      // Numeric names hash as dwPropertyID XOR (wGuid << 1). [MS-PST] 2.4.7.6
      const bucket = 0x1000 + (((e.lid ^ (e.guidIndex << 1)) >>> 0) % BUCKETS);
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), record(e, i)]);
    });
    return [
      P.int32(0x0001, BUCKETS),
      P.binary(0x0002, new Uint8Array(Buffer.concat(this.guids.map(guidBytes)))),
      P.binary(0x0003, new Uint8Array(Buffer.concat(this.entries.map(record)))),
      P.binary(0x0004, new Uint8Array(4)), // string stream: one empty entry; readers reject an empty stream
      ...[...buckets].map(([id, recs]) => P.binary(id, new Uint8Array(Buffer.concat(recs)))),
    ];
  }
}
