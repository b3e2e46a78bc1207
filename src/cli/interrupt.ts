// SIGINT and SIGTERM during a run: the temporary files go, one line says how far the run got, and
// the exit code is the shell's for the signal (130, 143). No final file is left, and a streamed
// format on stdout lacks its end record, so a cut report is never taken for a whole one.

import { discardPendingOutputs } from './output-file.js';

const CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Installs the handlers; `done` is how many inputs were reported. Returns their removal. */
export function onInterrupt(done: () => number): () => void {
  const handler = (signal: keyof typeof CODES): void => {
    discardPendingOutputs();
    const n = done();
    process.stderr.write(`pophist: interrupted after ${n} ${n === 1 ? 'input' : 'inputs'}\n`);
    process.exit(CODES[signal]);
  };
  for (const signal of Object.keys(CODES) as (keyof typeof CODES)[]) process.on(signal, handler);
  return () => {
    for (const signal of Object.keys(CODES) as (keyof typeof CODES)[]) process.off(signal, handler);
  };
}
