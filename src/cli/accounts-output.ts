// `pophist accounts` for people and spreadsheets: each hive's profiles, with every POP3 account's
// server, user, policy, expected Blob name and delivery store as text blocks, and one CSV row per
// account. The JSON form is the data itself (pophist/accounts@1).

import type { Account, HiveAccounts, HiveProblem } from '../accounts/index.js';
import { csvCell, escapeText } from '../report/index.js';

const KIND_WORDS: Record<Account['kind'], string> = { pop3: 'POP3', imap4: 'IMAP4', mapi: 'MAPI service', other: 'unknown class' };
const where = (p: HiveProblem): string => (p.offset === undefined ? '' : ` (offset ${p.offset})`);
const quoted = (s: string | undefined): string => (s === undefined ? '(no name)' : `"${escapeText(s)}"`);
const time = (iso: string | undefined): string => (iso === undefined ? 'unknown' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
const withPort = (host: string | undefined, port: number | undefined): string => `${escapeText(host ?? '(not set)')}${port === undefined ? '' : `:${port}`}`;

function accountLines(a: Account): string[] {
  if (a.kind !== 'pop3') return [`  ${a.id}  ${KIND_WORDS[a.kind]}  ${quoted(a.accountName)}  key written ${time(a.lastWritten)}`];
  const lines = [`  ${a.id}  POP3  ${quoted(a.accountName)}${a.email ? ` <${escapeText(a.email)}>` : ''}  key written ${time(a.lastWritten)}`];
  const add = (label: string, text: string): void => {
    lines.push(`    ${label.padEnd(12)} ${text}`);
  };
  add('server', `${withPort(a.pop3Server, a.pop3Port)}${a.pop3UseSsl === undefined ? '' : ` (POP3 Use SSL ${a.pop3UseSsl})`}, user ${escapeText(a.pop3User ?? '(not set)')}`);
  add('smtp', `${withPort(a.smtpServer, a.smtpPort)}${a.smtpUseAuth === undefined ? '' : `, auth ${a.smtpUseAuth}`}${a.smtpSecureConnection === undefined ? '' : `, secure connection ${a.smtpSecureConnection}`}`);
  add('policy', a.leaveOnServer ? `${a.leaveOnServer.raw}: ${a.leaveOnServer.words}` : 'no "Leave on Server" value');
  add('history', a.blobName ? `attachment ${a.blobName} (Mini UID ${a.miniUid}, by Microsoft's naming rule "Blob%.8x")` : 'no "Mini UID" value: the history attachment cannot be named');
  const store = a.deliveryStore;
  add('delivers to', store ? `${escapeText(store.path ?? '(no path found)')}${store.provider ? ` via ${escapeText(store.provider)}` : ''}` : 'no "Delivery Store EntryID" value');
  if (a.deliveryFolder) add('folder', `${a.deliveryFolder.folderNid} in the store with record key ${a.deliveryFolder.storeRecordKey}`);
  add('password', a.passwordStored ? 'stored (encrypted with DPAPI; not decrypted, not shown)' : 'not stored');
  for (const n of a.notes) add('note', escapeText(n));
  return lines;
}

/** The text blocks of one hive: its state, then each profile and its accounts; `!` lines for damage. */
export function accountsLines(h: HiveAccounts): string[] {
  if (h.status === 'error') return [`! ${escapeText(h.error?.message ?? 'cannot be read')}${h.error ? where(h.error) : ''}`];
  const state = h.hive!.dirty ? `dirty: sequence numbers ${h.hive!.primarySequence} and ${h.hive!.secondarySequence}, its .LOG1/.LOG2 not applied` : 'clean';
  const lines = [`hive ${h.hive!.version}, ${state}`];
  if (h.profiles.length === 0) lines.push('no Outlook profile');
  for (const p of h.profiles) {
    const layout = p.layout === 'office' ? `Outlook 2013+ layout, Office ${p.officeVersion}` : 'Outlook 97–2010 layout';
    const pop3 = p.accounts.filter((a) => a.kind === 'pop3').length;
    lines.push(`profile ${quoted(p.name)} (${layout}${p.isDefault ? ', default' : ''}): ${p.accounts.length} account${p.accounts.length === 1 ? '' : 's'}, ${pop3} POP3`);
    for (const a of p.accounts) lines.push(...accountLines(a));
  }
  for (const w of h.warnings) lines.push(`! ${escapeText(w.message)}${where(w)}`);
  return lines;
}

const COLUMNS = [
  'record', 'hive', 'status', 'message', 'offset', 'profile', 'profile_layout', 'office_version', 'default_profile',
  'account_id', 'kind', 'account_name', 'display_name', 'email', 'pop3_server', 'pop3_port', 'pop3_use_ssl', 'pop3_user',
  'smtp_server', 'smtp_port', 'smtp_use_auth', 'smtp_secure_connection', 'mini_uid', 'blob_name', 'leave_on_server',
  'leave_copy', 'remove_after_days', 'remove_when_deleted_from_deleted_items', 'policy', 'delivery_store_provider',
  'delivery_store_path', 'delivery_store_record_key', 'delivery_folder_nid', 'password_stored', 'key_written_utc', 'key_path', 'notes',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

const yesNo = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'yes' : 'no');

function accountRow(a: Account): Row {
  const p = a.leaveOnServer;
  return {
    account_id: a.id, kind: a.kind, account_name: a.accountName, display_name: a.displayName, email: a.email,
    pop3_server: a.pop3Server, pop3_port: a.pop3Port, pop3_use_ssl: a.pop3UseSsl, pop3_user: a.pop3User,
    smtp_server: a.smtpServer, smtp_port: a.smtpPort, smtp_use_auth: a.smtpUseAuth, smtp_secure_connection: a.smtpSecureConnection,
    mini_uid: a.miniUid, blob_name: a.blobName, leave_on_server: p?.raw, leave_copy: yesNo(p?.leaveCopy), remove_after_days: p?.removeAfterDays,
    remove_when_deleted_from_deleted_items: yesNo(p?.removeWhenDeletedFromDeletedItems), policy: p?.words,
    delivery_store_provider: a.deliveryStore?.provider, delivery_store_path: a.deliveryStore?.path,
    delivery_store_record_key: a.deliveryFolder?.storeRecordKey, delivery_folder_nid: a.deliveryFolder?.folderNid,
    password_stored: yesNo(a.passwordStored), key_written_utc: a.lastWritten, key_path: a.keyPath, notes: a.notes.length > 0 ? a.notes.join('; ') : undefined,
  };
}

/** RFC 4180: a header, then per hive a `hive` row, an `account` row per account, a `warning` row per warning. */
export function* accountsCsv(hives: readonly HiveAccounts[]): Generator<string> {
  const line = (r: Row): string => `${COLUMNS.map((k) => csvCell(r[k])).join(',')}\r\n`;
  yield `${COLUMNS.join(',')}\r\n`;
  for (const h of hives) {
    yield line({ record: 'hive', hive: h.path, status: h.status, message: h.error?.message, offset: h.error?.offset });
    for (const p of h.profiles) {
      const profile: Row = { hive: h.path, profile: p.name, profile_layout: p.layout, office_version: p.officeVersion, default_profile: yesNo(p.isDefault) };
      for (const a of p.accounts) yield line({ record: 'account', ...profile, ...accountRow(a) });
    }
    for (const w of h.warnings) yield line({ record: 'warning', hive: h.path, status: w.code, message: w.message, offset: w.offset });
  }
}
