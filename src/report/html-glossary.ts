// The HTML page's glossary: what each status, rule and finding on the page means, so that the page
// reads on its own in a case file (the same words as docs/statuses.md).

const ITEMS: [string, string][] = [
  ['history-found', 'the source holds at least one POP3 download history with at least one tag.'],
  ['no-history', 'the source was read and holds no POP3 history (no Message Manager, or only empty ones).'],
  ['inconclusive', 'no history was found, but part of what must be searched could not be read: not a negative.'],
  ['error', 'the input could not be read as evidence (not a PST, OST or MSG, unreadable, or damaged before any history could be looked for).'],
  ['matched', 'a message in the store is the one this download created, by the rule shown.'],
  ['ambiguous', 'several messages fit the same rule: one of them is probably the download, but which is not known.'],
  ['not in store', 'nothing in this store fits: the message the download created was deleted, moved to another store, or never kept.'],
  ['not correlated', 'correlation was not asked for (--no-correlate).'],
  ['deleted on the server only', 'a delete-only tag: no download to look for.'],
  ['remote-uid', "the message's own PidLidRemoteEntryId names this UID on this server (and, where stamped, this account): the strong rule."],
  ['creation-time', "no message names the UID; one received message with no POP3 origin was created on the tag's second: a coincidence of times, strong in a quiet mailbox, weak in a busy one."],
  ['creation-time-near', 'as creation-time, within the --window seconds either side of the tag.'],
  [
    '(+N s) / (−N s)',
    "beside a rule: the message's PR_CREATION_TIME minus the tag's time, in seconds. Negative: the message was created before the tag (e.g. −601355 s is about 7 days before); for remote-uid it means the creation time no longer equals the tag's (a copy, an import or a move between stores).",
  ],
  ['ruled out (contradictions)', "a message the tag's time pointed at that other evidence rules out: its remote id names another UID or cannot be read, another account downloaded it, or it was delivered after the tag."],
  ['not in history', 'a message this account downloaded (its remote id says so) whose UID no tag holds any more: Outlook drops a UID once the server stops listing it.'],
  ['unexplained', 'a received message with no POP3 origin, created within the span of the history and matched by no tag: imported, dragged in from another store, or received by another kind of account. Not proof of tampering.'],
  ['info / warning / error', "an anomaly of the history blob: info is a known departure real Outlook writes (the 8 bytes of Outlook 2016 after the tags); warning was decoded and kept; error means a tag could not be decoded."],
  ['Restags', 'the Restags… attachment beside a Blob, decoded like one; not the download history Outlook consults.'],
];

export function glossary(): string {
  return `<section class="glossary"><h2>Glossary</h2><dl>${ITEMS.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl></section>`;
}
