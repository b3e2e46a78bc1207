// A source whose history was read from blocks failing their checks: `inconclusive` in the contract,
// "history found (damaged block)" for people, since its tags are there and marked.

import type { Source } from './types.js';

export function damagedHistoryFound(s: Source): boolean {
  return s.status === 'inconclusive' && s.histories.some((h) => h.integrity !== undefined && h.entries.length > 0);
}
