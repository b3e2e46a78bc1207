// Node and block identifiers, [MS-PST] 2.2.2.1 (NID) and 2.2.2.2 (BID).

declare const nidBrand: unique symbol;
declare const bidBrand: unique symbol;

/** A 32-bit node id: low 5 bits are the node type, the rest the index. [MS-PST] 2.2.2.1 */
export type Nid = number & { readonly [nidBrand]: 'Nid' };
/** A block id. 64-bit in Unicode files, 32-bit in ANSI; bit 1 marks an internal block. [MS-PST] 2.2.2.2 */
export type Bid = bigint & { readonly [bidBrand]: 'Bid' };

export const asNid = (n: number): Nid => (n >>> 0) as Nid;
export const asBid = (b: bigint): Bid => b as Bid;

/** NID_TYPE values, [MS-PST] 2.2.2.1. */
export const NidType = {
  HID: 0x00,
  INTERNAL: 0x01,
  NORMAL_FOLDER: 0x02,
  SEARCH_FOLDER: 0x03,
  NORMAL_MESSAGE: 0x04,
  ATTACHMENT: 0x05,
  SEARCH_UPDATE_QUEUE: 0x06,
  SEARCH_CRITERIA_OBJECT: 0x07,
  ASSOC_MESSAGE: 0x08,
  CONTENTS_TABLE_INDEX: 0x0a,
  RECEIVE_FOLDER_TABLE: 0x0b,
  OUTGOING_QUEUE_TABLE: 0x0c,
  HIERARCHY_TABLE: 0x0d,
  CONTENTS_TABLE: 0x0e,
  ASSOC_CONTENTS_TABLE: 0x0f,
  SEARCH_CONTENTS_TABLE: 0x10,
  ATTACHMENT_TABLE: 0x11,
  RECIPIENT_TABLE: 0x12,
  SEARCH_TABLE_INDEX: 0x13,
  LTP: 0x1f,
} as const;

export const nidType = (nid: Nid): number => nid & 0x1f;
const nidIndex = (nid: Nid): number => nid >>> 5;
const makeNid = (type: number, index: number): Nid => asNid((index << 5) | type);

/** Special internal NIDs, [MS-PST] 2.4.1. */
export const SpecialNid = {
  MESSAGE_STORE: asNid(0x21),
  NAME_TO_ID_MAP: asNid(0x61),
  NORMAL_FOLDER_TEMPLATE: asNid(0xa1),
  SEARCH_FOLDER_TEMPLATE: asNid(0xc1),
  ROOT_FOLDER: asNid(0x122),
  SEARCH_MANAGEMENT_QUEUE: asNid(0x1e1),
  SEARCH_ACTIVITY_LIST: asNid(0x201),
  HIERARCHY_TABLE_TEMPLATE: asNid(0x60d),
  CONTENTS_TABLE_TEMPLATE: asNid(0x60e),
  ASSOC_CONTENTS_TABLE_TEMPLATE: asNid(0x60f),
  SEARCH_CONTENTS_TABLE_TEMPLATE: asNid(0x610),
  SMP_TEMPLATE: asNid(0x611),
  TOMBSTONE_TABLE_TEMPLATE: asNid(0x612),
  LREP_DUPS_TABLE_TEMPLATE: asNid(0x631),
  RECEIVE_FOLDER_TABLE: asNid(0x62b),
  OUTGOING_QUEUE_TABLE: asNid(0x64c),
  ATTACHMENT_TABLE: asNid(0x671),
  RECIPIENT_TABLE: asNid(0x692),
  CHANGE_HISTORY_TABLE: asNid(0x6b6),
  TOMBSTONE_TABLE: asNid(0x6d7),
  TOMBSTONE_DATE_TABLE: asNid(0x6f8),
  LREP_DUPS_TABLE: asNid(0x7ec),
  FOLDER_PATH_TOMBSTONE_TABLE: asNid(0x7ed),
} as const;

/** A folder's sibling tables share its index with another type. [MS-PST] 2.4.4 */
export const siblingNid = (nid: Nid, type: number): Nid => makeNid(type, nidIndex(nid));

export const formatNid = (nid: Nid): string => `0x${nid.toString(16).toUpperCase()}`;
export const formatBid = (bid: Bid): string => `0x${bid.toString(16).toUpperCase()}`;
