// The account's delivery location. `Delivery Store EntryID` is a store entry id ([MS-OXCDATA] 2.2.4.3,
// wrapped for a PST): the provider DLL as ASCII, then the file's path (ANSI, or UTF-16LE in Unicode
// stores). `Delivery Folder EntryID` is 24 bytes: 4 flag bytes, the store's 16-byte record key, the
// folder's 4-byte NID. Both layouts are undocumented for the registry; variations are read, not refused.

export interface DeliveryStore {
  /** The provider DLL named in the entry id, e.g. `mspst.dll`. */
  provider?: string;
  /** The store file's path as Outlook recorded it on the user's machine. */
  path?: string;
  hex: string;
}

export interface DeliveryFolder {
  /** The store's record key (PR_RECORD_KEY), 32 upper-case hex digits. */
  storeRecordKey: string;
  /** The folder's NID, `0x8082` for a PST's Inbox. */
  folderNid: string;
  hex: string;
}

const hexOf = (b: Buffer): string => b.toString('hex').toUpperCase();
/** Where the provider DLL's name starts: after flags (4), provider UID (16), version (1) and flag (1). */
const DLL_AT = 22;
const PATH = /(?:[A-Za-z]:\\|\\\\)[^\0]{1,1024}/g;

function asciiPath(b: Buffer): string | undefined {
  return b.toString('latin1').match(PATH)?.[0];
}

function utf16Path(b: Buffer): string | undefined {
  // Both alignments: the wrapped part need not start on an even byte.
  const found = [b, b.subarray(1)].flatMap((s) => s.subarray(0, s.length - (s.length % 2)).toString('utf16le').match(PATH) ?? []);
  return found.sort((x, y) => y.length - x.length)[0];
}

export function decodeDeliveryStore(b: Buffer): DeliveryStore {
  const out: DeliveryStore = { hex: hexOf(b) };
  const end = b.indexOf(0, DLL_AT);
  if (end > DLL_AT) {
    const dll = b.toString('latin1', DLL_AT, end);
    if (/^[\x20-\x7e]+$/.test(dll)) out.provider = dll;
  }
  const tail = b.subarray(end > 0 ? end : 0);
  // A Unicode store holds the path as UTF-16LE; the ANSI path is a fallback.
  const path = utf16Path(tail) ?? asciiPath(tail);
  if (path !== undefined) out.path = path;
  return out;
}

export function decodeDeliveryFolder(b: Buffer): DeliveryFolder | undefined {
  if (b.length !== 24) return undefined;
  return { storeRecordKey: hexOf(b.subarray(4, 20)), folderNid: `0x${b.readUInt32LE(20).toString(16).toUpperCase()}`, hex: hexOf(b) };
}
