// `pophist decode FILE`: a history blob already extracted (raw bytes, or hex text from a report or
// a dump). A file that is evidence itself (PST, OST, .msg) is sent to `inspect`, not decoded.

import type { Argv } from 'yargs';
import { BlobLimitError, blobTooLarge, inspectEvidence, kindOf, MAX_BLOB_INPUT_BYTES, NotAFileError, readWhole, DEFAULT_OPTIONS } from '../../analysis/index.js';
import { toSource } from '../../report/index.js';
import { cannotRead, UsageError } from '../errors.js';
import { parseHexText } from '../hexdump.js';
import { isStdin, rawArgument } from '../inputs.js';
import { optionsFromFlags } from '../resolve-options.js';
import { header, ReportOutput, withOutputFlags, type OutputFlags } from '../output.js';

/** Standard input up to the limit; refused, without reading on, once it goes past it. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BLOB_INPUT_BYTES) {
      process.stdin.destroy();
      throw blobTooLarge(size);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return isStdin(file) ? await readStdin() : readWhole(rawArgument(file), MAX_BLOB_INPUT_BYTES, blobTooLarge);
  } catch (e) {
    if (e instanceof NotAFileError || e instanceof BlobLimitError) throw new UsageError(`${what}: ${e.message}`);
    throw cannotRead(what, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}

const EVIDENCE_NAMES = { pst: 'a PST file (!BDN signature)', ost: 'an OST file (!BDN signature)', msg: 'an Outlook .msg or other compound file (D0CF11E0 signature)' } as const;

export function decodeCommand(setExit: (code: number) => void) {
  return {
    command: 'decode <file>',
    describe: 'Decode a POP3 history blob (raw bytes, hex text or an xxd / hexdump -C dump; - reads standard input)',
    builder: (y: Argv) =>
      withOutputFlags(
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'blob file, hex text file, or - for standard input' })
          .option('hex', { type: 'boolean', default: false, describe: 'treat the input as hex text even if it does not look like it' })
          .option('hash', { type: 'boolean', default: DEFAULT_OPTIONS.hash, describe: 'add the sha256 of the blob (for hex text, of the bytes it spells)' })
          .option('force', { type: 'boolean', default: false, describe: 'decode a PST, OST or compound file as if it were a blob' })
          .example('$0 decode Blobda8ea945.bin', 'a Blob attachment saved by another tool')
          .example('$0 decode - --json < blob.hex', 'hex text from a report, on standard input')
          .example('xxd Blob.bin | $0 decode -', 'an xxd or hexdump -C dump'),
      ),
    handler: async (args: { file: string; hex: boolean; hash: boolean; force: boolean } & OutputFlags): Promise<void> => {
      const what = isStdin(args.file) ? 'standard input' : args.file;
      const out = ReportOutput.open(args, isStdin(args.file) ? [] : [args.file]);
      const raw = await readInput(args.file, what);
      if (raw.length === 0) throw new UsageError(`${what}: empty file, nothing to decode`);
      let fromHex: Uint8Array | undefined;
      try {
        fromHex = parseHexText(Buffer.from(raw).toString('latin1'), MAX_BLOB_INPUT_BYTES);
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(`${what}: ${e.message}`);
        throw e;
      }
      if (args.hex && !fromHex) throw new UsageError(`${what} is not hex text (hex digits and white space, an even number of digits, or an xxd / hexdump -C dump)`);
      const bytes = fromHex ?? raw;
      const kind = kindOf(bytes);
      if (kind !== undefined && !args.force) {
        throw new UsageError(`${what} is ${EVIDENCE_NAMES[kind]}, not a history blob: use \`pophist inspect\` on it (or --force to decode its bytes as a blob)`);
      }
      const path = isStdin(args.file) ? '-' : args.file;
      const options = optionsFromFlags({ hash: args.hash, blob: true });
      await out.begin(header(options, args));
      await out.source(toSource(inspectEvidence({ path, bytes }, options)));
      await out.end();
      setExit(out.exitCode());
    },
  };
}
