// `pophist ls FILE|DIR… [--fai] [--json]`: the folder tree of each PST with message counts and,
// with --fai, each folder-associated message's class and subject. A debugging view of what inspect
// walks. It takes inputs as inspect does (directories, -r, --hash) and writes -o under its rules.

import { closeSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { displayPath, kindOf, NotAFileError, openEvidence, readHead, sha256File, type EvidencePath } from '../../analysis/index.js';
import { openPst, PstFormatError } from '../../pst/index.js';
import { escapeText, fitLine, toolVersion } from '../../report/index.js';
import { errorListing, listingError, listingLines, listStore, LS_SCHEMA, type LsReport, type StoreListing } from '../listing.js';
import { cannotRead, UsageError } from '../errors.js';
import { expandInputs, inputIdentities, isStdin, skippedLine, type Expansion } from '../inputs.js';
import { planFile, writeWholeFile } from '../output-file.js';
import { nothingExamined } from '../summary.js';

interface LsArgs {
  files?: (string | undefined)[];
  fai: boolean;
  json?: boolean;
  recursive: boolean;
  hash: boolean;
  output?: string;
  force: boolean;
}

/** One file's listing; a file that cannot be opened becomes an error listing and a line for stderr, and the others go on. */
function listFile(file: EvidencePath, fai: boolean): { listing: StoreListing; problem?: string } {
  const path = displayPath(file);
  let store;
  try {
    // Only a regular file: a FIFO or a device is refused before the store is opened.
    closeSync(openEvidence(file).fd);
    store = openPst(file);
  } catch (e) {
    if (e instanceof PstFormatError) {
      return { listing: errorListing(path, listingError(e)), problem: `${path}: ${e.describe()}` };
    }
    if (e instanceof NotAFileError) {
      const problem = `${path}: ${e.message}`;
      return { listing: errorListing(path, { code: e.code, message: problem }), problem };
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const problem = cannotRead(path, code).message;
    return { listing: errorListing(path, { code: 'UNREADABLE', message: problem }), problem };
  }
  try {
    return { listing: listStore(path, store, { fai }) };
  } finally {
    store.close();
  }
}

/** A .msg found by a walk is inspect's to read: ls lists stores. Named files are always taken. */
function withoutWalkedMsg(expansion: Expansion, named: readonly string[]): Expansion {
  const isMsg = (p: EvidencePath): boolean => {
    try {
      return kindOf(readHead(p, 10).head) === 'msg';
    } catch {
      return false;
    }
  };
  const walkedMsg = expansion.inputs.filter((i) => i.error === undefined && !named.includes(displayPath(i.path)) && isMsg(i.path));
  return {
    ...expansion,
    inputs: expansion.inputs.filter((i) => !walkedMsg.includes(i)),
    skipped: [...expansion.skipped, ...walkedMsg.map((i) => ({ path: displayPath(i.path), why: 'an Outlook .msg, not a store (inspect reads it)' }))],
  };
}

function lsText(listings: readonly StoreListing[], json: boolean | undefined, columns: number | undefined): string {
  if (json) {
    const report: LsReport = { schema: LS_SCHEMA, tool: { name: 'pophist', version: toolVersion() }, stores: [...listings] };
    return `${JSON.stringify(report, null, 2)}\n`;
  }
  const several = listings.length > 1;
  const fit = (lines: string[]): string[] => (columns ? lines.flatMap((line) => fitLine(line, columns)) : lines);
  const blocks = listings.filter((l) => l.status === 'listed').map((l) => fit(several ? [`${escapeText(l.path)}:`, ...listingLines(l)] : listingLines(l)).join('\n'));
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

export const lsCommand = {
  // Optional for yargs so that a missing file gets our one-line message.
  command: 'ls [files..]',
  describe: 'List the folder tree of PST/OST files with message counts',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, default: undefined, describe: 'PST or OST files, or directories of them' })
      .option('fai', { type: 'boolean', default: false, describe: 'also list each folder-associated (hidden) message' })
      .option('json', { type: 'boolean', describe: `the listings as one JSON document (schema ${LS_SCHEMA}, schema/ls.schema.json)` })
      .option('recursive', { alias: 'r', type: 'boolean', default: false, describe: 'descend into subdirectories' })
      .option('hash', { type: 'boolean', default: false, describe: 'add the sha256 of each file' })
      .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: "write to FILE instead of standard output (never an existing file without --force, nor inside an input's directory)" })
      .option('force', { type: 'boolean', default: false, describe: 'replace an existing -o file' })
      .example('$0 ls evidence.pst', 'folders and their message counts')
      .example('$0 ls evidence.pst --fai', 'also the hidden messages, the Message Manager among them')
      .example('$0 ls -r case/ --json --hash -o listing.json', 'every store under a case folder, hashed, as JSON in a file'),
  handler: (args: LsArgs): number => {
    // `default: undefined` keeps "[default: []]" out of the help; yargs then passes [undefined].
    const files = (args.files ?? []).filter((f): f is string => typeof f === 'string');
    if (files.length === 0) throw new UsageError('ls needs at least one PST or OST file: pophist ls FILE…');
    const expansion = withoutWalkedMsg(expandInputs(files, args.recursive), files);
    const output = args.output === undefined ? undefined : planFile(args.output, '-o/--output', args.force, files.filter((f) => !isStdin(f)), inputIdentities(expansion));
    if (expansion.inputs.length === 0) throw new UsageError(nothingExamined(expansion));
    const listings: StoreListing[] = [];
    for (const input of expansion.inputs) {
      const { listing, problem } = input.path === '-' && input.error ? { listing: errorListing('-', input.error), problem: `-: ${input.error.message}` } : listFile(input.path, args.fai);
      if (args.hash && listing.status === 'listed') listing.sha256 = sha256File(input.path, statSync(input.path).size);
      // Seen even when stdout goes to a file, as with inspect.
      if (problem !== undefined) process.stderr.write(`pophist: ${escapeText(problem)}\n`);
      listings.push(listing);
    }
    // On a terminal every line fits its width, as inspect's table does; a file or a pipe gets whole lines.
    const columns = !output && process.stdout.isTTY ? process.stdout.columns : undefined;
    const text = lsText(listings, args.json, columns);
    if (output) writeWholeFile(output, text);
    else process.stdout.write(text);
    for (const s of expansion.skipped) process.stderr.write(`pophist: ${skippedLine(s)}\n`);
    const n = expansion.subdirectories;
    if (n > 0) process.stderr.write(`pophist: ${n} ${n === 1 ? 'subdirectory' : 'subdirectories'} not searched: add -r to search them\n`);
    const unreachable = expansion.skipped.some((s) => s.unreachable);
    return unreachable || listings.some((l) => l.status === 'error') ? 2 : 0;
  },
};
