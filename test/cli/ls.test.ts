// `pophist ls`: the folder tree with counts, and with --fai the hidden messages.

import { expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

it('lists folders with their counts and, with --fai, the Message Manager', () => {
  const r = runCli(['ls', samplePath('pop3-unicode.pst'), '--fai']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('store "Alice (POP3)" (unicode, encryption permute)');
  expect(r.stdout).toMatch(/^ {4}Inbox {2}\[0x8082\] {2}12 messages, 2 associated$/m);
  expect(r.stdout).toMatch(/^ {6}Projects {2}\[0x[0-9A-F]+\] {2}5 messages, 0 associated$/m);
  expect(r.stdout).toContain('· IPM.MessageManager  "Outlook Message Manager () (KEY: 47656E6572616C204B657900)"');
});

it('fails with one line and exit 2 on a file that is not a PST', () => {
  const r = runCli(['ls', samplePath('docs-example.bin')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`pophist: ${samplePath('docs-example.bin')}: no !BDN signature: this is not a PST or OST file (file, offset 0)\n`);
});

it('names a missing file in one line, exit 2', () => {
  const r = runCli(['ls', '/nonexistent/evidence.pst']);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('pophist: cannot read /nonexistent/evidence.pst: ENOENT\n');
});
