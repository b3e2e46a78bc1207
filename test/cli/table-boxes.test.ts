// cli-table3 draws the boxes of the full table, and is loaded only by a run that prints one: a
// preloaded hook on Node's module loader says on stderr when the CLI asks for it.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const MARK = '[cli-table3 loaded]';
const hook = join(mkdtempSync(join(tmpdir(), 'pophist-hook-')), 'hook.cjs');
writeFileSync(
  hook,
  `const M = require('node:module');
const load = M._load;
M._load = function (request, ...rest) {
  const m = load.call(this, request, ...rest);
  if (request === 'cli-table3') process.stderr.write(${JSON.stringify(`${MARK}\n`)});
  return m;
};
`,
);
const traced = (args: string[]): CliResult => runCli(args, { env: { ...process.env, NODE_OPTIONS: `--require ${hook}` } });

describe('the boxed table', () => {
  it('is drawn by cli-table3: the inspect and decode tables of the samples', () => {
    for (const args of [['inspect', samplePath('pop3-unicode.pst')], ['decode', samplePath('docs-example.bin')]]) {
      const r = traced(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(MARK);
      expect(r.stdout).toMatch(/^ {2}┌────┬──────/m);
      // The same bytes as without the hook: the hook only watches.
      expect(r.stdout).toBe(runCli(args).stdout);
    }
  });

  it('is not loaded by a run that prints no boxed table: JSON, CSV, a store without a history, ls', () => {
    for (const args of [
      ['inspect', samplePath('pop3-unicode.pst'), '--json'],
      ['inspect', samplePath('pop3-unicode.pst'), '--csv'],
      ['inspect', samplePath('no-history.pst')],
      ['ls', samplePath('pop3-unicode.pst')],
    ]) {
      const r = traced(args);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stderr, args.join(' ')).not.toContain(MARK);
    }
  });
});
