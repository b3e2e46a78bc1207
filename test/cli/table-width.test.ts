// The table on a terminal: no line wider than the terminal, the full table with --wide, colour
// unless NO_COLOR is set; and in a pipe, today's full-width table without colour.

import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { corpusDir, describeWithCorpus } from '../support/corpus.js';
import { columnsOf, runOnTerminal, stripColour } from '../support/pty.js';
import { samplePath } from '../support/samples.js';

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!('NO_COLOR' in extra)) delete e.NO_COLOR;
  return e;
};
const widest = (screen: string): number => Math.max(...screen.split('\n').map(columnsOf));
const stores = ['pop3-unicode.pst', 'correlation-cases.pst', 'two-accounts.pst', 'pop3-ansi-cyclic.pst'].map(samplePath);

describe.each([80, 120])('a %i-column terminal', (columns) => {
  it('gets no line wider than the terminal, on every sample with a history and on a blob', async () => {
    for (const args of [['inspect', ...stores], ['decode', samplePath('docs-example.bin')]]) {
      const r = runOnTerminal(args, { columns, env: env() });
      expect(r.code).toBe(0);
      expect(widest(r.screen)).toBeLessThanOrEqual(columns);
    }
  });

  it('keeps every tag and puts each message on its own line under its row', async () => {
    const r = stripColour(runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns, env: env() }).screen);
    expect(r).toMatch(/^ {2}0 {3}down {7}body {5}2024-03-04T08:00:05Z {2}0BC535DB-EA63-11E1-A75C-00215AD7/m);
    expect(r).toMatch(/^ {6}matched \(remote-uid; PidLidRemoteEntryId, PidLidInternetAccountName,/m);
    expect(r).toMatch(/^ {2}18 {2}down\+del {3}body {5}2024-03-04T09:20:00Z {2}gone_2\.pop\n {6}not in store \[contradicted: 0x[0-9A-F]+ another-account\]$/m);
  });
});

it('a 60-column terminal: the content column gives way to the UID, and every line still fits', async () => {
  const r = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 60, env: env() });
  expect(widest(r.screen)).toBeLessThanOrEqual(60);
  const screen = stripColour(r.screen);
  expect(screen).toMatch(/^ {2}# {3}operation {2}time \(UTC\) {12}UID$/m);
  expect(screen).toMatch(/^ {2}18 {2}down\+del {3}2024-03-04T09:20:00Z {2}gone_2\.pop$/m);
});

describe('colour and --wide', () => {
  it('colours the statuses on a terminal', async () => {
    const screen = runOnTerminal(['inspect', samplePath('correlation-cases.pst'), samplePath('pop3-unicode.pst')], { columns: 120, env: env() }).screen;
    expect(screen).toContain('\x1b[32mhistory found\x1b[39m');
    expect(screen).toContain('\x1b[32mmatched\x1b[39m (remote-uid;');
    expect(screen).toContain('\x1b[32mmatched\x1b[39m (creation-time;');
    expect(screen).toContain('\x1b[33mambiguous\x1b[39m (creation-time;');
    expect(screen).toContain('\x1b[31mnot in store\x1b[39m');
    expect(screen).toContain('\x1b[36minfo\x1b[39m: TRAILER');
  });

  it('NO_COLOR set: the same text, no colour', async () => {
    const plain = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 120, env: env({ NO_COLOR: '1' }) }).screen;
    const coloured = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 120, env: env() }).screen;
    expect(plain).not.toContain('\x1b[');
    expect(plain).toBe(stripColour(coloured));
  });

  it('--wide: the full table, however narrow the terminal', async () => {
    const r = stripColour(runOnTerminal(['inspect', samplePath('pop3-unicode.pst'), '--wide'], { columns: 80, env: env() }).screen);
    expect(r).toBe((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst')])).stdout);
  });

  it('stdout into a pipe, from a terminal: the full table and no colour', async () => {
    const r = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 80, env: env(), redirect: '| cat' });
    expect(r.screen).not.toContain('\x1b[');
    expect(r.screen).toBe((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst')])).stdout);
    expect(widest(r.screen)).toBeGreaterThan(200);
  });
});

describeWithCorpus('the corpus on an 80-column terminal', () => {
  it('every report line fits (the one-line errors on stderr stay whole, for grep)', async () => {
    const r = runOnTerminal(['inspect', corpusDir], { columns: 80, env: env() });
    const report = stripColour(r.screen)
      .split('\n')
      .filter((l) => !l.startsWith('pophist: '));
    expect(report.length).toBeGreaterThan(39);
    expect(Math.max(...report.map(columnsOf))).toBeLessThanOrEqual(80);
  });
});
