// The contract's records of POP3 downloads outside the tags (report@3): the rule that gave a download
// to an account, a .msg's messages with a POP3 origin, a store's downloads no history accounts for.

/**
 * account-name / account-stamp: the message names the account (PidLidInternetAccountName, else the
 * stamp); server: its server is the one this account's matched tags came from, and no other account's;
 * only-history: the store holds one POP3 history, and nothing names the server for another account.
 */
export type AttributionRule = 'account-name' | 'account-stamp' | 'server' | 'only-history';

/** A message of a .msg file with a POP3 origin (PidLidRemoteEntryId `POP://server/UID`). */
export interface MsgDownload {
  /** `top`, or the embedded-message attachments leading to it: `embedded 1 / embedded 0`. */
  location: string;
  server: string;
  uid: string;
  unescapedUid?: string;
  account?: string;
  accountStamp?: string;
  messageClass?: string;
  created?: string;
  delivered?: string;
  messageId?: string;
  subject?: string;
}

/** POP3 downloads from one server: message count, UIDs (earliest delivered first), delivery span, folders. */
export interface ServerDownloads {
  server: string;
  messages: number;
  uids: string[];
  firstDelivered?: string;
  lastDelivered?: string;
  folders: string[];
}
