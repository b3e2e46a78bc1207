// The store's name-to-id map (NID 0x61, [MS-PST] 2.4.7): named properties (a property set GUID and
// a numeric LID or a string name) are stored under ids 0x8000 + index that differ from store to
// store, so a reader resolves (GUID, LID) to the id first.

import { u16, u32 } from '../file/bytes.js';
import { PstFormatError, type WarningSink } from '../file/errors.js';
import type { PropertyBag } from '../ltp/property.js';

/** A GUID as written in [MS-OXPROPS], upper case: `00062008-0000-0000-C000-000000000046`. */
export type Guid = string & { readonly __guid: 'Guid' };

export const PSETID_COMMON = '00062008-0000-0000-C000-000000000046' as Guid;
export const PSETID_REMOTE = '00062014-0000-0000-C000-000000000046' as Guid;
const PS_MAPI = '00020328-0000-0000-C000-000000000046' as Guid;
const PS_PUBLIC_STRINGS = '00020329-0000-0000-C000-000000000046' as Guid;

/** Named properties pophist reads, [MS-OXPROPS]. */
export const NamedProp = {
  RemoteEntryId: { guid: PSETID_REMOTE, lid: 0x8f01 },
  InternetAccountName: { guid: PSETID_COMMON, lid: 0x8580 },
  InternetAccountStamp: { guid: PSETID_COMMON, lid: 0x8581 },
} as const;

export interface NamedPropKey {
  guid: Guid;
  lid: number;
}

/** One entry of the map: the property id it is stored under and its name. */
export type NameEntry = { id: number; guid: Guid } & ({ kind: 'lid'; lid: number } | { kind: 'string'; name: string });

const NameidProp = { BucketCount: 0x0001, StreamGuid: 0x0002, StreamEntry: 0x0003, StreamString: 0x0004 } as const;

/** Data1..3 little-endian, the rest as stored. [MS-DTYP] 2.3.4 */
function guidFromBytes(b: Uint8Array, o: number): Guid {
  const x = Buffer.from(b.buffer, b.byteOffset + o, 16).toString('hex').toUpperCase();
  const le = (from: number, n: number): string => {
    let out = '';
    for (let i = from + n - 1; i >= from; i--) out += x.slice(2 * i, 2 * i + 2);
    return out;
  };
  return `${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${x.slice(16, 20)}-${x.slice(20, 32)}` as Guid;
}

export class NameToIdMap {
  private readonly byLid = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  constructor(readonly entries: readonly NameEntry[]) {
    for (const e of entries) {
      if (e.kind === 'lid') this.byLid.set(`${e.guid}|${e.lid}`, e.id);
      else this.byName.set(`${e.guid}|${e.name}`, e.id);
    }
  }

  /** The property id of (GUID, LID) in this store, or undefined when the store never used it. */
  id(key: NamedPropKey): number | undefined {
    return this.byLid.get(`${key.guid}|${key.lid}`);
  }

  idByName(guid: Guid, name: string): number | undefined {
    return this.byName.get(`${guid}|${name}`);
  }
}

/**
 * Reads the map from the PC of NID 0x61: a GUID stream (16 bytes each), an entry stream of NAMEID
 * records (8 bytes: dwPropertyID, wGuid with N in bit 0, wPropIdx) and a string stream (length,
 * UTF-16LE). [MS-PST] 2.4.7.1–2.4.7.3. A record that points outside its streams is a warning.
 */
export function readNameToIdMap(props: PropertyBag, warnings: WarningSink): NameToIdMap {
  const guids = props.binary(NameidProp.StreamGuid) ?? new Uint8Array(0);
  const stream = props.binary(NameidProp.StreamEntry) ?? new Uint8Array(0);
  const strings = props.binary(NameidProp.StreamString) ?? new Uint8Array(0);
  const entries: NameEntry[] = [];
  // A store has thousands of entries and a few GUIDs: each GUID's text is made once.
  const streamGuids: Guid[] = [];
  const bad = (k: number, why: string): void =>
    warnings.fromError(new PstFormatError('BAD_VALUE', `name-to-id entry ${k} ${why}`, { layer: 'messaging', id: 'nid 0x61' }), 'named properties');
  for (let k = 0; k + 8 <= stream.length; k += 8) {
    const dwPropertyId = u32(stream, k);
    const wGuid = u16(stream, k + 4);
    const id = 0x8000 + u16(stream, k + 6);
    const gi = wGuid >> 1;
    let guid: Guid;
    if (gi === 1) guid = PS_MAPI;
    else if (gi === 2) guid = PS_PUBLIC_STRINGS;
    else if (gi >= 3 && (gi - 3) * 16 + 16 <= guids.length) guid = streamGuids[gi - 3] ??= guidFromBytes(guids, (gi - 3) * 16);
    else {
      bad(k / 8, `names GUID index ${gi}, outside the GUID stream`);
      continue;
    }
    if ((wGuid & 1) === 0) {
      entries.push({ id, guid, kind: 'lid', lid: dwPropertyId });
      continue;
    }
    // A string name: dwPropertyID is its offset in the string stream. [MS-PST] 2.4.7.1
    const len = dwPropertyId + 4 <= strings.length ? u32(strings, dwPropertyId) : -1;
    if (len < 0 || dwPropertyId + 4 + len > strings.length) {
      bad(k / 8, `names a string at ${dwPropertyId}, outside the string stream`);
      continue;
    }
    const name = Buffer.from(strings.subarray(dwPropertyId + 4, dwPropertyId + 4 + len - (len % 2))).toString('utf16le');
    entries.push({ id, guid, kind: 'string', name });
  }
  return new NameToIdMap(entries);
}
