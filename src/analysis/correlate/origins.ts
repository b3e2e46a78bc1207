// Every message of a store that carries a readable POP3 origin (PidLidRemoteEntryId, docs/format.md §4):
// its server, its UID as written, the account that downloaded it and where it lies. A case joins these
// across inputs by remote id, whatever history (or none) the store holds.

import type { StoreMessage, StoreMessages } from './message-facts.js';

export interface OriginFinding {
  server: string;
  /** The UID as the remote id writes it. */
  uid: string;
  /** The account (lower case), from PidLidInternetAccountName or its stamp. */
  account?: string;
  message: StoreMessage;
}

export function messageOrigins(messages: StoreMessages): OriginFinding[] {
  const out: OriginFinding[] = [];
  for (const i of messages.downloaded()) {
    const found: OriginFinding = { server: messages.server(i)!, uid: messages.uid(i)!, message: messages.describe(i) };
    const account = messages.account(i);
    if (account !== undefined) found.account = account;
    out.push(found);
  }
  return out;
}
