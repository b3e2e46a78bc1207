// The special folders a store names by entry id: Sent Items, Outbox and Deleted Items on the message
// store ([MS-OXOSFLD] 2.2.1: PR_IPM_SENTMAIL_ENTRYID, PR_IPM_OUTBOX_ENTRYID, PR_IPM_WASTEBASKET_ENTRYID),
// Drafts on the root folder and the Inbox (PR_IPM_DRAFTS_ENTRYID, [MS-OXOSFLD] 2.2.2).

import type { Nid } from '../ndb/ids.js';
import { entryIdNid } from './entryid.js';
import type { Folder } from './folder.js';
import { PropId } from './proptags.js';
import type { PstStore } from './store.js';

export type FolderRole = 'sent-items' | 'outbox' | 'drafts' | 'deleted-items';

export function folderRoles(store: PstStore, folders: readonly Folder[], inboxNid: Nid | undefined): Map<Nid, FolderRole> {
  const roles = new Map<Nid, FolderRole>();
  const set = (nid: Nid | undefined, role: FolderRole): void => {
    if (nid !== undefined && !roles.has(nid)) roles.set(nid, role);
  };
  set(entryIdNid(store.props.binary(PropId.IpmSentMailEntryId)), 'sent-items');
  set(entryIdNid(store.props.binary(PropId.IpmOutboxEntryId)), 'outbox');
  set(entryIdNid(store.props.binary(PropId.IpmWastebasketEntryId)), 'deleted-items');
  for (const f of folders) {
    if (f.path.length === 0 || f.nid === inboxNid) set(entryIdNid(f.props.binary(PropId.IpmDraftsEntryId)), 'drafts');
  }
  return roles;
}

/** The folders at or below the store's IPM subtree, found through each folder's parent. */
export function ipmFolders(store: PstStore, folders: readonly Folder[]): Set<Nid> {
  const ipm = store.ipmSubtreeNid();
  const inside = new Set<Nid>();
  // The walk lists a parent before its children.
  for (const f of folders) if (f.nid === ipm || (f.parentNid !== undefined && inside.has(f.parentNid))) inside.add(f.nid);
  return inside;
}
