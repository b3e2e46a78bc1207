// Outlook's own choice among the Message Managers and attachments found, made only when the analyst
// gives the profile facts it depends on (the documented order: conversation key, search key,
// subject; then the Blob by SMTP address or mini UID).

import type { AttachmentCandidate } from './manager-candidate.js';
import type { ManagerFinding, ProfileFacts } from './match-managers.js';

export const hexUpper = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

export function hasProfileFacts(f: ProfileFacts): boolean {
  return f.profileName !== undefined || f.searchKey !== undefined || f.smtp !== undefined || f.accountUid !== undefined;
}

function describeFacts(f: ProfileFacts): string {
  const parts = [
    f.profileName !== undefined ? `profile name ${JSON.stringify(f.profileName)}` : undefined,
    f.searchKey !== undefined ? `search key ${hexUpper(f.searchKey)}` : undefined,
    f.smtp !== undefined ? `SMTP address ${f.smtp}` : undefined,
    f.accountUid !== undefined ? `account UID ${f.accountUid}` : undefined,
  ];
  return parts.filter((p) => p !== undefined).join(', ');
}

/**
 * Outlook's choice: the Inbox manager by conversation key, else search key, else subject; then the
 * Blob by name. Returns why nothing was selected, when the facts given select nothing.
 */
export function select(managers: ManagerFinding[], facts: ProfileFacts): string | undefined {
  let chosen: ManagerFinding | undefined;
  for (const rule of ['conversation-key', 'search-key', 'subject'] as const) {
    chosen = managers.find((m) => m.candidate.inInbox && m.matchedBy === rule);
    if (chosen) break;
  }
  for (const m of managers) {
    m.selected = m === chosen;
    for (const a of m.attachments) a.selected = false;
  }
  if (!chosen) {
    return `no Message Manager in the Inbox matches the profile facts given (${describeFacts(facts)}): Outlook would not use any of the ${managers.length} found`;
  }
  const pop = facts.smtp !== undefined ? `BlobPOP${facts.smtp}` : undefined;
  const uid = facts.accountUid?.toLowerCase();
  // "Blob" is written as is; only the 8 hex digits after it may differ in case.
  const namedForUid = (name: string | undefined): boolean => uid !== undefined && name?.startsWith('Blob') === true && name.slice(4).toLowerCase() === uid;
  const tests: ((a: AttachmentCandidate) => boolean)[] = [
    (a) => pop !== undefined && a.longFilename === pop,
    (a) => pop !== undefined && a.filename === pop,
    (a) => pop !== undefined && a.displayName === pop,
    (a) => namedForUid(a.filename),
  ];
  for (const test of tests) {
    const hit = chosen.attachments.find((a) => test(a.candidate));
    if (hit) {
      hit.selected = true;
      return undefined;
    }
  }
  if (pop === undefined && uid === undefined) return undefined;
  return `no attachment of the selected Message Manager is named for ${describeFacts({ smtp: facts.smtp, accountUid: uid })}: Outlook would find no history for that account`;
}
