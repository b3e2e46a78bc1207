// The table's lines for --registry: the hives in the header, each store's delivery accounts, each
// history's account (server, user, policy, what the tie rests on) and its policy findings. Every
// string from a hive goes through escapeText.

import { escapePath, escapeText } from './escape.js';
import { paint, type TableView } from './table-layout.js';
import type { History, RegistryAccount, ReportOptions, Source } from './types.js';

const e = (s: string | undefined): string => escapeText(s ?? '');
const HUE = { info: 'cyan', warning: 'yellow' } as const;

/** `"Work POP3" <alice@example.com> (profile "Outlook", account 00000002, key written …)`, as text each format escapes. */
export function accountName(a: RegistryAccount): string {
  const email = a.email ? ` <${a.email}>` : '';
  return `"${a.accountName ?? '(no name)'}"${email} (profile "${a.profile}", account ${a.id}${a.lastWritten ? `, key written ${a.lastWritten}` : ''})`;
}
const named = (a: RegistryAccount): string => e(accountName(a));

/** The header's part: each hive, its POP3 accounts, and whether it is dirty. */
export function registryHeaderPart(o: ReportOptions): string | undefined {
  if (!o.registry) return undefined;
  const hives = o.registry.map((h) => `${escapePath(h.path, false)} (${h.pop3Accounts} POP3 account${h.pop3Accounts === 1 ? '' : 's'}${h.dirty ? ', dirty: its logs not applied' : ''}${h.warnings ? `, ${h.warnings.length} warning${h.warnings.length === 1 ? '' : 's'}` : ''})`);
  return `registry ${hives.join(', ')}: settings as last written, not as at each download`;
}

/** The source's line: the store's record key and the accounts it is the delivery store of. */
export function sourceRegistryLines(s: Source): string[] {
  const r = s.registry;
  if (!r) return [];
  const key = r.recordKey ? `record key ${r.recordKey}` : 'no record key (a .msg)';
  const of = r.deliveryStoreOf.length > 0 ? `the delivery store of ${r.deliveryStoreOf.map(named).join('; ')}` : 'the delivery store of no POP3 account in the hives';
  const lines = [`  Registry: ${key}: ${of}`];
  // Selected as --account-uid would: Outlook's choice may still find no history for it (NOTHING_SELECTED).
  const chosen = s.histories.some((h) => h.selected) ? 'selected' : 'sought, and none selected (see the warning)';
  if (r.automatic) lines.push(`  Registry: the history of Mini UID ${r.automatic} ${chosen}, as no account was named and the hives name this store's one POP3 account`);
  return lines;
}

function accountLines(a: RegistryAccount, deliveryStore: boolean | undefined): string[] {
  const p = a.policy;
  return [
    `    account ${named(a)}${deliveryStore ? ': this store is its delivery store' : deliveryStore === false ? `: its delivery store is another (${e(a.deliveryPath ?? 'no path')})` : ''}`,
    `      POP3 ${e(a.pop3Server ?? '(no server)')}, user ${e(a.pop3User ?? '(no user)')}; SMTP ${e(a.smtpServer ?? '(no server)')}`,
    `      policy ${p ? `${p.raw}: ${e(p.words)}` : 'no "Leave on Server" value'}`,
  ];
}

/** A history's account in the hives and its policy findings, after its account line. */
export function historyRegistryLines(h: History, view: TableView): string[] {
  const r = h.registry;
  if (!r) return [];
  const lines: string[] = [];
  if (r.status === 'tied') lines.push(...accountLines(r.accounts[0]!, r.deliveryStore));
  else if (r.status === 'ambiguous') lines.push(`    account: ambiguous, ${r.accounts.length} accounts have this name: ${r.accounts.map(named).join('; ')}`);
  else if (r.status === 'unnamed') lines.push('    account: the attachment names no Mini UID or address to tie it by');
  else lines.push('    account: in none of the hives (see the finding)');
  if (r.because && r.status !== 'not-in-hive') lines.push(`      tied by ${r.rule}: ${r.because}`);
  for (const f of r.findings) {
    const entries = f.entries ? ` (tags ${f.entries.join(', ')})` : '';
    lines.push(`    ${paint(f.severity, HUE[f.severity], view)}: ${f.code}${entries}: ${e(f.evidence)}`);
    lines.push(`      rule: ${e(f.rule)}; contradicted by: ${e(f.contradictedBy)}`);
  }
  return lines;
}
