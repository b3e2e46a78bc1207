// `pophist ls`: the folder tree with counts, and with --fai the hidden messages.

import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { corpusFiles, corpusPath, describeWithCorpus } from '../support/corpus.js';
import { schemaErrors, validateLs } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

it('lists folders with their counts and, with --fai, the Message Manager', async () => {
  const r = (await runCliInProcess(['ls', samplePath('pop3-unicode.pst'), '--fai']));
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('store "Alice (POP3)" (unicode, encryption permute)');
  expect(r.stdout).toMatch(/^ {4}Inbox {2}\[0x8082\] {2}12 messages, 2 associated$/m);
  expect(r.stdout).toMatch(/^ {6}Projects {2}\[0x[0-9A-F]+\] {2}5 messages, 0 associated$/m);
  expect(r.stdout).toContain('· IPM.MessageManager  "Outlook Message Manager () (KEY: 47656E6572616C204B657900)"');
});

it('fails with one line and exit 2 on a file that is not a PST', async () => {
  const r = (await runCliInProcess(['ls', samplePath('docs-example.bin')]));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`pophist: ${samplePath('docs-example.bin')}: no !BDN signature: this is not a PST or OST file (file, offset 0)\n`);
});

it('names a missing file in one line, exit 2', async () => {
  const r = (await runCliInProcess(['ls', '/nonexistent/evidence.pst']));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('pophist: cannot read /nonexistent/evidence.pst: ENOENT\n');
});

describe('several files, --json', () => {
  it('lists each file under its name; an unreadable one is a line on stderr and exit 2, the others still listed', async () => {
    const r = (await runCliInProcess(['ls', samplePath('two-accounts.pst'), '/nonexistent/evidence.pst', samplePath('no-history.pst')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: cannot read /nonexistent/evidence.pst: ENOENT\n');
    const blocks = r.stdout.trimEnd().split('\n\n');
    expect(blocks.map((b) => b.split('\n').slice(0, 2))).toEqual([
      [`${samplePath('two-accounts.pst')}:`, 'store "Two accounts" (unicode, encryption none)'],
      [`${samplePath('no-history.pst')}:`, 'store "No POP3" (unicode, encryption permute)'],
    ]);
  });

  it('--json: one document, valid against schema/ls.schema.json, with the same counts as the text', async () => {
    const r = (await runCliInProcess(['ls', samplePath('pop3-unicode.pst'), samplePath('docs-example.bin'), '--fai', '--json']));
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(validateLs(doc), schemaErrors(validateLs)).toBe(true);
    expect(doc.stores.map((s: { status: string }) => s.status)).toEqual(['listed', 'error']);
    const inbox = doc.stores[0].folders.find((f: { path: string[] }) => f.path.join('/') === 'Top of Personal Folders/Inbox');
    expect(inbox).toMatchObject({ nid: '0x8082', messages: 12, associated: 2 });
    expect(inbox.associatedMessages).toContainEqual(expect.objectContaining({ messageClass: 'IPM.MessageManager', attachments: 2 }));
    expect(doc.stores[1].error).toMatchObject({ code: 'NOT_A_PST', layer: 'file', offset: 0 });
  });

  it('with no file, one line and exit 2', async () => {
    const r = (await runCliInProcess(['ls']));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: ls needs at least one PST or OST file: pophist ls FILE…\n');
  });
});

describeWithCorpus('ls --json on every corpus store', () => {
  it('validates against the schema, damaged stores included', async () => {
    const files = corpusFiles().map(corpusPath);
    const r = (await runCliInProcess(['ls', '--json', '--fai', ...files]));
    const doc = JSON.parse(r.stdout);
    expect(validateLs(doc), schemaErrors(validateLs)).toBe(true);
    expect(doc.stores).toHaveLength(files.length);
  });
});
