// Runs bin/pophist on a pseudo-terminal of a given width, through util-linux `script`, as an
// analyst at a terminal would see it. The terminal's CRLF line ends are turned back into LF.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './corpus.js';

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtyResult {
  code: number;
  /** stdout and stderr as the terminal shows them (both are the terminal). */
  screen: string;
}

export function runOnTerminal(args: string[], opts: { columns: number; env?: NodeJS.ProcessEnv; redirect?: string }): PtyResult {
  const command = [process.execPath, join(repoRoot, 'bin/pophist'), ...args].map(quote).join(' ');
  const shell = `stty cols ${opts.columns} rows 50; exec ${command}${opts.redirect ? ` ${opts.redirect}` : ''}`;
  const r = spawnSync('script', ['-qec', shell, '/dev/null'], { cwd: repoRoot, encoding: 'utf8', env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, screen: r.stdout.replace(/\r\n/g, '\n') };
}

export const stripColour = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u{1F300}-\u{1FAFF}]/u;

/** Columns a line takes on the terminal, colour removed: two for East Asian scripts and emoji, one otherwise. */
export function columnsOf(line: string): number {
  let n = 0;
  for (const ch of stripColour(line)) n += WIDE.test(ch) ? 2 : 1;
  return n;
}
