// The HTML page's part for --registry: the hives in "How this report was made", a section per source
// with each history's account (server, user, policy, what the tie rests on), and the policy findings
// as items of the source's findings. Every string from a hive goes through escapeHtml.

import { escapeHtml as h } from './html-escape.js';
import { accountName } from './table-registry.js';
import type { History, RegistryAccount, ReportOptions, Source } from './types.js';

/** Rows of "How this report was made": one per hive. */
export function registryMadeRows(o: ReportOptions): [string, string][] {
  return (o.registry ?? []).map((r) => [
    'registry hive',
    `${r.path} (sha256 ${r.sha256}; ${r.pop3Accounts} POP3 accounts${r.dirty ? '; dirty: its logs not applied' : ''}): settings as last written, not as at each download`,
  ]);
}

function accountRows(a: RegistryAccount, deliveryStore: boolean | undefined): [string, string | undefined][] {
  return [
    ['account', accountName(a)],
    ['POP3 server', a.pop3Server],
    ['POP3 user', a.pop3User],
    ['SMTP server', a.smtpServer],
    ['policy', a.policy ? `${a.policy.raw}: ${a.policy.words}` : 'no "Leave on Server" value'],
    ['delivery store', deliveryStore ? 'this store (its record key)' : a.deliveryPath ? `another: ${a.deliveryPath}` : undefined],
  ];
}

const dl = (rows: [string, string | undefined][]): string =>
  `<dl>${rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v!)}</dd>`)
    .join('')}</dl>`;

function historyAccount(hi: History, label: string): string {
  const r = hi.registry!;
  const rows: [string, string | undefined][] = r.status === 'tied' ? accountRows(r.accounts[0]!, r.deliveryStore) : [['account', r.status === 'ambiguous' ? `ambiguous: ${r.accounts.map(accountName).join('; ')}` : r.status === 'unnamed' ? 'the attachment names no Mini UID or address' : 'in none of the hives']];
  if (r.because && r.status !== 'not-in-hive') rows.push([`tied by ${r.rule}`, r.because]);
  return `<h4>${h(label)}</h4>${dl(rows)}`;
}

/** The source's registry section: its record key, whose delivery store it is, each history's account. */
export function* registrySection(s: Source, label: (hi: History) => string): Generator<string> {
  const r = s.registry;
  if (!r) return;
  yield '<h3>Account in the registry</h3>';
  const of = r.deliveryStoreOf.length > 0 ? r.deliveryStoreOf.map(accountName).join('; ') : 'no POP3 account in the hives';
  yield `<p>${r.recordKey ? `Record key <span class="mono">${h(r.recordKey)}</span>: the delivery store of ${h(of)}.` : 'A .msg has no record key: only the attachment names tie its histories.'}${r.automatic ? ` The history of Mini UID <span class="mono">${h(r.automatic)}</span> was ${s.histories.some((hi) => hi.selected) ? 'selected' : 'sought, and none selected (see the warnings)'}, as no account was named and the hives name this store's one POP3 account.` : ''}</p>`;
  for (const hi of s.histories) if (hi.registry) yield historyAccount(hi, label(hi));
}

/** A history's policy findings as items of the source's findings list. */
export function* registryFindingItems(hi: History, who: string): Generator<string> {
  for (const f of hi.registry?.findings ?? []) {
    const tags = f.entries ? ` (tags ${f.entries.join(', ')})` : '';
    yield `<li class="${f.severity === 'warning' ? 'inconsistent' : ''}">${who}: ${h(f.code)}${tags}: ${h(f.evidence)}. <span class="muted">Rule: ${h(f.rule)}. Contradicted by: ${h(f.contradictedBy)}.</span></li>`;
  }
}
