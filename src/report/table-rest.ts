// Past a screenful, the table sums up the rest of a long list of messages by folder: how many, and
// when they were created. The table is for reading; --csv, --ndjson and --json list every one.

import type { Candidate, List } from './types.js';

/** How many lines of one list of messages the table shows before it sums up the rest. */
export const SCREENFUL = 50;

/** The items of `list` from `from` on, read a slice at a time (a lazy list describes each as asked). */
export function* itemsFrom<T>(list: List<T>, from: number): Generator<T> {
  for (let i = from; i < list.length; i += 1024) yield* list.slice(i, Math.min(i + 1024, list.length));
}

/** The messages of each item, in order. */
export function* messagesOf(items: Iterable<{ messages: readonly Candidate[] }>): Generator<Candidate> {
  for (const n of items) yield* n.messages;
}

/** `/Inbox: 6000 created 2024-01-01T08:00:00Z to 2024-03-01T17:00:00Z; …`, folders in name order. */
export function byFolder(messages: Iterable<Candidate>, e: (s: string) => string): string {
  const by = new Map<string, { n: number; first?: string; last?: string }>();
  for (const m of messages) {
    let f = by.get(m.folder);
    if (!f) by.set(m.folder, (f = { n: 0 }));
    f.n++;
    // ISO times of one form: their order as text is their order in time.
    if (m.created !== undefined) {
      if (f.first === undefined || m.created < f.first) f.first = m.created;
      if (f.last === undefined || m.created > f.last) f.last = m.created;
    }
  }
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, f]) => `${e(folder)}: ${f.n}${f.first === undefined ? '' : f.first === f.last ? ` created ${f.first}` : ` created ${f.first} to ${f.last}`}`)
    .join('; ');
}
