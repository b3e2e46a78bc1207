// Which Message Manager and which attachment hold a POP3 history, by Outlook's documented rules
// (https://learn.microsoft.com/en-us/office/client-developer/outlook/mapi/locating-the-message-download-history-for-a-pop3-account),
// and the decoded histories (docs/format.md §1.2, §1.3). Every candidate is kept; `selected` marks Outlook's own choice only
// when the analyst supplied the profile facts it depends on.

import type { DamagedBlock } from '../../pst/index.js';
import { type DecodedBlob } from '../history/blob.js';
import { checkAgainstLastWrite } from '../history/checks.js';
import { decodeBlob } from '../history/decode-blob.js';
import { MANAGER_CLASS, type AttachmentCandidate, type ManagerCandidate } from './manager-candidate.js';
import { hasProfileFacts, hexUpper, select } from './outlook-choice.js';

export type MatchRule = 'conversation-key' | 'search-key' | 'subject' | 'class';
export type AttachmentRole = 'history' | 'restags' | 'other';
export type NameRule = 'long-filename' | 'filename' | 'display-name' | 'mini-uid';

export interface ProfileFacts {
  /** Profile name in the subject; Outlook 2010+ uses "". */
  profileName?: string;
  /** The profile's search key; Outlook 2010+ uses "General Key\0". */
  searchKey?: Uint8Array;
  smtp?: string;
  /** PROP_ACCT_MINI_UID as 8 lower-case hex digits. */
  accountUid?: string;
}

export interface AttachmentFinding {
  candidate: AttachmentCandidate;
  role: AttachmentRole;
  rule?: NameRule;
  smtp?: string;
  accountUid?: string;
  selected?: boolean;
}

export interface ManagerFinding {
  candidate: ManagerCandidate;
  matchedBy: MatchRule;
  profileName?: string;
  /** The key from the subject, upper-case hex as written there. */
  key?: string;
  keyText?: string;
  selected?: boolean;
  attachments: AttachmentFinding[];
}

export interface HistoryFinding {
  manager: number;
  attachment: number;
  role: 'history' | 'restags';
  account: { smtp?: string; uid?: string };
  blob: DecodedBlob;
  selected?: boolean;
  /** The blocks failing their checks that the blob was read from: every tag is marked damaged. */
  damaged?: DamagedBlock[];
}

export interface AnalysisWarning {
  code: 'ACCOUNT_UID_MISMATCH' | 'EMPTY_HISTORY' | 'NOTHING_SELECTED' | 'LIMIT';
  message: string;
}

export interface Analysis {
  managers: ManagerFinding[];
  histories: HistoryFinding[];
  warnings: AnalysisWarning[];
}

export const GENERAL_KEY = Uint8Array.from(Buffer.from('General Key\0', 'latin1'));
const SUBJECT = /^Outlook Message Manager \((.*)\) \(KEY: ([0-9A-Fa-f]*)\)$/s;
const MINI_UID = /^[0-9a-fA-F]{8}$/;
// Total history data decoded per source (docs/limits.md): the report grows about fivefold from it,
// and a real store holds one blob of at most a few MiB per account.
export const MAX_HISTORY_BYTES_PER_SOURCE = 32 * 1024 * 1024;

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(b);

function expectedSubject(profileName: string, key: Uint8Array): string {
  return `Outlook Message Manager (${profileName}) (KEY: ${hexUpper(key)})`;
}

export function analyze(candidates: readonly ManagerCandidate[], facts: ProfileFacts = {}): Analysis {
  const key = facts.searchKey ?? GENERAL_KEY;
  const subject = expectedSubject(facts.profileName ?? '', key);
  const warnings: AnalysisWarning[] = [];
  const managers = candidates.map((c) => manager(c, key, subject, warnings));
  if (hasProfileFacts(facts)) {
    const missed = select(managers, facts);
    if (missed) warnings.push({ code: 'NOTHING_SELECTED', message: missed });
  }

  const histories: HistoryFinding[] = [];
  let decoded = 0;
  managers.forEach((m, mi) => {
    for (const a of m.attachments) {
      if (a.role === 'other') continue;
      const data = a.candidate.data ?? new Uint8Array(0);
      // An empty Restags attachment is normal (Outlook 2016 writes one); an empty Blob is worth a word.
      if (data.length === 0) {
        if (a.role === 'history') warnings.push({ code: 'EMPTY_HISTORY', message: `attachment ${a.candidate.index} of ${m.candidate.nid ?? 'the message'} is a history with no data` });
        continue;
      }
      if (decoded + data.length > MAX_HISTORY_BYTES_PER_SOURCE) {
        warnings.push({
          code: 'LIMIT',
          message: `attachment ${a.candidate.index} of ${m.candidate.nid ?? 'the message'} (${data.length} bytes) not decoded: this source's histories already hold ${decoded} bytes, and at most ${MAX_HISTORY_BYTES_PER_SOURCE} are decoded per source (limit: report size per source)`,
        });
        continue;
      }
      decoded += data.length;
      const blob = decodeBlob(data);
      // Outlook saves the manager when it rewrites a history: no tag is later than that save.
      checkAgainstLastWrite(blob.entries, m.candidate.modified, blob.findings);
      histories.push({
        manager: mi,
        attachment: a.candidate.index,
        role: a.role,
        account: { smtp: a.smtp, uid: a.accountUid },
        blob,
        ...(a.selected !== undefined ? { selected: a.selected } : {}),
        ...(a.candidate.damaged?.length ? { damaged: a.candidate.damaged } : {}),
      });
    }
  });
  return { managers, histories, warnings };
}

/**
 * Whether a .msg is a Message Manager: its class says so; or it has no class, and its subject is a
 * Message Manager's and an attachment is named as a history or Restags is. A .msg of any other class
 * (a saved e-mail, IPM.Note) is a message, whatever its subject.
 */
export function followsManagerRules(item: { messageClass?: string; subject?: string; attachments: readonly AttachmentCandidate[] }): boolean {
  const cls = item.messageClass ?? '';
  if (cls !== '') return cls.toLowerCase() === MANAGER_CLASS.toLowerCase();
  return item.subject !== undefined && SUBJECT.test(item.subject) && item.attachments.some((a) => nameRule(a, 'Blob') !== undefined || nameRule(a, 'Restags') !== undefined);
}

function manager(c: ManagerCandidate, key: Uint8Array, subject: string, warnings: AnalysisWarning[]): ManagerFinding {
  const matchedBy: MatchRule = sameBytes(c.conversationKey, key)
    ? 'conversation-key'
    : sameBytes(c.searchKey, key)
      ? 'search-key'
      : c.subject === subject
        ? 'subject'
        : 'class';
  const m = c.subject !== undefined ? SUBJECT.exec(c.subject) : null;
  const finding: ManagerFinding = { candidate: c, matchedBy, attachments: c.attachments.map((a) => attachment(a, c, warnings)) };
  if (m) {
    finding.profileName = m[1];
    finding.key = m[2];
    if (m[2] !== undefined && m[2].toUpperCase() === hexUpper(GENERAL_KEY)) finding.keyText = 'General Key';
  }
  return finding;
}

/** The four attachment names Outlook tries, in its order, for one prefix ("Blob" or "Restags"). */
function nameRule(a: AttachmentCandidate, prefix: string): { rule: NameRule; smtp?: string; uid?: string } | undefined {
  const pop = `${prefix}POP`;
  const named: [NameRule, string | undefined][] = [
    ['long-filename', a.longFilename],
    ['filename', a.filename],
    ['display-name', a.displayName],
  ];
  for (const [rule, name] of named) {
    if (name?.startsWith(pop) && name.length > pop.length) return { rule, smtp: name.slice(pop.length) };
  }
  const rest = a.filename?.startsWith(prefix) ? a.filename.slice(prefix.length) : undefined;
  if (rest !== undefined && MINI_UID.test(rest)) return { rule: 'mini-uid', uid: rest.toLowerCase() };
  return undefined;
}

function attachment(a: AttachmentCandidate, m: ManagerCandidate, warnings: AnalysisWarning[]): AttachmentFinding {
  for (const [prefix, role] of [
    ['Blob', 'history'],
    ['Restags', 'restags'],
  ] as const) {
    const hit = nameRule(a, prefix);
    if (!hit) continue;
    // The mini UID is also in the short filename when the long one carries the address.
    const fromFilename = a.filename?.startsWith(prefix) ? a.filename.slice(prefix.length) : undefined;
    const uid = hit.uid ?? (fromFilename !== undefined && MINI_UID.test(fromFilename) ? fromFilename.toLowerCase() : undefined);
    const info = a.additionalInfo?.length === 4 ? Buffer.from(a.additionalInfo).readUInt32LE(0).toString(16).padStart(8, '0') : undefined;
    if (uid !== undefined && info !== undefined && uid !== info) {
      warnings.push({
        code: 'ACCOUNT_UID_MISMATCH',
        message: `attachment ${a.index} of ${m.nid ?? 'the message'} is named for account ${uid} but PR_ATTACH_ADDITIONAL_INFO says ${info}`,
      });
    }
    return { candidate: a, role, rule: hit.rule, smtp: hit.smtp, accountUid: uid ?? info };
  }
  return { candidate: a, role: 'other' };
}
