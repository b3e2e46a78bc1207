// What the analyst must see even when stdout goes to a file: one line on stderr for each input
// that could not be read, and for each selection that matched nothing. The report carries the
// same facts (the error record, the warning); these lines only make them visible.

import { escapePath, escapeText, type Source } from '../report/index.js';

/**
 * Warnings that mean "what you asked for is not there" or "what you got is not the file as it is
 * now", as opposed to damage met while reading.
 */
const ASKED_FOR = new Set(['NOTHING_SELECTED', 'CHANGED_DURING_RUN']);

/** The source's lines for stderr, each ending in a newline; '' when there are none. */
export function sourceNotices(s: Source): string {
  const path = escapePath(s.path, s.pathHex !== undefined);
  let lines = '';
  if (s.status === 'error' && s.error) lines += `pophist: ${path}: ${escapeText(s.error.message)} (${s.error.code})\n`;
  for (const w of s.warnings) if (ASKED_FOR.has(w.code)) lines += `pophist: warning: ${path}: ${escapeText(w.message)}\n`;
  return lines;
}
