// `pophist ls FILE… [--fai] [--json]`: the folder tree of each PST with message counts and, with
// --fai, each folder-associated message's class and subject. A debugging view of what inspect walks.

import { closeSync } from 'node:fs';
import type { Argv } from 'yargs';
import { NotAFileError, openEvidence } from '../../analysis/index.js';
import { openPst, PstFormatError } from '../../pst/index.js';
import { escapeText, fitLine, toolVersion } from '../../report/index.js';
import { errorListing, listingError, listingLines, listStore, LS_SCHEMA, type LsReport, type StoreListing } from '../listing.js';
import { cannotRead, UsageError } from '../errors.js';
import { rawArgument } from '../inputs.js';

interface LsArgs {
  files?: (string | undefined)[];
  fai: boolean;
  json?: boolean;
}

/** One file's listing; a file that cannot be opened becomes an error listing and a line for stderr, and the others go on. */
function listFile(path: string, fai: boolean): { listing: StoreListing; problem?: string } {
  let store;
  try {
    // Only a regular file: a FIFO or a device is refused before the store is opened.
    const file = rawArgument(path);
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

export const lsCommand = {
  // Optional for yargs so that a missing file gets our one-line message.
  command: 'ls [files..]',
  describe: 'List the folder tree of PST/OST files with message counts',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, default: undefined, describe: 'PST or OST files' })
      .option('fai', { type: 'boolean', default: false, describe: 'also list each folder-associated (hidden) message' })
      .option('json', { type: 'boolean', describe: `the listings as one JSON document (schema ${LS_SCHEMA}, schema/ls.schema.json)` })
      .example('$0 ls evidence.pst', 'folders and their message counts')
      .example('$0 ls evidence.pst --fai', 'also the hidden messages, the Message Manager among them')
      .example('$0 ls *.pst --json', 'every listing as JSON'),
  handler: (args: LsArgs): number => {
    // `default: undefined` keeps "[default: []]" out of the help; yargs then passes [undefined].
    const files = (args.files ?? []).filter((f): f is string => typeof f === 'string');
    if (files.length === 0) throw new UsageError('ls needs at least one PST or OST file: pophist ls FILE…');
    const listings: StoreListing[] = [];
    for (const file of files) {
      const { listing, problem } = listFile(file, args.fai);
      // Seen even when stdout goes to a file, as with inspect.
      if (problem !== undefined) process.stderr.write(`pophist: ${escapeText(problem)}\n`);
      listings.push(listing);
    }
    if (args.json) {
      const report: LsReport = { schema: LS_SCHEMA, tool: { name: 'pophist', version: toolVersion() }, stores: listings };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      // On a terminal every line fits its width, as inspect's table does; a file or a pipe gets whole lines.
      const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
      const fit = (lines: string[]): string[] => (columns ? lines.flatMap((line) => fitLine(line, columns)) : lines);
      const blocks = listings.filter((l) => l.status === 'listed').map((l) => fit(files.length > 1 ? [`${escapeText(l.path)}:`, ...listingLines(l)] : listingLines(l)).join('\n'));
      if (blocks.length > 0) process.stdout.write(`${blocks.join('\n\n')}\n`);
    }
    return listings.some((l) => l.status === 'error') ? 2 : 0;
  },
};
