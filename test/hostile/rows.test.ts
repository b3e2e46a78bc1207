// The red-team findings F1–F13, one case each, run as an attacker would: the built CLI in a child
// process with a 256 MiB heap and 10 s of CPU (runBoxed), so a case that hangs or balloons
// fails here instead of taking the suite down.

import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBlob, EXTRA_TAG_MARGIN, MAX_UID_LENGTH, type TagInput } from '../../src/analysis/history/blob.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { NidType, SpecialNid, asNid, type Nid } from '../../src/pst/ndb/ids.js';
import { PstWriter, type FolderHandle } from '../../tools/pstwrite/store.js';
import { runBoxed } from '../support/cli.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateReport } from '../support/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-rows-'));
const KEY_SUBJECT = 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)';
const tag = (uid: string): TagInput => ({ operation: 'downloaded', content: 'body', time: '2024-01-01T00:00:00Z', uid });
const HISTORY = encodeBlob([tag('UID-1'), tag('UID-2')]);

interface Built {
  file: string;
  ipm: FolderHandle;
  inbox: FolderHandle;
  odd: FolderHandle;
}

/** An unencrypted store: Inbox with a Message Manager, and a folder whose name carries escapes. */
function build(name: string, history: Uint8Array = HISTORY): Built {
  const file = join(dir, name);
  const w = new PstWriter(file, { variant: 'unicode', encryption: 'none', displayName: name });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  w.addAssociated(inbox, { messageClass: 'IPM.MessageManager', subject: KEY_SUBJECT, attachments: [{ filename: 'Blob01020304', longFilename: 'BlobPOPa@example.com', data: history }] });
  const odd = w.addFolder(w.ipmSubtree, 'red\x1b[31m\u202eevil');
  w.addFolder(odd, 'child');
  w.finish();
  return { file, ipm: w.ipmSubtree, inbox, odd };
}

/** Breaks the heap signature of the first data block of node `nid`: every read of it fails. */
function breakNode(file: string, nid: Nid): void {
  const bytes = new Uint8Array(readFileSync(file));
  const db = new NodeDatabase(new BufferSource(bytes));
  const ib = db.blocks.offsetOf(db.requireNode(nid).blockIds()[0]!)!;
  expect(bytes[ib + 2]).toBe(0xec); // bSig of the heap-on-node header, [MS-PST] 2.3.1.2
  bytes[ib + 2] = 0;
  writeFileSync(file, bytes);
}

const sibling = (folder: FolderHandle, type: number): Nid => asNid((folder.nid & ~0x1f) | type);
const json = (stdout: string) => JSON.parse(stdout) as { sources: { status: string; path: string; unread?: string[]; warnings: { code: string; message: string }[]; error?: { code: string; message: string }; histories: { entries: { uid: string }[]; anomalies: { code: string; offset: number; message: string }[] }[] }[] };
const INVISIBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

afterAll(() => execFileSync('rm', ['-rf', dir]));

describe('hostile inputs, boxed to 256 MiB of heap and 10 s of CPU', () => {
  it('F1: decode /dev/zero is refused as a device; from standard input it stops at the size bound', () => {
    const r = runBoxed(['decode', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('pophist: /dev/zero: it is a character device, not a regular file: only regular files are read as evidence\n');
    const zero = openSync('/dev/zero', 'r');
    try {
      const s = runBoxed(['decode', '-', '--json'], { stdinFd: zero });
      expect(s.code).toBe(2);
      expect(s.stderr).toMatch(/^pophist: standard input: \d+ bytes or more, over the 67108864-byte limit on a blob \(limit: decode input size\)\n$/);
    } finally {
      closeSync(zero);
    }
  });

  it('F2: a FIFO with no writer is refused by inspect, ls and decode, and the other inputs go on', () => {
    const fifo = join(dir, 'pipe.pst');
    execFileSync('mkfifo', [fifo]);
    const i = runBoxed(['inspect', fifo, samplePath('pop3-unicode.pst'), '--json']);
    expect(i.code).toBe(2);
    const sources = json(i.stdout).sources;
    expect(sources[0]!.error).toMatchObject({ code: 'NOT_A_FILE', message: expect.stringContaining('FIFO') });
    expect(sources[1]!.status).toBe('history-found');
    for (const cmd of ['ls', 'decode']) {
      const r = runBoxed([cmd, fifo]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/FIFO \(named pipe\), not a regular file/);
    }
  });

  it('F3: links back up the tree are walked once and counted, with one loop or two', () => {
    const top = join(dir, 'loops');
    mkdirSync(join(top, 'sub'), { recursive: true });
    copyFileSync(samplePath('pop3-unicode.pst'), join(top, 'a.pst'));
    copyFileSync(samplePath('two-accounts.pst'), join(top, 'sub', 'b.pst'));
    symlinkSync('.', join(top, 'self'));
    symlinkSync('..', join(top, 'sub', 'up'));
    const r = runBoxed(['inspect', '-r', top, '--json', '--no-correlate']);
    expect(json(r.stdout).sources.map((s) => s.path)).toEqual([join(top, 'a.pst'), join(top, 'sub', 'b.pst')]);
    expect(r.stderr).toContain('pophist: 2 symbolic links to a directory already walked not followed\n');
  });

  it('F4: a 300 MB .msg is refused at the documented size before it is read', () => {
    const f = join(dir, 'big.msg');
    copyFileSync(samplePath('message-manager.msg'), f);
    truncateSync(f, 300 * 1024 * 1024); // sparse: no disk used
    const r = runBoxed(['inspect', f, '--json']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).sources[0]!.error).toMatchObject({ code: 'LIMIT', message: expect.stringContaining('limit: MSG size') });
  });

  it('F5: a blob with 150,000 tags past a declared count of 1 decodes count + margin, the rest said by size', () => {
    const many = encodeBlob(Array.from({ length: 150_000 }, (_, i) => tag(`u${i}`)), { declaredCount: 1 });
    const { file } = build('many-tags.pst', many);
    const csv = runBoxed(['inspect', file, '--csv']);
    expect(csv.stdout.split('\r\n').filter((l) => l.startsWith('entry,'))).toHaveLength(1 + EXTRA_TAG_MARGIN);
    const h = json(runBoxed(['inspect', file, '--json']).stdout).sources[0]!.histories[0]!;
    const limit = h.anomalies.find((a) => a.code === 'LIMIT')!;
    expect(limit.message).toMatch(/limit: tags per blob.* the \d+ bytes from here on are not decoded/);
    expect(h.anomalies).toContainEqual(expect.objectContaining({ code: 'TRAILER', offset: limit.offset, message: expect.stringContaining(`${many.length - limit.offset} bytes`) }));
  });

  it('F6: a file whose name is not UTF-8 is walked, opened and named with the byte escaped', () => {
    const sub = join(dir, 'names');
    mkdirSync(sub);
    const raw = Buffer.concat([Buffer.from(`${sub}/caf`), Buffer.from([0xe9]), Buffer.from('.pst')]);
    copyFileSync(samplePath('pop3-unicode.pst'), raw);
    const walked = runBoxed(['inspect', sub, '--json', '--no-correlate']);
    expect(json(walked.stdout).sources).toEqual([expect.objectContaining({ path: `${sub}/caf\\xE9.pst`, status: 'history-found' })]);
    // Named on the command line, as a shell passes the bytes.
    const named = execFileSync('sh', ['-c', `exec "${process.execPath}" --max-old-space-size=256 bin/pophist inspect --json --no-correlate "$(printf '${sub}/caf\\351.pst')"`], { encoding: 'utf8', timeout: 10_000 });
    expect(json(named).sources[0]).toMatchObject({ status: 'history-found' });
  });

  it('F7: evidence text in ls warnings is escaped', () => {
    const b = build('ls-warning.pst');
    breakNode(b.file, sibling(b.odd, NidType.HIERARCHY_TABLE));
    const r = runBoxed(['ls', b.file]);
    expect(r.stdout).toContain('subfolders of "/Top of Personal Folders/red\\x1B[31m\\u202Eevil"');
    expect(r.stdout).not.toMatch(INVISIBLE);
  });

  it('F8: a 5 MB UID is cut in the table and whole in JSON; invisible characters are escaped', () => {
    const huge = 'x'.repeat(5_000_000);
    const sneaky = 'a\u2028b\u2029c\u200bd\u200fe\u061cf\ufeffg\u2066h';
    const f = join(dir, 'huge-uid.bin');
    writeFileSync(f, encodeBlob([tag(huge), tag(sneaky)]));
    const table = runBoxed(['decode', f]);
    expect(table.stdout.length).toBeLessThan(20_000);
    expect(table.stdout).toContain(`${'x'.repeat(MAX_UID_LENGTH)}… (5000000 characters)`);
    expect(table.stdout).toContain('a\\u2028b\\u2029c\\u200Bd\\u200Fe\\u061Cf\\uFEFFg\\u2066h');
    expect(table.stdout).not.toMatch(INVISIBLE);
    const h = json(runBoxed(['decode', f, '--json']).stdout).sources[0]!.histories[0]!;
    expect(h.entries.map((e) => e.uid)).toEqual([huge, sneaky]);
    expect(h.anomalies).toEqual([expect.objectContaining({ code: 'LIMIT', offset: 4 + 16, message: expect.stringContaining('limit: UID length') })]);
  });

  it('F9: decode on a PST or a .msg points to inspect, exit 2; --force decodes the bytes', () => {
    const pst = runBoxed(['decode', samplePath('pop3-unicode.pst')]);
    expect(pst.code).toBe(2);
    expect(pst.stdout).toBe('');
    expect(pst.stderr).toMatch(/is a PST file \(!BDN signature\), not a history blob: use `pophist inspect`/);
    expect(runBoxed(['decode', samplePath('message-manager.msg')]).stderr).toMatch(/compound file .* use `pophist inspect`/);
    expect(runBoxed(['decode', samplePath('pop3-unicode.pst'), '--force', '--json']).stdout).toContain('"kind": "blob"');
  });

  it('F10: inspect - is refused with why, exit 2, and the other inputs go on', () => {
    const r = runBoxed(['inspect', '-', samplePath('pop3-unicode.pst'), '--json'], { input: readFileSync(samplePath('pop3-unicode.pst')) });
    expect(r.code).toBe(2);
    const [stdin, file] = json(r.stdout).sources;
    expect(stdin).toMatchObject({ path: '-', status: 'error', error: { code: 'NOT_A_FILE', message: expect.stringContaining('save it to a file') } });
    expect(file!.status).toBe('history-found');
  });

  describe('F11: damage on the way to the Message Manager is inconclusive, not "no history"', () => {
    it('the hierarchy above the Inbox cannot be read', () => {
      const b = build('no-hierarchy.pst');
      breakNode(b.file, sibling(b.ipm, NidType.HIERARCHY_TABLE));
      const r = runBoxed(['inspect', b.file, '--json']);
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout);
      expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
      expect(report.sources[0]).toMatchObject({ status: 'inconclusive', unread: ['subfolders of "/Top of Personal Folders"'] });
      expect(runBoxed(['inspect', b.file]).stdout).toContain('inconclusive: no history found, but could not read subfolders of "/Top of Personal Folders"');
    });

    it("the Inbox's associated contents cannot be read", () => {
      const b = build('no-assoc.pst');
      breakNode(b.file, sibling(b.inbox, NidType.ASSOC_CONTENTS_TABLE));
      const r = runBoxed(['inspect', b.file, '--json']);
      expect(r.code).toBe(2);
      expect(json(r.stdout).sources[0]).toMatchObject({ status: 'inconclusive', unread: ['associated contents of "/Top of Personal Folders/Inbox"'] });
    });

    it("the Message Manager's class was read from a block that fails its CRC: inconclusive, naming that read", () => {
      const b = build('damaged-class.pst');
      const bytes = readFileSync(b.file);
      const cls = Buffer.from('IPM.MessageManager', 'utf16le');
      let hits = 0;
      // Every copy of the class (the message's own properties and its row in the associated contents):
      // 'M' of "IPM" becomes 'N', and the block's CRC no longer holds.
      for (let at = bytes.indexOf(cls); at >= 0; at = bytes.indexOf(cls, at + 1), hits++) bytes[at + 4] = 0x4e;
      expect(hits).toBeGreaterThan(0);
      writeFileSync(b.file, bytes);
      const r = runBoxed(['inspect', b.file, '--json']);
      expect(r.code).toBe(2);
      const src = json(r.stdout).sources[0]!;
      expect(src.status).toBe('inconclusive');
      expect(src.warnings.some((w) => w.code === 'CRC_MISMATCH')).toBe(true);
      expect(src.unread!.length).toBeGreaterThan(0);
      for (const u of src.unread!) expect(u).toMatch(/^associated (contents|message 0x[0-9A-F]+ in) .*"\/Top of Personal Folders\/Inbox" ?\(read from a block that fails its CRC or signature\)$/);
    });

    it('the receive-folder table cannot be read: the Inbox is found by name and the history reported', () => {
      const b = build('no-receive-table.pst');
      breakNode(b.file, SpecialNid.RECEIVE_FOLDER_TABLE);
      const r = runBoxed(['inspect', b.file, '--json']);
      expect(r.code).toBe(0);
      expect(json(r.stdout).sources[0]!.status).toBe('history-found');
    });
  });

  it('F12: a path holding ESC and a newline is escaped in errors on stderr', () => {
    const sub = join(dir, 'odd');
    mkdirSync(sub);
    const odd = join(sub, 'red\x1b[31m\nline.txt');
    for (const cmd of ['ls', 'decode']) {
      const r = runBoxed([cmd, odd]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`pophist: cannot read ${sub}/red\\x1B[31m\\x0Aline.txt: ENOENT\n`);
    }
    writeFileSync(odd, 'not evidence');
    const walked = runBoxed(['inspect', sub, '--json']);
    // The folder's one file is not evidence: the run examined nothing, and its one line names it.
    expect(walked.stderr).toContain(`skipped ${sub}/red\\x1B[31m\\x0Aline.txt: not a PST, OST or MSG file`);
    expect(walked.stderr.split('\n')).toHaveLength(2);
    expect(walked.stderr).not.toMatch(INVISIBLE);
  });

  it('F13: a 10 GB file holding a small PST at its front: the data past ibFileEof is a warning with its size', () => {
    const f = join(dir, 'padded.pst');
    copyFileSync(samplePath('two-accounts.pst'), f);
    const size = readFileSync(f).length;
    truncateSync(f, 10 * 1024 ** 3); // sparse
    const r = runBoxed(['inspect', f, '--json', '--no-correlate']);
    expect(r.code).toBe(0);
    const s = json(r.stdout).sources[0]!;
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'PAST_EOF', offset: size, message: expect.stringContaining(`${10 * 1024 ** 3 - size} bytes after the end the header declares`) }));
  });
});
