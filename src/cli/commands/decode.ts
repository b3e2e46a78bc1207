// `pophist decode FILE`: a history blob already extracted (raw bytes, or hex text from a report or
// a dump). A file that is evidence itself (PST, OST, .msg) is sent to `inspect`, not decoded.

import type { Argv } from 'yargs';
import { decodeBlob } from '../../pop3/blob.js';
import { blobSource, exitCode, makeReport } from '../../report/build.js';
import { cannotRead, UsageError } from '../errors.js';
import { parseHexText } from '../hexdump.js';
import { isStdin, kindOf, NotAFileError, rawArgument, readWhole } from '../inputs.js';
import { writeReport, withOutputFlags, type OutputFlags } from '../output.js';

// A full blob is 65,535 tags of at most a few hundred bytes; as an xxd dump, about four times that.
// Anything larger is not a blob, and a file or pipe without end (/dev/zero) must not fill memory.
export const MAX_DECODE_BYTES = 64 * 1024 * 1024;

const tooLarge = (what: string) => (size: number) =>
  new UsageError(`${what} is ${size} bytes or more, over the ${MAX_DECODE_BYTES}-byte limit on decode input (limit: decode input size)`);

/** Standard input up to the limit; refused, without reading on, once it goes past it. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_DECODE_BYTES) {
      process.stdin.destroy();
      throw tooLarge('standard input')(size);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

async function readInput(file: string): Promise<Uint8Array> {
  const what = isStdin(file) ? 'standard input' : file;
  try {
    return isStdin(file) ? await readStdin() : readWhole(rawArgument(file), MAX_DECODE_BYTES, tooLarge(file));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof NotAFileError) throw new UsageError(`${what}: ${e.message}`);
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
          .option('force', { type: 'boolean', default: false, describe: 'decode a PST, OST or compound file as if it were a blob' }),
      ),
    handler: async (args: { file: string; hex: boolean; force: boolean } & OutputFlags): Promise<void> => {
      const what = isStdin(args.file) ? 'standard input' : args.file;
      const raw = await readInput(args.file);
      if (raw.length === 0) throw new UsageError(`${what}: empty file, nothing to decode`);
      let fromHex: Uint8Array | undefined;
      try {
        fromHex = parseHexText(Buffer.from(raw).toString('latin1'), MAX_DECODE_BYTES);
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(`${what}: ${e.message}`);
        throw e;
      }
      if (args.hex && !fromHex) throw new UsageError(`${what} is not hex text (hex digits and white space, an even number of digits, or an xxd / hexdump -C dump)`);
      const bytes = fromHex ?? raw;
      const kind = kindOf(bytes);
      if (kind !== 'unknown' && !args.force) {
        throw new UsageError(`${what} is ${EVIDENCE_NAMES[kind]}, not a history blob: use \`pophist inspect\` on it (or --force to decode its bytes as a blob)`);
      }
      const path = isStdin(args.file) ? '-' : args.file;
      const report = makeReport([blobSource({ path, kind: 'blob', size: bytes.length }, decodeBlob(bytes))]);
      await writeReport(report, args);
      setExit(exitCode(report));
    },
  };
}
