// The command line: one module per command, data on stdout, one-line errors on stderr,
// grep-style exit codes (0 found, 1 nothing found, 2 an input or the usage was bad).

import yargs from 'yargs';
import { PstFormatError } from '../pst/index.js';
import { escapeText, TIMELINE_FORMATS, toolVersion } from '../report/index.js';
import { preparedArguments } from './argv.js';
import { accountsCommand } from './commands/accounts.js';
import { caseCommand } from './commands/case.js';
import { decodeCommand } from './commands/decode.js';
import { inspectCommand } from './commands/inspect.js';
import { lsCommand } from './commands/ls.js';
import { UsageError } from './errors.js';
import { STDIN_ARG } from './inputs.js';
import { discardPendingOutputs, systemReason } from './output-file.js';

/** An error of the system (ENOSPC, EIO…) that reached the top: said in one line, never as a stack trace. */
const isSystemError = (e: unknown): e is NodeJS.ErrnoException => e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';

let stdoutGuarded = false;

/** `pophist … | head` closes the pipe early: that is the reader's choice, not an error to report. */
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG, said in one line with the
  // temporary file removed, instead of the signal killing the run and leaving it behind.
  process.on('SIGXFSZ', () => {});
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    discardPendingOutputs();
    process.stderr.write(`pophist: cannot write standard output: ${systemReason(e)}\n`);
    process.exit(2);
  });
}

/** The part of yargs' internals that skipHelpCache reaches: not in its typings. */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs renders the command's whole help after it starts a command's handler, to show should the
 * handler fail (yargs 18, lib/command.js). Our .fail never shows help, `--help` renders its own, and
 * that rendering was a tenth of a run's start-up: it is skipped. Should yargs' internals move, the
 * help is rendered as before.
 */
function skipHelpCache(parser: object): void {
  const usage = (parser as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

const UNKNOWN = /^Unknown arguments?: (.*)$/;
const NEEDS_VALUE = /^option --(\S+) needs a value$/;
const INVALID_CHOICE = /^Invalid values:\s+Argument: (\S+), Given: (.*), Choices: (.*)$/s;

/** The values an option takes, named when it is given none or a wrong one. */
const ALLOWED: Record<string, readonly string[]> = { timeline: TIMELINE_FORMATS };

/**
 * yargs' usage messages in our words: an unknown option as typed (yargs drops the dashes), told
 * apart from an unknown word; a missing argument pointed at the command's help.
 */
function usageMessage(msg: string, argv: readonly string[]): string {
  // yargs' count of positionals says nothing of what is missing; the command's help does.
  if (msg.startsWith('Not enough non-option arguments')) return `${argv[0]} needs an argument it was not given; pophist ${argv[0]} --help says what it takes`;
  const needs = NEEDS_VALUE.exec(msg);
  if (needs && ALLOWED[needs[1]!]) return `${msg}: one of ${ALLOWED[needs[1]!]!.join(', ')}`;
  const choice = INVALID_CHOICE.exec(msg);
  if (choice) {
    const given = choice[2] === 'true' ? 'no value' : choice[2]!;
    return `--${choice[1]} takes one of ${ALLOWED[choice[1]!]?.join(', ') ?? choice[3]!.replace(/"/g, '')}; got ${given}`;
  }
  const m = UNKNOWN.exec(msg);
  if (!m) return msg;
  const names = m[1]!.split(', ').map((name) => {
    if (argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) return `unknown option --${name}`;
    if (name.length === 1 && argv.some((a) => /^-[^-]/.test(a) && a.includes(name))) return name === 'v' ? 'unknown option -v (the version is -V or --version)' : `unknown option -${name}`;
    return `unknown command or argument "${name}"`;
  });
  return `${names.join('; ')}; pophist --help lists what is known`;
}

export async function main(argv: string[]): Promise<number> {
  guardStdout();
  let code = 0;
  const setExit = (c: number): void => {
    code = c;
  };
  let failure: string | undefined;
  try {
    const parser = yargs(preparedArguments(argv).map((a) => (a === '-' ? STDIN_ARG : a)));
    skipHelpCache(parser);
    await parser
      .scriptName('pophist')
      .usage('$0 <command> [options]\n\nReads the POP3 download history Outlook hides in PST, OST and MSG files.')
      .example('$0 inspect evidence.pst', 'every POP3 history in a store, as a table')
      .example('$0 decode Blobda8ea945.bin', 'a history blob another tool extracted')
      .command(inspectCommand(setExit))
      .command(caseCommand(setExit))
      .command(decodeCommand(setExit))
      .command({ ...lsCommand, handler: (a: Parameters<typeof lsCommand.handler>[0]) => setExit(lsCommand.handler(a)) })
      .command({ ...accountsCommand, handler: (a: Parameters<typeof accountsCommand.handler>[0]) => setExit(accountsCommand.handler(a)) })
      // No demandCommand: it would answer `pophist --frob` with "name a command" before strict
      // mode could name the unknown option. The default command says it instead.
      .command({
        command: '$0',
        describe: false,
        handler: () => {
          throw new UsageError('name a command: inspect, case, decode, ls or accounts (pophist --help lists them)');
        },
      })
      .strict()
      .updateStrings({ 'Not enough arguments following: %s': 'option --%s needs a value' })
      .version(toolVersion())
      .alias('V', 'version')
      .help()
      .alias('h', 'help')
      .exitProcess(false)
      .fail((msg: string | null, err: Error | undefined) => {
        // Usage problems and handler failures both end here; yargs would otherwise print its help.
        // yargs' own errors (YError: a missing value, a refused coerce) are usage problems too.
        if (err && err.name !== 'YError') throw err;
        throw new UsageError(usageMessage(msg ?? err?.message ?? 'invalid arguments', argv));
      })
      .wrap(Math.min(100, process.stdout.columns || 100))
      .parseAsync();
  } catch (e) {
    if (e instanceof UsageError) failure = e.message;
    else if (isSystemError(e)) failure = `stopped by a system error: ${systemReason(e)}`;
    else if (e instanceof PstFormatError) failure = e.describe();
    // A bug of ours still ends as one line and exit 2, never as a stack trace or as exit 1 ("nothing found").
    else failure = `internal error: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (failure !== undefined) {
    // No temporary file outlives a failed run: no partial report is ever left.
    discardPendingOutputs();
    // Paths and evidence text in the message reach a terminal: escaped, one line whatever they hold.
    process.stderr.write(`pophist: ${escapeText(failure)}\n`);
    return 2;
  }
  return code;
}
