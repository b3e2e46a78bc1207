// What a source without a history says in one phrase: its POP3 downloads, when it has any, are
// evidence that an account delivered there and that its history is gone.

import type { Source } from './types.js';

/** "no history", or with the POP3 downloads the source still shows: "41 POP3 downloads, no history". */
export function noHistory(s: Source): string {
  const n = (s.downloads?.length ?? 0) + (s.unattributed ?? []).reduce((sum, d) => sum + d.messages, 0);
  return n === 0 ? 'no history' : `${n} POP3 download${n === 1 ? '' : 's'}, no history`;
}
