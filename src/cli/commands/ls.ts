// `pophist ls FILE [--fai]`: the folder tree of a PST with message counts and, with --fai, each
// folder-associated message's class and subject. A debugging view of what inspect walks.

import type { Argv } from 'yargs';
import { formatNid, openPst, PstFormatError, type Nid, type PstStore } from '../../pst/index.js';
import { escapeText } from '../../report/index.js';
import { cannotRead, UsageError } from '../errors.js';

interface LsOptions {
  fai: boolean;
}

/** The listing as lines; damaged parts become `!` lines and the walk goes on. */
function listStore(store: PstStore, opts: LsOptions): string[] {
  const lines: string[] = [];
  const { variant, encryption } = store.format;
  lines.push(`store "${escapeText(store.displayName ?? '')}" (${variant}, encryption ${encryption})`);
  for (const folder of store.walk()) {
    const indent = '  '.repeat(folder.path.length);
    const name = folder.path.length === 0 ? '/' : escapeText(folder.name);
    let messages: number | string;
    let associated: Nid[] | undefined;
    try {
      messages = folder.messageNids().length;
      associated = folder.associatedNids();
    } catch (e) {
      if (!(e instanceof PstFormatError)) throw e;
      messages = `unreadable (${e.describe()})`;
    }
    lines.push(`${indent}${name}  [${formatNid(folder.nid)}]  ${messages} messages, ${associated?.length ?? '?'} associated`);
    if (!opts.fai || !associated) continue;
    for (const nid of associated) {
      try {
        const m = store.message(nid);
        const atts = m.attachments(store.warnings).length;
        lines.push(`${indent}  · ${escapeText(m.messageClass ?? '(no class)')}  "${escapeText(m.subject ?? '')}"  [${formatNid(nid)}, ${atts} attachments]`);
      } catch (e) {
        if (!(e instanceof PstFormatError)) throw e;
        lines.push(`${indent}  ! ${formatNid(nid)}: ${e.describe()}`);
      }
    }
  }
  for (const w of store.warnings.list) lines.push(`! ${w.message} (${[w.layer, w.id, w.offset === undefined ? undefined : `offset ${w.offset}`].filter(Boolean).join(', ')})`);
  return lines;
}

/** The store, or a one-line error naming the file (and, for a bad PST, the structure and offset). */
function open(file: string): PstStore {
  try {
    return openPst(file);
  } catch (e) {
    if (e instanceof PstFormatError) throw new UsageError(`${file}: ${e.describe()}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) throw cannotRead(file, code);
    throw e;
  }
}

export const lsCommand = {
  command: 'ls <file>',
  describe: 'List the folder tree of a PST/OST with message counts',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'PST or OST file' })
      .option('fai', { type: 'boolean', default: false, describe: 'also list each folder-associated (hidden) message' }),
  handler: (args: { file: string; fai: boolean }): number => {
    const store = open(args.file);
    try {
      process.stdout.write(`${listStore(store, { fai: args.fai }).join('\n')}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
