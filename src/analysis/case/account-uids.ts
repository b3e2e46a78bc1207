// One account across the case: each UID with every version that lists it, every message carrying its
// remote id, and what the versions say together (docs/case.md): a UID one version of a store lists and
// the next does not was dropped between them; listed again later, it reappeared; two versions of one
// store giving it other tags disagree; a download the store no longer holds may lie in another input;
// a downloaded message whose UID no version lists is in no history. The UIDs, and the findings
// about a UID's messages, are made as a report walks them, from numbers kept here: an account whose
// 80,000 messages no history lists is never 80,000 findings with their text at once.

import type { CaseListing } from './case-input.js';
import { LazyList } from '../lazy-list.js';
import type { CasePlaces } from './places.js';
import { UidIndex } from '../correlate/uid-index.js';
import type { CaseFinding, CaseFindingCode, CasePlace, CaseUid, CaseVersion } from './types.js';

/** A version with what the join needs of it: its record and its UIDs. */
export interface OrderedVersion {
  record: CaseVersion;
  listings: Map<string, CaseListing>;
}

const tagKey = (l: CaseListing): string => l.tags.map((t) => `${t.operation} ${t.time}`).join(', ');

/** Each lineage: the versions of one store (or of one input that is no store), in case order. */
function lineages(versions: readonly OrderedVersion[]): OrderedVersion[][] {
  const by = new Map<string, OrderedVersion[]>();
  for (const v of versions) {
    const key = v.record.store ?? `input ${v.record.input}`;
    by.set(key, [...(by.get(key) ?? []), v]);
  }
  return [...by.values()];
}

/** When a version was last written, for a finding's text. */
const when = (v: OrderedVersion): string => v.record.written ?? v.record.newestTag ?? 'an unknown time';

/** dropped-between, reappeared and versions-disagree within one lineage. */
function lineageFindings(line: readonly OrderedVersion[], uids: Iterable<string>): CaseFinding[] {
  const out: CaseFinding[] = [];
  for (const uid of uids) {
    let last: OrderedVersion | undefined;
    let dropped: { from: string; to: string } | undefined;
    for (const v of line) {
      const here = v.listings.get(uid);
      // A partly recovered version shows a UID is there, never that it is gone: it may have lost the tag.
      if (!here && v.record.partial) continue;
      if (here && dropped) {
        out.push({ code: 'reappeared', uid, ...dropped, version: v.record.id, detail: `${uid} was dropped between ${dropped.from} and ${dropped.to}, and ${v.record.id} of the same store lists it again: a history does not take back a UID the server stopped listing, so one of these versions was written by something else (restored, edited) or the versions' order is wrong.` });
        dropped = undefined;
      }
      if (here && last && !last.record.partial && !v.record.partial) disagreement(uid, last, v, out);
      if (!here && last?.listings.has(uid) && !dropped) {
        dropped = { from: last.record.id, to: v.record.id };
        out.push({ code: 'dropped-between', uid, ...dropped, detail: `${last.record.id} (last written ${when(last)}) lists ${uid} and ${v.record.id} (last written ${when(v)}), the next version of the same store, does not: the UID left the history between the two (the server stopped listing it, or the history was rewritten). It says nothing of the message, which may still be in a store.` });
      }
      if (here) last = v;
    }
  }
  return out;
}

/** versions-disagree: a tag the earlier version gives the UID that the later one does not keep. */
function disagreement(uid: string, a: OrderedVersion, b: OrderedVersion, out: CaseFinding[]): void {
  const before = a.listings.get(uid)!;
  const after = b.listings.get(uid)!;
  if (before.tags.every((t) => after.tags.some((u) => u.operation === t.operation && u.time === t.time))) return;
  out.push({ code: 'versions-disagree', uid, versions: [a.record.id, b.record.id], detail: `${a.record.id} gives ${uid} the tags ${tagKey(before)}; ${b.record.id}, a later version of the same store, gives ${tagKey(after)}. Outlook only appends tags to a UID it keeps, so a tag that changed or vanished means the history was rewritten between the two.` });
}

type Listed = { v: OrderedVersion; l: CaseListing }[];

/** Strings in code-unit order, as the report sorts UIDs and keys. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An account's findings, made as they are walked; `codeAt` tells each one's code without making it. */
export class CaseFindingList extends LazyList<CaseFinding> {
  constructor(
    length: number,
    item: (i: number) => CaseFinding,
    readonly codeAt: (i: number) => CaseFindingCode,
  ) {
    super(length, item);
  }
}

/** The codes a UID's findings have, in the order they were first found, as base-8 digits of one number. */
const UID_CODES = ['dropped-between', 'found-elsewhere', 'in-no-history', 'versions-disagree', 'reappeared'] as const;

function withCode(seq: number, code: CaseFindingCode): number {
  const digit = UID_CODES.indexOf(code as (typeof UID_CODES)[number]) + 1;
  for (let s = seq; s > 0; s = Math.floor(s / 8)) if (s % 8 === digit) return seq;
  return seq * 8 + digit;
}

function codesOf(seq: number): CaseFindingCode[] {
  const out: CaseFindingCode[] = [];
  for (let s = seq; s > 0; s = Math.floor(s / 8)) out.unshift(UID_CODES[(s % 8) - 1]!);
  return out;
}

/** Each UID of the account by key (those the versions list first, in order), with the versions listing it. */
function uidKeys(versions: readonly OrderedVersion[]): { index: UidIndex; listed: Listed[] } {
  const index = new UidIndex();
  const listed: Listed[] = [];
  for (const v of versions) {
    for (const [uid, l] of v.listings) {
      const k = index.keyOf(uid);
      (listed[k] ??= []).push({ v, l });
    }
  }
  return { index, listed };
}

/** The keys from `from` on (the UIDs no version lists), in the order of their UIDs. */
function sortedByUid(keys: UidIndex, from: number): number[] {
  const uids = Array.from({ length: keys.size - from }, (_, n) => keys.key(from + n));
  return Array.from(uids.keys(), (n) => from + n).sort((a, b) => byText(uids[a - from]!, uids[b - from]!));
}

/** found-elsewhere's text: the versions that say the download is gone, and the messages elsewhere. */
function elsewhereDetail(uid: string, versions: readonly string[], places: readonly CasePlace[]): string {
  return `${versions.join(', ')} ${versions.length === 1 ? 'says' : 'say'} the store no longer holds the message downloaded as ${uid}; ${places.length === 1 ? 'a message' : `${places.length} messages`} elsewhere in the case carry its remote id POP://${places[0]!.server}/${uid}, which moving, archiving and exporting keep. A message with that remote id and another sender or time would be another download of the same UID.`;
}

function noHistoryDetail(uid: string, messages: readonly CasePlace[]): string {
  const inputs = new Set(messages.map((m) => m.input)).size;
  return `${messages.length === 1 ? 'A message' : `${messages.length} messages`} in ${inputs === 1 ? 'one input' : `${inputs} inputs`} ${messages.length === 1 ? 'carries' : 'carry'} POP://${messages[0]!.server}/${uid}, downloaded by this account, and no version of its history in the case lists ${uid}: it was downloaded before the oldest version was written, or by a history the case does not hold. A version listing it would contradict this.`;
}

/** The listings whose version says the UID's download is gone from the store. */
const goneListings = (listed: Listed): Listed => listed.filter(({ l }) => l.inStore === 'not-in-store');

/** The inputs of those versions. */
const inputsOf = (gone: Listed): Set<number> => new Set(gone.map(({ v }) => v.record.input));

/** Every UID of the account, in the order the versions first list them, then those only messages carry. */
export function accountUids(versions: readonly OrderedVersion[], places: CasePlaces, downloads: Int32Array): { uids: LazyList<CaseUid>; findings: CaseFindingList } {
  // Keys and messages in a byte pool and typed arrays (UidIndex): 80,000 UIDs only messages carry
  // are no Map of 80,000 strings. A message is filed by its position in `downloads`.
  const { index: keys, listed } = uidKeys(versions);
  const listedCount = keys.size;
  const listing = (k: number): Listed => listed[k] ?? [];
  // A message's remote id may carry the UID escaped as the history writes it.
  const alias = new Map<string, string>();
  for (const v of versions) for (const l of v.listings.values()) if (l.encodedUid !== undefined) alias.set(l.encodedUid, l.uid);
  downloads.forEach((p, j) => {
    const raw = places.uid(p);
    const k = keys.keyNumber(raw);
    if (k >= 0) keys.file(k, j);
    else keys.add(alias.get(raw) ?? raw, j);
  });
  const messages = (k: number): CasePlace[] => keys.filed(k).map((j) => places.place(downloads[j]!));
  const seq = new Int32Array(keys.size);
  const lineage: CaseFinding[] = [];
  const listedUids = Array.from({ length: listedCount }, (_, k) => keys.key(k));
  for (const line of lineages(versions)) lineage.push(...lineageFindings(line, listedUids));
  for (const f of lineage) {
    if (!('uid' in f)) continue;
    const k = keys.keyOf(f.uid);
    seq[k] = withCode(seq[k]!, f.code);
  }
  // found-elsewhere: a UID a live version says is gone, and a message of another input carrying it.
  const elsewhere: number[] = [];
  for (let k = 0; k < listedCount; k++) {
    const gone = inputsOf(goneListings(listing(k)));
    if (gone.size === 0 || !keys.filed(k).some((j) => !gone.has(places.input(downloads[j]!)))) continue;
    elsewhere.push(k);
    seq[k] = withCode(seq[k]!, 'found-elsewhere');
  }
  const noHistory = sortedByUid(keys, listedCount);
  for (const k of noHistory) seq[k] = withCode(seq[k]!, 'in-no-history');
  const uidAt = (k: number): CaseUid => {
    const [uid, listed, findings] = [keys.key(k), listing(k), codesOf(seq[k]!)];
    if (listed.length === 0) return { uid, listedBy: [], messages: messages(k), findings };
    const listedBy = listed.map(({ v, l }) => ({ version: v.record.id, tags: l.tags.map((t) => ({ operation: t.operation, time: t.time })), inStore: l.inStore }));
    return { uid, listedBy, firstListed: listed[0]!.v.record.id, lastListed: listed[listed.length - 1]!.v.record.id, messages: messages(k), findings };
  };
  const foundElsewhere = (k: number): CaseFinding => {
    const [uid, listed] = [keys.key(k), listing(k)];
    const saysGone = goneListings(listed);
    const gone = inputsOf(saysGone);
    const versions = saysGone.map(({ v }) => v.record.id);
    const elsewherePlaces = messages(k).filter((m) => !gone.has(m.input));
    return { code: 'found-elsewhere', uid, versions, places: elsewherePlaces, detail: elsewhereDetail(uid, versions, elsewherePlaces) };
  };
  const inNoHistory = (k: number): CaseFinding => {
    const [uid, all] = [keys.key(k), messages(k)];
    return { code: 'in-no-history', uid, server: all[0]!.server, places: all, detail: noHistoryDetail(uid, all) };
  };
  const [e, f] = [lineage.length, lineage.length + elsewhere.length];
  return {
    uids: new LazyList(keys.size, (i) => uidAt(i < listedCount ? i : noHistory[i - listedCount]!)),
    findings: new CaseFindingList(
      f + noHistory.length,
      (i) => (i < e ? lineage[i]! : i < f ? foundElsewhere(elsewhere[i - e]!) : inNoHistory(noHistory[i - f]!)),
      (i) => (i < e ? lineage[i]!.code : i < f ? 'found-elsewhere' : 'in-no-history'),
    ),
  };
}
