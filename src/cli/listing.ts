// `pophist ls`: what a store's folder tree holds, as data (the contract `pophist/ls@2`, @2 adding `sha256`;
// schema/ls.schema.json) and as the indented text people read. Damage is recorded where it is met
// and the walk goes on.

import { formatNid, PstFormatError, type Nid, type PstStore } from '../pst/index.js';
import { escapeText } from '../report/index.js';

export const LS_SCHEMA = 'pophist/ls@2';

export interface ListingError {
  code: string;
  message: string;
  layer?: string;
  id?: string;
  offset?: number;
}

export type AssociatedMessage = { nid: string; messageClass?: string; subject?: string; attachments: number } | { nid: string; error: ListingError };

export interface FolderListing {
  /** Display names from the root down; the root folder is []. */
  path: string[];
  nid: string;
  /** Rows of the contents and associated contents tables; absent when the tables could not be read. */
  messages?: number;
  associated?: number;
  error?: ListingError;
  /** With --fai: each folder-associated message. */
  associatedMessages?: AssociatedMessage[];
}

export interface StoreListing {
  path: string;
  /** With --hash (@2). */
  sha256?: string;
  status: 'listed' | 'error';
  error?: ListingError;
  displayName?: string;
  format?: PstStore['format'];
  folders: FolderListing[];
  warnings: ListingError[];
}

export interface LsReport {
  schema: typeof LS_SCHEMA;
  tool: { name: 'pophist'; version: string };
  stores: StoreListing[];
}

export function listingError(e: PstFormatError): ListingError {
  const out: ListingError = { code: e.code, message: e.message };
  if (e.layer !== undefined) out.layer = e.layer;
  if (e.id !== undefined) out.id = e.id;
  if (e.offset !== undefined) out.offset = e.offset;
  return out;
}

function associatedMessage(store: PstStore, nid: Nid): AssociatedMessage {
  try {
    const m = store.message(nid);
    const out: AssociatedMessage = { nid: formatNid(nid), attachments: m.attachments(store.warnings).length };
    if (m.messageClass !== undefined) out.messageClass = m.messageClass;
    if (m.subject !== undefined) out.subject = m.subject;
    return out;
  } catch (e) {
    if (!(e instanceof PstFormatError)) throw e;
    return { nid: formatNid(nid), error: listingError(e) };
  }
}

export function listStore(path: string, store: PstStore, opts: { fai: boolean }): StoreListing {
  const folders: FolderListing[] = [];
  for (const folder of store.walk()) {
    const f: FolderListing = { path: [...folder.path], nid: formatNid(folder.nid) };
    try {
      f.messages = folder.messageNids().length;
      const associated = folder.associatedNids();
      f.associated = associated.length;
      if (opts.fai) f.associatedMessages = associated.map((nid) => associatedMessage(store, nid));
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      f.error = listingError(e);
    }
    folders.push(f);
  }
  const listing: StoreListing = { path, status: 'listed', format: { ...store.format }, folders, warnings: store.warnings.list.map((w) => ({ ...w })) };
  if (store.displayName !== undefined) listing.displayName = store.displayName;
  return listing;
}

export function errorListing(path: string, error: ListingError): StoreListing {
  return { path, status: 'error', error, folders: [], warnings: [] };
}

const where = (e: ListingError): string => {
  const parts = [e.layer, e.id, e.offset === undefined ? undefined : `offset ${e.offset}`].filter((p) => p !== undefined);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

/** The indented tree: `!` lines for damage, `·` lines for folder-associated messages. */
export function listingLines(l: StoreListing): string[] {
  if (l.status === 'error') return [`! ${escapeText(l.error?.message ?? 'cannot be listed')}${l.error ? where(l.error) : ''}`];
  const cp = l.format?.codepage ? `, code page ${l.format.codepage}` : '';
  const lines = [`store "${escapeText(l.displayName ?? '')}" (${l.format?.variant}, encryption ${l.format?.encryption}${cp})`];
  if (l.sha256) lines.push(`sha256 ${l.sha256}`);
  for (const f of l.folders) {
    const indent = '  '.repeat(f.path.length);
    const name = f.path.length === 0 ? '/' : escapeText(f.path[f.path.length - 1]!);
    const counts = f.error ? `unreadable (${escapeText(f.error.message)}${where(f.error)})` : `${f.messages} messages, ${f.associated} associated`;
    lines.push(`${indent}${name}  [${f.nid}]  ${counts}`);
    for (const m of f.associatedMessages ?? []) {
      if ('error' in m) lines.push(`${indent}  ! ${m.nid}: ${escapeText(m.error.message)}${where(m.error)}`);
      else lines.push(`${indent}  · ${escapeText(m.messageClass ?? '(no class)')}  "${escapeText(m.subject ?? '')}"  [${m.nid}, ${m.attachments} attachments]`);
    }
  }
  for (const w of l.warnings) lines.push(`! ${escapeText(w.message)}${where(w)}`);
  return lines;
}
