// The messages created near a second, nearest first, found by binary search in the creation-time
// order (message-facts.ts) and walked outwards: a tag costs O(log n) plus at most NEAREST_LIMIT
// messages, never a scan of the window second by second (README "Limits").

import type { MessageFacts } from './rules.js';

// The most messages a tag looks at: a send/receive creates a handful per second, and a store that
// piles thousands into one tag's window (forged, or a mass import) must not make the pass T × M.
export const NEAREST_LIMIT = 64;

/**
 * Calls `level` with the messages created at each distance from `second`, nearest first and at most
 * `window` seconds away: at one distance, those before the second, then those after, each group in
 * creation order. Stops after the first distance at which `level` returns true, or once
 * NEAREST_LIMIT messages were visited.
 */
export function nearestFirst(messages: MessageFacts, second: number, window: number, level: (indices: number[], delta: number) => boolean): void {
  const n = messages.timedCount;
  const at = (k: number): number => messages.created(messages.byCreation(k));
  let left = messages.firstCreatedAt(second) - 1;
  let right = left + 1;
  let budget = NEAREST_LIMIT;
  for (;;) {
    const dl = left >= 0 ? second - at(left) : Infinity;
    const dr = right < n ? at(right) - second : Infinity;
    const d = Math.min(dl, dr);
    if (d > window) return;
    let stop = false;
    if (dl === d) {
      let k = left;
      while (k > 0 && left - k + 1 < budget && at(k - 1) === second - d) k--;
      const group: number[] = [];
      for (let j = k; j <= left; j++) group.push(messages.byCreation(j));
      left = k - 1;
      budget -= group.length;
      stop = level(group, -d);
    }
    if (dr === d && budget > 0) {
      const group: number[] = [];
      while (right < n && group.length < budget && at(right) === second + d) group.push(messages.byCreation(right++));
      budget -= group.length;
      stop = level(group, d) || stop;
    }
    if (stop || budget <= 0) return;
  }
}
