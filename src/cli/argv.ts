// The command line as typed, read before yargs: a word after `--csv` is its directory only when it
// is one (else an input stays an input, and a mistyped file name is refused), and a file named
// without a command is pointed at `inspect`.

import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { kindOf, readHead } from '../analysis/index.js';
import { UsageError } from './errors.js';
import { CSV_TAKES } from './output-flags.js';

const COMMANDS = new Set(['inspect', 'decode', 'ls']);
const EVIDENCE_EXTENSIONS = new Set(['.pst', '.ost', '.msg']);

const statOf = (p: string) => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};

/** An existing file the command reads: for inspect a PST, OST or MSG by name or signature; for decode any file. */
function isInputFile(command: string, p: string): boolean {
  if (!statOf(p)?.isFile()) return false;
  if (command === 'decode' || EVIDENCE_EXTENSIONS.has(extname(p).toLowerCase())) return true;
  try {
    return kindOf(readHead(p, 10).head) !== undefined;
  } catch {
    return false;
  }
}

/**
 * `--csv WORD`: WORD is the directory of the CSV files when it is an existing directory; an input
 * when it is an existing evidence file (or `-`), and the CSV then goes to standard output, as
 * before; anything else is refused in one line, before any output is opened.
 */
function csvValues(command: string, argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a === '--') return [...out, ...argv.slice(i)];
    if (a !== '--csv' || next === undefined || (next.startsWith('-') && next !== '-')) {
      out.push(a);
      continue;
    }
    if (next !== '-' && statOf(next)?.isDirectory()) out.push(a);
    else if (next === '-' || isInputFile(command, next)) out.push('--csv=');
    else throw new UsageError(`${CSV_TAKES}: ${next} is not a directory`);
  }
  return out;
}

/** The arguments yargs is given; a usage error for what no option or command could mean. */
export function preparedArguments(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !COMMANDS.has(first) && statOf(first) !== undefined) {
    throw new UsageError(`unknown command "${first}": did you mean \`pophist inspect ${first}\`?`);
  }
  return first === 'inspect' || first === 'decode' ? csvValues(first, argv) : [...argv];
}
