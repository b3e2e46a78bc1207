// The table on a terminal: no line wider than the terminal, the full table with --wide, colour
// unless NO_COLOR is set; and in a pipe, today's full-width table without colour.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliInProcess } from '../support/cli.js';
import { corpusDir, corpusFiles, describeWithCorpus } from '../support/corpus.js';
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
  it('gets no line wider than the terminal, on every sample with a history and on a blob', () => {
    for (const args of [['inspect', ...stores], ['decode', samplePath('docs-example.bin')]]) {
      const r = runOnTerminal(args, { columns, env: env() });
      expect(r.code).toBe(0);
      expect(widest(r.screen)).toBeLessThanOrEqual(columns);
    }
  });

  it('keeps every tag and puts each message on its own line under its row', () => {
    const r = stripColour(runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns, env: env() }).screen);
    // At 80 columns the 36-character UID is wider than its column: it moves whole to a line of its own.
    if (columns === 80) expect(r).toMatch(/^ {2}0 {3}down {7}body {5}2024-03-04T08:00:05Z\n {6}UID 0BC535DB-EA63-11E1-A75C-00215AD7BB74$/m);
    else expect(r).toMatch(/^ {2}0 {3}down {7}body {5}2024-03-04T08:00:05Z {2}0BC535DB-EA63-11E1-A75C-00215AD7BB74$/m);
    expect(r).toMatch(/^ {6}matched \(remote-uid; PidLidRemoteEntryId, PidLidInternetAccountName,/m);
    expect(r).toMatch(/^ {2}18 {2}down\+del {3}body {5}2024-03-04T09:20:00Z {2}gone_2\.pop\n {6}not in store \[contradicted: 0x[0-9A-F]+ another-account\]$/m);
  });
});

it('a 60-column terminal: the content column gives way to the UID, and every line still fits', () => {
  const r = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 60, env: env() });
  expect(widest(r.screen)).toBeLessThanOrEqual(60);
  const screen = stripColour(r.screen);
  expect(screen).toMatch(/^ {2}# {3}operation {2}time \(UTC\) {12}UID$/m);
  expect(screen).toMatch(/^ {2}18 {2}down\+del {3}2024-03-04T09:20:00Z {2}gone_2\.pop$/m);
});

describe.each([60, 80])('a %i-column terminal: UIDs and NIDs are never split', (columns) => {
  it('every UID and NID of the samples is whole on one line of the screen', async () => {
    const files = [...stores, samplePath('pop3-rewritten.pst')];
    const screen = stripColour(runOnTerminal(['inspect', ...files, '--recover'], { columns, env: env() }).screen);
    // What to look for on the screen, from in-process runs: the terminal is only the screen's.
    const report = JSON.parse((await runCliInProcess(['inspect', ...files, '--recover', '--json'])).stdout) as { sources: unknown[] };
    const json = JSON.stringify(report);
    const uids = new Set([...json.matchAll(/"uid":"([^"]+)"/g)].map((m) => m[1]!));
    // The NIDs the table shows: those of the full table, as a pipe gets it.
    const nids = new Set([...(await runCliInProcess(['inspect', ...files, '--recover'])).stdout.matchAll(/\b0x[0-9A-F]{4,}\b/g)].map((m) => m[0]));
    expect(uids.size).toBeGreaterThan(40);
    expect(nids.size).toBeGreaterThan(10);
    const lines = screen.split('\n');
    for (const id of [...uids, ...nids]) expect(lines.some((l) => l.includes(id)), `${id} whole on a line`).toBe(true);
    expect(widest(screen)).toBeLessThanOrEqual(columns);
  });
});

it('an 80-column terminal: the tags of a recovered history are in aligned columns', () => {
  const screen = stripColour(runOnTerminal(['inspect', samplePath('pop3-rewritten.pst'), '--recover'], { columns: 80, env: env() }).screen);
  // Each recovered history's tag rows, as consecutive runs of lines.
  const histories = screen.split(/\n(?! {6}\d+ +[a-z-]+ +(?:none|header|body) +\d{4}-)/).map((block) => block.split('\n').slice(1));
  const rows = histories.reduce((a, b) => (b.length > a.length ? b : a));
  expect(rows.length).toBeGreaterThan(100);
  expect(rows.some((l) => l.includes('downloaded-and-deleted'))).toBe(true);
  for (const field of [/[a-z]/, /(none|header|body) /, /\d{4}-\d\d-\d\dT/]) {
    expect(new Set(rows.map((l) => l.search(field))).size, String(field)).toBe(1);
  }
});

it('ls --fai on an 80-column terminal: every line fits, and a NID is never split', async () => {
  const screen = stripColour(runOnTerminal(['ls', samplePath('pop3-unicode.pst'), '--fai'], { columns: 80, env: env() }).screen);
  expect(screen).toContain('IPM.MessageManager');
  expect(widest(screen)).toBeLessThanOrEqual(80);
  const listing = JSON.parse((await runCliInProcess(['ls', samplePath('pop3-unicode.pst'), '--fai', '--json'])).stdout);
  const nids = [...JSON.stringify(listing).matchAll(/"nid":"(0x[0-9A-F]+)"/g)].map((m) => m[1]!);
  expect(nids.length).toBeGreaterThan(10);
  for (const nid of nids) expect(screen).toContain(nid);
});

describe('colour and --wide', () => {
  it('colours the statuses on a terminal (--wide, where the Outlook 2016 trailer is shown)', () => {
    const screen = runOnTerminal(['inspect', samplePath('correlation-cases.pst'), samplePath('pop3-unicode.pst'), '--wide'], { columns: 120, env: env() }).screen;
    expect(screen).toContain('\x1b[32mhistory found\x1b[39m');
    expect(screen).toContain('\x1b[32mmatched\x1b[39m (remote-uid;');
    expect(screen).toContain('\x1b[32mmatched\x1b[39m (creation-time;');
    expect(screen).toContain('\x1b[33mambiguous\x1b[39m (creation-time;');
    expect(screen).toContain('\x1b[31mnot in store\x1b[39m');
    expect(screen).toContain('\x1b[36minfo\x1b[39m: TRAILER');
  });

  it('NO_COLOR set: the same text, no colour', () => {
    const plain = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 120, env: env({ NO_COLOR: '1' }) }).screen;
    const coloured = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 120, env: env() }).screen;
    expect(plain).not.toContain('\x1b[');
    expect(plain).toBe(stripColour(coloured));
  });

  it('--wide: the full table, however narrow the terminal', () => {
    const r = stripColour(runOnTerminal(['inspect', samplePath('pop3-unicode.pst'), '--wide'], { columns: 80, env: env() }).screen);
    expect(r).toBe(runCli(['inspect', samplePath('pop3-unicode.pst')]).stdout);
  });

  it('stdout into a pipe, from a terminal: the full table and no colour', () => {
    const r = runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns: 80, env: env(), redirect: '| cat' });
    expect(r.screen).not.toContain('\x1b[');
    expect(r.screen).toBe(runCli(['inspect', samplePath('pop3-unicode.pst')]).stdout);
    expect(widest(r.screen)).toBeGreaterThan(200);
  });
});

describeWithCorpus('the corpus on an 80-column terminal', () => {
  it('every report line fits (the one-line errors on stderr stay whole, for grep)', () => {
    const r = runOnTerminal(['inspect', corpusDir], { columns: 80, env: env() });
    const report = stripColour(r.screen)
      .split('\n')
      .filter((l) => !l.startsWith('pophist: '));
    expect(report.length).toBeGreaterThan(39);
    expect(Math.max(...report.map(columnsOf))).toBeLessThanOrEqual(80);
  });

  it('ls --fai of every corpus store fits too', () => {
    const stores = corpusFiles().map((f) => join(corpusDir, f));
    const screen = stripColour(runOnTerminal(['ls', '--fai', ...stores], { columns: 80, env: env() }).screen)
      .split('\n')
      .filter((l) => !l.startsWith('pophist: '));
    expect(screen.length).toBeGreaterThan(100);
    expect(Math.max(...screen.map(columnsOf))).toBeLessThanOrEqual(80);
  });
});
