// A PST EntryID: rgbFlags (4), the store's provider UID (16), then the NID. [MS-PST] 2.2.2.2 / 2.4.3.2

import { u32 } from '../file/bytes.js';
import { asNid, type Nid } from '../ndb/ids.js';

export function entryIdNid(entryId: Uint8Array | undefined): Nid | undefined {
  if (!entryId || entryId.length < 24) return undefined;
  return asNid(u32(entryId, 20));
}
