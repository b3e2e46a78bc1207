// Every message of a store that carries a readable POP3 origin (PidLidRemoteEntryId, docs/format.md §4):
// its server, its UID as written, the account that downloaded it and where it lies. A case joins these
// across inputs by remote id, whatever history (or none) the store holds.

import { LazyList } from '../lazy-list.js';
import type { StoreMessages } from './message-facts.js';
import type { MessagePlace } from './store-message.js';

export interface OriginFinding {
  server: string;
  /** The UID as the remote id writes it. */
  uid: string;
  /** The account (lower case), from PidLidInternetAccountName or its stamp. */
  account?: string;
  message: MessagePlace;
}

/** Made one at a time as the list is walked: a case keeps them in columns, never 100,000 objects at once. */
export function messageOrigins(messages: StoreMessages): LazyList<OriginFinding> {
  const rows = Uint32Array.from(messages.downloaded());
  return new LazyList(rows.length, (k) => {
    const i = rows[k]!;
    const found: OriginFinding = { server: messages.server(i)!, uid: messages.uid(i)!, message: messages.place(i) };
    const account = messages.account(i);
    if (account !== undefined) found.account = account;
    return found;
  });
}
