// The progress bar: on a terminal, for the 10,000-message bench store (shown from its first report
// here, as the store takes under a second); never when stderr is a pipe, never with --quiet,
// never on stdout, never for a small store (with the default delay of a second). Not the
// 100,000-message store: with the delay at 0 the bar is drawn at the first report, which comes
// before any message is read, and 10,000 messages still move it 20 times (a report per 500);
// writing the 200 MB store cost a fresh temp directory more than the rest of the file.

import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHAPES, writeBenchStore } from '../../bench/stores.js';
import { runCli } from '../support/cli.js';
import { runOnTerminal } from '../support/pty.js';
import { samplePath } from '../support/samples.js';

// The store `npm run bench` writes and caches; written here the same way when it is not there yet.
const cache = join(tmpdir(), 'pophist-bench-cache');
const big = join(cache, SHAPES['10k'].name);

beforeAll(() => {
  if (existsSync(big)) return;
  mkdirSync(cache, { recursive: true });
  // Written here, by the bench's own writer: no tsx process to start and compile it first.
  const partial = `${big}.${process.pid}.partial`;
  writeBenchStore(partial, SHAPES['10k']);
  renameSync(partial, big);
}, 600_000);

const BAR = /bench-10k\.v2\.pst =*-* \d+\/10000 messages, \d+\/25 folders/;
// The bar from the first progress report, so that these tests do not hang on how fast the machine is.
const now = { ...process.env, POPHIST_PROGRESS_DELAY: '0' };

describe('inspect on the 10,000-message store', () => {
  it('shows the bar on a terminal, on stderr only: stdout (to /dev/null here) holds none of it', () => {
    const r = runOnTerminal(['inspect', big, '--csv'], { columns: 120, redirect: '> /dev/null', env: now });
    expect(r.code).toBe(0);
    expect(r.screen).toMatch(BAR);
  });

  it('shows nothing when stderr is a pipe', () => {
    const r = runCli(['inspect', big, '--csv'], { env: now });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/messages, \d+\/\d+ folders/);
  });

  it('--quiet: nothing on the terminal', () => {
    const r = runOnTerminal(['inspect', big, '--csv', '--quiet'], { columns: 120, redirect: '> /dev/null', env: now });
    expect(r.code).toBe(0);
    expect(r.screen).toBe('');
  });
});

it('a small store, which takes well under a second, shows no bar', () => {
  const r = runOnTerminal(['inspect', samplePath('pop3-unicode.pst'), '--json'], { columns: 120, redirect: '> /dev/null' });
  expect(r.code).toBe(0);
  expect(r.screen).toBe('');
});
