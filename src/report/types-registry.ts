// The contract's records of users' registry hives (inspect --registry; see types.ts for the contract
// as a whole, docs/registry.md for what each field proves and what it does not).

/** A hive the run read, in the header: the accounts are its settings when it was last written. */
export interface RegistryHive {
  path: string;
  sha256: string;
  /** Its transaction logs were not applied: recent changes may be missing. */
  dirty?: true;
  pop3Accounts: number;
  warnings?: string[];
}

/** PROP_POP_LEAVE_ON_SERVER decoded. */
export interface LeavePolicy {
  raw: string;
  leaveCopy: boolean;
  removeAfterDays?: number;
  removeWhenDeletedFromDeletedItems: boolean;
  words: string;
}

/** One mail account of a hive. The password is never reported. */
export interface RegistryAccount {
  hive: string;
  profile: string;
  id: string;
  keyPath: string;
  kind: 'pop3' | 'imap4' | 'mapi' | 'other';
  accountName?: string;
  email?: string;
  pop3Server?: string;
  pop3User?: string;
  smtpServer?: string;
  miniUid?: string;
  policy?: LeavePolicy;
  /** The store record key from `Delivery Folder EntryID`. */
  deliveryRecordKey?: string;
  deliveryPath?: string;
  /** The account key's last-write time: its settings were last created or changed then. */
  lastWritten?: string;
}

/** A store (or .msg) against the hives. */
export interface SourceRegistry {
  /** The store's own record key (PR_RECORD_KEY); absent for a .msg. */
  recordKey?: string;
  /** The POP3 accounts whose Delivery Folder EntryID holds that record key: this is their delivery store. */
  deliveryStoreOf: RegistryAccount[];
  /** The Mini UID Outlook's choice was sought by, as --account-uid would, because the hives name this store's one POP3 account (`selected` on a history says what it found). */
  automatic?: string;
}

export type PolicyFindingCode = 'kept-past-removal' | 'deleted-under-leave-on-server' | 'left-under-no-leave' | 'account-not-in-hive';

export interface PolicyFinding {
  code: PolicyFindingCode;
  severity: 'info' | 'warning';
  /** The rule the finding rests on. */
  rule: string;
  /** What was seen, with its numbers, and the key's last-write time. */
  evidence: string;
  /** What would contradict it. */
  contradictedBy: string;
  /** The entries concerned. */
  entries?: number[];
  /** The account key's last-write time: the policy may have changed since. */
  keyWritten?: string;
}

/** A history's account in the hives. */
export interface HistoryRegistry {
  /** `tied`: one account; `ambiguous`: several have its name and the store delivers for none or several; `not-in-hive`; `unnamed`: no name to tie by. */
  status: 'tied' | 'ambiguous' | 'not-in-hive' | 'unnamed';
  rule?: 'mini-uid' | 'additional-info' | 'smtp-address';
  /** The naming rule the tie rests on, in words. */
  because?: string;
  accounts: RegistryAccount[];
  /** With `tied`: this store is the account's delivery store (its record key). */
  deliveryStore?: boolean;
  findings: PolicyFinding[];
}
