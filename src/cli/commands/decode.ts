// `pophist decode FILE`: a history blob already extracted (raw bytes, or hex text from a report).

import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { inspectEvidence, type EvidenceOptions } from '../../pop3/index.js';
import { reportOptions, toSource } from '../../report/index.js';
import { cannotRead, UsageError } from '../errors.js';
import { header, ReportOutput, withOutputFlags, type OutputFlags } from '../output.js';

const HEX_TEXT = /^(?:0x)?[0-9a-fA-F\s]*$/;

/** Hex text is what is left when whitespace is removed: only hex digits, an even number of them. */
function parseHexText(text: string): Uint8Array | undefined {
  if (!HEX_TEXT.test(text)) return undefined;
  const digits = text.replace(/^0x/, '').replace(/\s+/g, '');
  if (digits.length === 0 || digits.length % 2 !== 0) return undefined;
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

// yargs hands a lone "-" positional over as "".
const isStdin = (file: string): boolean => file === '-' || file === '';

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(isStdin(file) ? 0 : file));
  } catch (e) {
    throw cannotRead(isStdin(file) ? 'standard input' : file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

export function decodeCommand(setExit: (code: number) => void) {
  return {
    command: 'decode <file>',
    describe: 'Decode a POP3 history blob (raw bytes or hex text; - reads standard input)',
    builder: (y: Argv) =>
      withOutputFlags(
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'blob file, hex text file, or - for standard input' })
          .option('hex', { type: 'boolean', default: false, describe: 'treat the input as hex text even if it does not look like it' })
          .option('hash', { type: 'boolean', default: false, describe: 'add the sha256 of the blob (for hex text, of the bytes it spells)' })
          .example('$0 decode Blobda8ea945.bin', 'a Blob attachment saved by another tool')
          .example('$0 decode - --json < blob.hex', 'hex text from a report, on standard input'),
      ),
    handler: async (args: { file: string; hex: boolean; hash: boolean } & OutputFlags): Promise<void> => {
      const out = ReportOutput.open(args, isStdin(args.file) ? [] : [args.file]);
      const raw = readInput(args.file);
      const text = Buffer.from(raw).toString('latin1');
      const fromHex = parseHexText(text);
      if (args.hex && !fromHex) throw new UsageError(`${args.file} is not hex text (hex digits and white space, an even number of digits)`);
      const bytes = fromHex ?? raw;
      const path = isStdin(args.file) ? '-' : args.file;
      const options: EvidenceOptions = { as: 'blob', hash: args.hash };
      await out.begin(header(reportOptions(options), args));
      await out.source(toSource(inspectEvidence({ path, bytes }, options)));
      await out.end();
      setExit(out.exitCode());
    },
  };
}
