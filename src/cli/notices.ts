// What the analyst must see even when stdout goes to a file: one line on stderr for each input
// that could not be read, and for each selection that matched nothing. The report carries the
// same facts (the error record, the warning); these lines only make them visible.

import { escapeText, type Source } from '../report/index.js';

/** Warnings that mean "what you asked for is not there", as opposed to damage met while reading. */
const ASKED_FOR = new Set(['NOTHING_SELECTED']);

function sourceNotices(s: Source): string[] {
  const path = escapeText(s.path);
  const lines: string[] = [];
  if (s.status === 'error' && s.error) lines.push(`pophist: ${path}: ${escapeText(s.error.message)} (${s.error.code})`);
  for (const w of s.warnings) if (ASKED_FOR.has(w.code)) lines.push(`pophist: warning: ${path}: ${escapeText(w.message)}`);
  return lines;
}

export function writeNotices(s: Source): void {
  const lines = sourceNotices(s);
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
}
