// The account's leave-on-server policy (`Leave on Server`, PROP_POP_LEAVE_ON_SERVER) against its
// history's tags, and a history whose account the hives do not hold. The policy is the one in force
// when the hive was last written: the account key's last-write time bounds when it last changed, so
// each finding says whether the tags it names came before or after that time (docs/registry.md).

import type { BlobEntry } from '../history/blob.js';
import { tagSeconds } from '../history/tag-time.js';
import type { KnownAccount, RegistryFacts } from './known-accounts.js';
import { TIE_RULES, type TieRule } from './tie-rules.js';
import { isoSeconds } from '../iso-time.js';

export type PolicyFindingCode = 'kept-past-removal' | 'deleted-under-leave-on-server' | 'left-under-no-leave' | 'account-not-in-hive';

export interface PolicyFinding {
  code: PolicyFindingCode;
  /** `warning`: the tags contradict the policy, which the key's time shows was in force then; `info`: it may have been set since, or the account is missing. */
  severity: 'info' | 'warning';
  /** The rule the finding rests on. */
  rule: string;
  /** What was seen, with its numbers. */
  evidence: string;
  /** What would contradict the finding. */
  contradictedBy: string;
  /** The entries (tag indices) concerned. */
  entries?: number[];
  /** The account key's last-write time: the policy may have changed since. */
  keyWritten?: string;
}

const DAY = 86_400;
/** Outlook removes expired copies at a send/receive, not to the second: a day's slack before a tag counts as kept too long. */
const REMOVAL_SLACK_DAYS = 1;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Said of every policy finding: whether the tags named came before the key's last write. */
function keyTime(account: KnownAccount, firstTag: number): { severity: PolicyFinding['severity']; said: string } {
  const k = account.lastWritten;
  if (k === undefined) return { severity: 'info', said: 'the account key has no last-write time: the policy may have been set after these tags' };
  if (Date.parse(k) / 1000 <= firstTag) {
    return { severity: 'warning', said: `the account key was last written at ${k}, before these tags: the policy has not changed since (unless the key's time was altered)` };
  }
  return { severity: 'info', said: `the account key was last written at ${k}, after the first of these tags: the policy may have been set or changed since` };
}

function made(code: PolicyFindingCode, account: KnownAccount, hits: readonly BlobEntry[], rule: string, evidence: string, contradictedBy: string): PolicyFinding {
  // A history holds up to 65,535 tags: no spread of them into one call.
  const first = hits.reduce((m, e) => Math.min(m, tagSeconds(e.timeRaw)), Infinity);
  const { severity, said } = keyTime(account, first);
  const f: PolicyFinding = { code, severity, rule, evidence: `${evidence}; ${said}`, contradictedBy, entries: hits.map((e) => e.index) };
  if (account.lastWritten !== undefined) f.keyWritten = account.lastWritten;
  return f;
}

/** Tags whose UID's last tag is still `downloaded` more than the policy's days (and the slack) before the history's last tag. */
function keptPastRemoval(account: KnownAccount, days: number, entries: readonly BlobEntry[]): PolicyFinding | undefined {
  const last = new Map<string, BlobEntry>();
  for (const e of entries) last.set(e.uid, e);
  const latest = entries.reduce((m, e) => Math.max(m, tagSeconds(e.timeRaw)), -Infinity);
  const limit = (days + REMOVAL_SLACK_DAYS) * DAY;
  const hits = [...last.values()].filter((e) => e.operation === 'downloaded' && latest - tagSeconds(e.timeRaw) > limit).sort((a, b) => a.index - b.index);
  if (hits.length === 0) return undefined;
  const oldest = hits.reduce((a, b) => (tagSeconds(b.timeRaw) < tagSeconds(a.timeRaw) ? b : a));
  const age = Math.floor((latest - tagSeconds(oldest.timeRaw)) / DAY);
  return made(
    'kept-past-removal',
    account,
    hits,
    `Leave on Server ${account.policy!.raw}: REMOVE_AFTER (0x2) with ${days} days: Outlook removes a downloaded message from the server ${days} days after its download, at a later send/receive, and its tag no longer reads downloaded`,
    `${plural(hits.length, 'UID')} still read downloaded (left on the server) more than ${days} days (and ${REMOVAL_SLACK_DAYS} day of slack) before the history's last tag at ${isoSeconds(latest)}, which shows Outlook checked this account then; the oldest, entry ${oldest.index} at ${isoSeconds(tagSeconds(oldest.timeRaw))}, ${age} days before it`,
    'a later delete tag for those UIDs; a policy without REMOVE_AFTER at the time (set since: see the key time); a server that refused the deletion',
  );
}

/** Policy findings of a tied account's history (its entries, none for Restags). */
function against(account: KnownAccount, entries: readonly BlobEntry[]): PolicyFinding[] {
  const p = account.policy;
  if (p === undefined || entries.length === 0) return [];
  const out: PolicyFinding[] = [];
  if (p.leaveCopy && p.removeAfterDays !== undefined) {
    const f = keptPastRemoval(account, p.removeAfterDays, entries);
    if (f) out.push(f);
  }
  const deleted = entries.filter((e) => e.operation === 'downloaded-and-deleted');
  if (p.leaveCopy && p.removeAfterDays === undefined && !p.removeWhenDeletedFromDeletedItems && deleted.length > 0) {
    out.push(
      made(
        'deleted-under-leave-on-server',
        account,
        deleted,
        `Leave on Server ${p.raw}: LEAVE_ON_SERVER (0x1) without REMOVE_AFTER or REMOVE_ON_NUKE: Outlook leaves every downloaded message on the server`,
        `${plural(deleted.length, 'tag')} read downloaded-and-deleted (deleted on the server at download), the first entry ${deleted[0]!.index} at ${isoSeconds(tagSeconds(deleted[0]!.timeRaw))}`,
        'a policy that did not leave a copy at the time of those tags (set since: see the key time)',
      ),
    );
  }
  const left = entries.filter((e) => e.operation === 'downloaded');
  if (!p.leaveCopy && left.length > 0) {
    out.push(
      made(
        'left-under-no-leave',
        account,
        left,
        `Leave on Server ${p.raw}: no LEAVE_ON_SERVER (0x1): Outlook deletes every message on the server as it downloads it`,
        `${plural(left.length, 'tag')} read downloaded (left on the server), the first entry ${left[0]!.index} at ${isoSeconds(tagSeconds(left[0]!.timeRaw))}`,
        'a policy that left a copy at the time of those tags (set since: see the key time)',
      ),
    );
  }
  return out;
}

/** A history named for an account that no hive holds. */
function notInHive(rule: TieRule, name: string, registry: RegistryFacts, others: readonly KnownAccount[]): PolicyFinding {
  const pop3 = registry.accounts.filter((a) => a.kind === 'pop3').length;
  const hives = registry.hives.map((h) => h.path).join(', ');
  const what = rule === 'mini-uid' ? `Mini UID ${name}` : `address ${name}`;
  const other = others.length > 0 ? `; ${others.map((a) => `the ${a.kind} account ${a.id} of profile "${a.profile}" has it, and only POP3 accounts name a Blob`).join('; ')}` : '';
  return {
    code: 'account-not-in-hive',
    severity: 'info',
    rule: TIE_RULES[rule],
    evidence: `the history names ${what}, and none of the ${plural(pop3, 'POP3 account')} in ${hives} has it${other}: an account since removed, a store from another profile or machine, or another user's hive`,
    contradictedBy: 'a hive that holds the account: another user\'s NTUSER.DAT, or an older copy of this one (a backup, a volume shadow copy)',
  };
}

export const policyFindings = { against, notInHive };
