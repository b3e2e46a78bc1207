// Issue 31 items 3 and 4 and the bound of issue 25's findings, run as an attacker would: the built
// CLI in a child process with a 256 MiB heap and 10 s of CPU (runBoxed).

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { PstWriter, type MessageSpec } from '../../tools/pstwrite/store.js';
import { pop3Origin } from '../../tools/samples/build.js';
import { runBoxed } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-consistency-'));
const KEY_SUBJECT = 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)';
const ACCOUNT = 'a@example.com';
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const T0 = Date.UTC(2024, 0, 1);

afterAll(() => execFileSync('rm', ['-rf', dir]));

/** A store whose Inbox holds a Message Manager with this history, and these messages. */
function store(name: string, tags: TagInput[], messages: MessageSpec[] = [], managerModified?: Date): string {
  const file = join(dir, name);
  const w = new PstWriter(file, { variant: 'unicode', encryption: 'none', displayName: name });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: KEY_SUBJECT,
    ...(managerModified ? { modified: managerModified } : {}),
    attachments: [{ filename: 'Blob01020304', longFilename: `BlobPOP${ACCOUNT}`, data: encodeBlob(tags) }],
  });
  for (const m of messages) w.addMessage(inbox, m);
  w.finish();
  return file;
}

interface Json {
  sources: {
    status: string;
    histories: {
      summary?: Record<string, number>;
      notInHistory?: { uid: string }[];
      entries: { index: number; uid: string; correlation?: { status: string; deleteOnly?: boolean; candidates: { subject?: string }[] }; findings?: { code: string }[] }[];
    }[];
  }[];
}

const downloaded = (uid: string, at: number): MessageSpec => ({
  messageClass: 'IPM.Note',
  subject: `POP3 message ${uid}`,
  created: new Date(at),
  delivered: new Date(at - 30_000),
  ...pop3Origin({ server: 'localhost', uid, account: ACCOUNT }, false),
});

describe('every UID with messages is accounted for (issue 31, item 3)', () => {
  it('a history whose tags for UIDs 6–9 all read deleted reports the four messages stamped POP://localhost/6…9, each at its delete-only tag', () => {
    const uids = ['6', '7', '8', '9'];
    const tags = uids.map((uid, i): TagInput => ({ operation: 'deleted', content: 'body', time: iso(T0 + 3_600_000 + i * 1000), uid }));
    const file = store('delete-only.pst', tags, uids.map((uid, i) => downloaded(uid, T0 + i * 60_000)));
    const r = runBoxed(['inspect', file, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Json;
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    const h = report.sources[0]!.histories[0]!;
    expect(h.summary).toMatchObject({ downloads: 0, deleteOnly: 4 });
    expect(h.notInHistory).toEqual([]);
    for (const uid of uids) {
      const e = h.entries.find((x) => x.uid === uid)!;
      expect(e.correlation).toMatchObject({ status: 'matched', deleteOnly: true, candidates: [{ subject: `POP3 message ${uid}` }] });
    }
    const table = runBoxed(['inspect', file]).stdout;
    expect(table.match(/matched to its delete-only tag/g)).toHaveLength(4);
  });
});

describe('wide windows and long histories stay within the box (issue 31 item 4, issue 25)', () => {
  it('65,535 tags with no message and --window 86400 finish within 10 s of CPU and 256 MiB', () => {
    const tags = Array.from({ length: 65_535 }, (_, i): TagInput => ({ operation: 'downloaded', content: 'body', time: iso(T0 + i * 1000), uid: `u${i}` }));
    // Items that are never candidates (contacts), hundreds within every tag's window: each tag looks at a bounded few.
    const others = Array.from({ length: 300 }, (_, i): MessageSpec => ({ messageClass: 'IPM.Contact', subject: `contact ${i}`, created: new Date(T0 + i * 200) }));
    const file = store('wide-window.pst', tags, others);
    const r = runBoxed(['inspect', file, '--window', '86400', '--ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('{"type":"entry"'))).toHaveLength(65_535);
  });

  it('a 65,535-tag history where every tag carries findings (time going backwards, after the last write) is reported whole, in the box', () => {
    const tags = Array.from({ length: 65_535 }, (_, i): TagInput => ({ operation: 'downloaded', content: 'body', time: iso(T0 + (65_535 - i) * 1000), uid: `u${i}` }));
    const file = store('all-inconsistent.pst', tags, [], new Date(T0));
    const r = runBoxed(['inspect', file, '--ndjson']);
    expect(r.code).toBe(0);
    const entries = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{"type":"entry"'))
      .map((l) => JSON.parse(l) as { findings?: { code: string }[] });
    expect(entries.filter((e) => e.findings?.some((f) => f.code === 'time-after-last-write'))).toHaveLength(65_535);
    expect(entries.filter((e) => e.findings?.some((f) => f.code === 'time-goes-backwards'))).toHaveLength(65_534);
    const table = runBoxed(['inspect', file]).stdout;
    expect(table).toMatch(/… \d+ more findings not shown here; --json or --ndjson list all 131069/);
  });
});
