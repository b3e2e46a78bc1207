// One account across the case: each UID with every version that lists it, every message carrying its
// remote id, and what the versions say together (docs/case.md): a UID one version of a store lists and
// the next does not was dropped between them; listed again later, it reappeared; two versions of one
// store giving it other tags disagree; a download the store no longer holds may lie in another input;
// a downloaded message whose UID no version lists is in no history.

import type { CaseListing } from './case-input.js';
import type { CaseFinding, CasePlace, CaseUid, CaseVersion } from './types.js';

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

/** A listing says its download is gone from the store; where else in the case a message carries its remote id. */
function foundElsewhere(uid: string, listed: readonly { v: OrderedVersion; l: CaseListing }[], messages: readonly CasePlace[]): CaseFinding | undefined {
  const gone = listed.filter(({ l }) => l.inStore === 'not-in-store');
  const inputs = new Set(gone.map(({ v }) => v.record.input));
  const places = messages.filter((m) => !inputs.has(m.input));
  if (gone.length === 0 || places.length === 0) return undefined;
  const versions = gone.map(({ v }) => v.record.id);
  return {
    code: 'found-elsewhere',
    uid,
    versions,
    places,
    detail: `${versions.join(', ')} ${versions.length === 1 ? 'says' : 'say'} the store no longer holds the message downloaded as ${uid}; ${places.length === 1 ? 'a message' : `${places.length} messages`} elsewhere in the case carry its remote id POP://${places[0]!.server}/${uid}, which moving, archiving and exporting keep. A message with that remote id and another sender or time would be another download of the same UID.`,
  };
}

/** Every UID of the account, in the order the versions first list them, then those only messages carry. */
export function accountUids(versions: readonly OrderedVersion[], downloads: readonly CasePlace[]): { uids: CaseUid[]; findings: CaseFinding[] } {
  const order = new Map<string, { listed: { v: OrderedVersion; l: CaseListing }[] }>();
  for (const v of versions) {
    for (const [uid, l] of v.listings) {
      const had = order.get(uid);
      if (had) had.listed.push({ v, l });
      else order.set(uid, { listed: [{ v, l }] });
    }
  }
  // A message's remote id may carry the UID escaped as the history writes it.
  const alias = new Map<string, string>();
  for (const v of versions) for (const l of v.listings.values()) if (l.encodedUid !== undefined) alias.set(l.encodedUid, l.uid);
  const messagesOf = new Map<string, CasePlace[]>();
  for (const d of downloads) {
    const uid = order.has(d.uid) ? d.uid : (alias.get(d.uid) ?? d.uid);
    const had = messagesOf.get(uid);
    if (had) had.push(d);
    else messagesOf.set(uid, [d]);
  }
  const findings: CaseFinding[] = [];
  for (const line of lineages(versions)) findings.push(...lineageFindings(line, order.keys()));
  const uids: CaseUid[] = [];
  for (const [uid, { listed }] of order) {
    const messages = messagesOf.get(uid) ?? [];
    const elsewhere = foundElsewhere(uid, listed, messages);
    if (elsewhere) findings.push(elsewhere);
    uids.push({
      uid,
      listedBy: listed.map(({ v, l }) => ({ version: v.record.id, tags: l.tags.map((t) => ({ operation: t.operation, time: t.time })), inStore: l.inStore })),
      firstListed: listed[0]!.v.record.id,
      lastListed: listed[listed.length - 1]!.v.record.id,
      messages,
      findings: [],
    });
  }
  for (const [uid, messages] of [...messagesOf].filter(([u]) => !order.has(u)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const inputs = [...new Set(messages.map((m) => m.input))];
    findings.push({
      code: 'in-no-history',
      uid,
      server: messages[0]!.server,
      places: messages,
      detail: `${messages.length === 1 ? 'A message' : `${messages.length} messages`} in ${inputs.length === 1 ? 'one input' : `${inputs.length} inputs`} ${messages.length === 1 ? 'carries' : 'carry'} POP://${messages[0]!.server}/${uid}, downloaded by this account, and no version of its history in the case lists ${uid}: it was downloaded before the oldest version was written, or by a history the case does not hold. A version listing it would contradict this.`,
    });
    uids.push({ uid, listedBy: [], messages, findings: [] });
  }
  const codes = new Map<string, Set<CaseFinding['code']>>();
  for (const f of findings) if ('uid' in f) codes.set(f.uid, (codes.get(f.uid) ?? new Set()).add(f.code));
  for (const u of uids) u.findings = [...(codes.get(u.uid) ?? [])];
  return { uids, findings };
}
