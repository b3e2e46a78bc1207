// One mail account key (`9375CFF0413111d3B88A00104B2A6676\<8 hex digits>`) read into facts. The
// profile values are undocumented: strings are REG_BINARY UTF-16LE (Outlook 2010) or REG_SZ (later),
// numbers are DWORDs; a value of another type is noted, not guessed at.

import { REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_SZ, RegistryFormatError, typeName, type RegistryWarnings, type RegKey, type RegValue } from '../registry/index.js';
import { decodeDeliveryFolder, decodeDeliveryStore, type DeliveryFolder, type DeliveryStore } from './entryids.js';
import { decodeLeavePolicy, type LeavePolicy } from './policy.js';

/** The account class ids Outlook writes in `clsid`. */
const KINDS: Record<string, AccountKind> = {
  '{ED475411-B0D6-11D2-8C3B-00104B2A6676}': 'pop3',
  '{ED475412-B0D6-11D2-8C3B-00104B2A6676}': 'imap4',
  '{ED475414-B0D6-11D2-8C3B-00104B2A6676}': 'mapi',
};

export type AccountKind = 'pop3' | 'imap4' | 'mapi' | 'other';

const STRINGS = {
  accountName: 'Account Name',
  displayName: 'Display Name',
  email: 'Email',
  pop3Server: 'POP3 Server',
  pop3User: 'POP3 User',
  smtpServer: 'SMTP Server',
} as const;

const NUMBERS = {
  pop3Port: 'POP3 Port',
  pop3UseSsl: 'POP3 Use SSL',
  smtpPort: 'SMTP Port',
  smtpUseAuth: 'SMTP Use Auth',
  smtpSecureConnection: 'SMTP Secure Connection',
} as const;

export interface Account {
  /** The account key's name: 8 hex digits. */
  id: string;
  /** The key's path in the hive, from the root. */
  keyPath: string;
  /** The key's last-write time: when the account was created or last changed. */
  lastWritten?: string;
  kind: AccountKind;
  clsid?: string;
  accountName?: string;
  displayName?: string;
  email?: string;
  pop3Server?: string;
  pop3User?: string;
  smtpServer?: string;
  pop3Port?: number;
  pop3UseSsl?: number;
  smtpPort?: number;
  smtpUseAuth?: number;
  smtpSecureConnection?: number;
  /** PROP_ACCT_MINI_UID as 8 lower-case hex digits. */
  miniUid?: string;
  /** POP3 only: the history attachment's name by Microsoft's rule `"Blob%.8x"` of the Mini UID. */
  blobName?: string;
  leaveOnServer?: LeavePolicy;
  deliveryStore?: DeliveryStore;
  deliveryFolder?: DeliveryFolder;
  /** `POP3 Password` is present (a DPAPI blob): never decrypted, never shown. */
  passwordStored: boolean;
  /** Values present with a type this reader does not take for that name. */
  notes: string[];
}

/** A string value: REG_SZ, or REG_BINARY holding UTF-16LE; both end at the first NUL. */
function stringOf(v: RegValue, notes: string[]): string | undefined {
  if (v.type !== REG_SZ && v.type !== REG_EXPAND_SZ && v.type !== REG_BINARY) {
    notes.push(`"${v.name}" is ${typeName(v.type)}, not a string; left out`);
    return undefined;
  }
  const s = v.data().toString('utf16le');
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function dwordOf(v: RegValue, notes: string[]): number | undefined {
  const d = v.data();
  if (v.type !== REG_DWORD || d.length !== 4) {
    notes.push(`"${v.name}" is ${typeName(v.type)} of ${d.length} bytes, not a DWORD; left out`);
    return undefined;
  }
  return d.readUInt32LE(0);
}

function binaryOf(v: RegValue, notes: string[]): Buffer | undefined {
  if (v.type !== REG_BINARY) {
    notes.push(`"${v.name}" is ${typeName(v.type)}, not binary; left out`);
    return undefined;
  }
  return v.data();
}

/** Reads the values' facts; one that cannot be read is a note on the account and a warning of the hive, both naming its offset. */
function factReader(notes: string[], warnings: RegistryWarnings) {
  return <T>(v: RegValue | undefined, read: (v: RegValue, notes: string[]) => T | undefined): T | undefined => {
    if (v === undefined) return undefined;
    try {
      return read(v, notes);
    } catch (e) {
      if (!(e instanceof RegistryFormatError)) throw e;
      notes.push(`"${v.name}": ${e.describe()}`);
      warnings.fromError(e, `account value "${v.name}"`);
      return undefined;
    }
  };
}

export function readAccount(key: RegKey, keyPath: string, warnings: RegistryWarnings): Account {
  const byName = new Map(key.values().map((v) => [v.name.toUpperCase(), v]));
  const get = (name: string): RegValue | undefined => byName.get(name.toUpperCase());
  const notes: string[] = [];
  const fact = factReader(notes, warnings);
  const clsid = fact(get('clsid'), stringOf);
  const account: Account = { id: key.name, keyPath, kind: KINDS[clsid?.toUpperCase() ?? ''] ?? 'other', passwordStored: get('POP3 Password') !== undefined, notes };
  if (key.lastWritten) account.lastWritten = key.lastWritten.toISOString();
  if (clsid !== undefined) account.clsid = clsid;
  for (const [field, name] of Object.entries(STRINGS) as [keyof typeof STRINGS, string][]) {
    const s = fact(get(name), stringOf);
    if (s !== undefined) account[field] = s;
  }
  for (const [field, name] of Object.entries(NUMBERS) as [keyof typeof NUMBERS, string][]) {
    const n = fact(get(name), dwordOf);
    if (n !== undefined) account[field] = n;
  }
  const miniUid = fact(get('Mini UID'), dwordOf);
  if (miniUid !== undefined) {
    account.miniUid = miniUid.toString(16).padStart(8, '0');
    // The history attachment is named from the Mini UID only for POP3 accounts.
    if (account.kind === 'pop3') account.blobName = `Blob${account.miniUid}`;
  }
  const leave = fact(get('Leave on Server'), dwordOf);
  if (leave !== undefined) account.leaveOnServer = decodeLeavePolicy(leave);
  const store = fact(get('Delivery Store EntryID'), binaryOf);
  if (store !== undefined) account.deliveryStore = decodeDeliveryStore(store);
  const folder = fact(get('Delivery Folder EntryID'), binaryOf);
  if (folder !== undefined) {
    const decoded = decodeDeliveryFolder(folder);
    if (decoded) account.deliveryFolder = decoded;
    else notes.push(`"Delivery Folder EntryID" holds ${folder.length} bytes, not the 24 of flags, record key and NID; left out`);
  }
  return account;
}
