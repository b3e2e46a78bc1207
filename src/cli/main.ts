// The command line: one module per command, data on stdout, one-line errors on stderr,
// grep-style exit codes (0 found, 1 nothing found, 2 an input or the usage was bad).

import yargs from 'yargs';
import { PstFormatError } from '../pst/file/errors.js';
import { toolVersion } from '../report/build.js';
import { decodeCommand } from './commands/decode.js';
import { inspectCommand } from './commands/inspect.js';
import { lsCommand } from './commands/ls.js';
import { UsageError } from './errors.js';

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const setExit = (c: number): void => {
    code = c;
  };
  let failure: string | undefined;
  try {
    await yargs(argv)
      .scriptName('pophist')
      .usage('$0 <command> [options]\n\nReads the POP3 download history Outlook hides in PST, OST and MSG files.')
      .command(inspectCommand(setExit))
      .command(decodeCommand(setExit))
      .command({ ...lsCommand, handler: (a: { file: string; fai: boolean }) => setExit(lsCommand.handler(a)) })
      .demandCommand(1, 'name a command: inspect, decode or ls')
      .strict()
      .version(toolVersion())
      .help()
      .alias('h', 'help')
      .exitProcess(false)
      .fail((msg: string | null, err: Error | undefined) => {
        // Usage problems and handler failures both end here; yargs would otherwise print its help.
        if (err) throw err;
        throw new UsageError(msg ?? 'invalid arguments');
      })
      .wrap(Math.min(100, process.stdout.columns || 100))
      .parseAsync();
  } catch (e) {
    if (e instanceof UsageError) failure = e.message;
    else if (e instanceof PstFormatError) failure = e.describe();
    else throw e;
  }
  if (failure !== undefined) {
    process.stderr.write(`pophist: ${failure}\n`);
    return 2;
  }
  return code;
}
