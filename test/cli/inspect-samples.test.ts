// `pophist inspect` on the reference samples: what samples/README.md says of each, derived here from
// the same specs the samples were written from (tools/samples/spec.ts).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/analysis/options.js';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { asNid } from '../../src/pst/ndb/ids.js';
import { PstStore } from '../../src/pst/messaging/store.js';
import { PstWriter } from '../../tools/pstwrite/store.js';
import { OLD_PROFILE_KEY, SAMPLES } from '../../tools/samples/spec.js';
import { runCli } from '../support/cli.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';
import { isDownload, samplePath, spec } from '../support/samples.js';

const ipm = '/Top of Personal Folders';
const WINDOW = DEFAULT_OPTIONS.window;

interface Candidate {
  folder: string;
  subject?: string;
  nid: string;
}
interface EntryJson {
  index: number;
  uid: string;
  operation: string;
  content: string;
  time: string;
  correlation?: { status: string; rule?: string; evidence: string[]; deltaSeconds?: number; candidates: Candidate[]; contradictions: (Candidate & { reason: string })[]; consistency?: string };
  findings?: { code: string; severity: string }[];
  integrity?: unknown;
}
interface HistoryJson {
  role: string;
  account: { smtp?: string; uid?: string; servers?: string[] };
  entries: EntryJson[];
  anomalies: { code: string; severity: string }[];
  selected?: boolean;
  trailer?: string;
  summary?: { downloads: number; matched: number; ambiguous: number; notInStore: number; inconsistent: number; deleteOnly: number };
  integrity?: unknown;
  unexplained?: Candidate[];
  notInHistory?: { uid: string; server: string; messages: Candidate[] }[];
}
interface SourceJson {
  kind?: string;
  status: string;
  unread?: string[];
  store?: { inbox?: string; inboxFoundBy: string };
  managers: { folder?: string; matchedBy: string; selected?: boolean; profileName?: string; key?: string; keyText?: string; attachments: { role: string; selected?: boolean; smtp?: string; accountUid?: string }[] }[];
  histories: HistoryJson[];
  warnings: { code: string; message?: string }[];
}

function inspect(file: string, ...args: string[]): { code: number; source: SourceJson; raw: string } {
  const r = runCli(['inspect', file, '--json', ...args]);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  return { code: r.code, source: report.sources[0], raw: r.stdout };
}

describe.each(SAMPLES.filter((s) => s.manager).map((s) => s.file))('%s', (file) => {
  const s = spec(file);
  const { code, source, raw } = inspect(samplePath(file));

  it('finds the history of every account, exit 0', () => {
    expect(code).toBe(0);
    expect(source.status).toBe('history-found');
    const histories = source.histories.filter((h) => h.role === 'history');
    // A history named by its mini UID only (`Blob<uid>`) names no address.
    const smtp = (a: NonNullable<typeof s.manager>['accounts'][number]) => (a.naming === 'mini-uid-only' ? {} : { smtp: a.smtp });
    expect(histories.map((h) => h.account)).toEqual(s.manager!.accounts.map((a) => ({ ...smtp(a), uid: a.miniUid, servers: s.pop3Server ? [s.pop3Server] : [] })));
    histories.forEach((h, i) => {
      const a = s.manager!.accounts[i]!;
      expect(h.entries.map((e) => [e.operation, e.content, e.time, e.uid])).toEqual(a.tags.map((t) => [t.operation, t.content, t.time, t.uid]));
      expect(h.anomalies.filter((x) => x.severity !== 'info')).toEqual([]);
    });
  });

  it('ties each download to the message it created, by rule', () => {
    for (const [k, a] of s.manager!.accounts.entries()) {
      const h = source.histories.filter((x) => x.role === 'history')[k]!;
      for (const t of a.tags) {
        const entry = h.entries.find((x) => x.uid === t.uid && x.time === t.time)!;
        if (!isDownload(t)) {
          expect(entry.correlation).toBeUndefined();
          continue;
        }
        if (!t.folder) {
          expect(entry.correlation).toMatchObject({ status: 'not-in-store', evidence: [], candidates: [] });
          continue;
        }
        const where = `${ipm}/${t.folder}`;
        if (s.pop3Server) {
          // The message names its own UID: the strongest rule, whatever its creation time; copies are one match.
          const named = s.pop3Anonymous ? [] : ['PidLidInternetAccountName'];
          const evidence = ['PidLidRemoteEntryId', ...named, ...(t.skewSeconds ? [] : ['PR_CREATION_TIME']), 'PR_MESSAGE_DELIVERY_TIME'];
          // Another tag's message created on this tag's second (a skewed one) says another UID: a contradiction, kept.
          const others = a.tags.filter((o) => o !== t && o.folder && o.skewSeconds && Math.abs(Date.parse(o.time) + o.skewSeconds * 1000 - Date.parse(t.time)) <= WINDOW * 1000);
          const contradictions = others.map(() => expect.objectContaining({ reason: 'remote-id-names-another-uid' }));
          // Created more than the window before its tag, or a contradiction: never a plain match.
          const consistency = others.length > 0 || Math.abs(t.skewSeconds ?? 0) > WINDOW ? 'inconsistent' : 'consistent';
          expect(entry.correlation).toMatchObject({ status: 'matched', rule: 'remote-uid', evidence, deltaSeconds: t.skewSeconds ?? 0, contradictions, consistency });
          expect(entry.correlation!.candidates.map((c) => c.folder).sort()).toEqual([t.folder, ...(t.copies ?? [])].map((f) => `${ipm}/${f}`).sort());
          expect(new Set(entry.correlation!.candidates.map((c) => c.subject))).toEqual(new Set([`POP3 message ${t.uid}`]));
        } else if (t.twinSameSecond) {
          expect(entry.correlation).toMatchObject({ status: 'ambiguous', rule: 'creation-time', deltaSeconds: 0 });
          expect(entry.correlation!.candidates.map((c) => c.folder)).toEqual([where, where]);
        } else if (t.skewSeconds) {
          expect(entry.correlation).toMatchObject({ status: 'matched', rule: 'creation-time-near', deltaSeconds: t.skewSeconds });
        } else {
          expect(entry.correlation).toMatchObject({ status: 'matched', rule: 'creation-time', evidence: ['PR_CREATION_TIME', 'PR_MESSAGE_DELIVERY_TIME'], deltaSeconds: 0 });
          expect(entry.correlation!.candidates).toHaveLength(1);
          expect(entry.correlation!.candidates[0]).toMatchObject({ folder: where, subject: `POP3 message ${t.uid}` });
        }
      }
    }
  });

  it('gives a byte-identical report on a second run', () => {
    expect(inspect(samplePath(file)).raw).toBe(raw);
  });

  it('every NDJSON line validates', () => {
    const lines = runCli(['inspect', samplePath(file), '--ndjson']).stdout.trim().split('\n');
    for (const l of lines) expect(validateNdjsonLine(JSON.parse(l)), schemaErrors(validateNdjsonLine)).toBe(true);
  });
});

// The cases of pop3Cases (tools/samples/spec.ts), in a Unicode permute and an ANSI cyclic store.
describe.each(['pop3-unicode.pst', 'pop3-ansi-cyclic.pst'])('%s: what the store itself says about each download', (file) => {
  const s = spec(file);
  const account = s.manager!.accounts[0]!;
  const { source } = inspect(samplePath(file));
  const h = source.histories[0]!;
  const other = (subject: string) => s.otherMessages.find((m) => m.subject === subject)!;
  const entryOf = (uid: string) => h.entries.find((e) => e.uid === uid && e.operation !== 'deleted')!;
  const gone = account.tags.filter((t) => isDownload(t) && !t.folder);

  it('never offers a contact, appointment, task, sent mail or draft as a candidate, contradiction or unexplained message', () => {
    const never = ['IPM.Contact', 'IPM.Appointment', 'IPM.Task'].map((c) => s.otherMessages.find((m) => m.messageClass === c)!.subject);
    never.push('Re: quarterly figures', 'Draft written between downloads');
    const named = [
      ...h.entries.flatMap((e) => [...(e.correlation?.candidates ?? []), ...(e.correlation?.contradictions ?? [])]),
      ...(h.unexplained ?? []),
    ].map((c) => c.subject);
    for (const n of never) expect(named).not.toContain(n);
    // ...though each lies on the second of a tag whose own message is gone.
    const nonMail = other('Contact saved on a tag second').created;
    expect(entryOf(gone.find((t) => t.time === nonMail)!.uid).correlation).toEqual({ status: 'not-in-store', evidence: [], candidates: [], contradictions: [] });
  });

  it('a tag on the creation second of another download is no match: the remote id names another UID', () => {
    const tag = gone.find((t) => account.tags.some((o) => o !== t && o.folder && o.time === t.time))!;
    const owner = account.tags.find((o) => o !== tag && o.folder && o.time === tag.time)!;
    expect(entryOf(tag.uid).correlation).toMatchObject({ status: 'not-in-store', candidates: [] });
    expect(entryOf(tag.uid).correlation!.contradictions).toEqual([
      expect.objectContaining({ reason: 'remote-id-names-another-uid', subject: `POP3 message ${owner.uid}`, folder: `${ipm}/${owner.folder}` }),
    ]);
    expect(entryOf(owner.uid).correlation).toMatchObject({ status: 'matched', rule: 'remote-uid' });
  });

  it('a message of a second account with the same UID on the same second is a contradiction, not a match', () => {
    const m = other('Downloaded by another account');
    const c = entryOf(m.origin!.uid).correlation!;
    expect(c).toMatchObject({ status: 'not-in-store', candidates: [] });
    expect(c.contradictions).toEqual([expect.objectContaining({ reason: 'another-account', subject: m.subject })]);
    expect(h.account.servers).toEqual([s.pop3Server]);
  });

  it('two copies of one download are one match with two candidates', () => {
    const t = account.tags.find((x) => x.copies)!;
    expect(entryOf(t.uid).correlation).toMatchObject({ status: 'matched', rule: 'remote-uid' });
    expect(entryOf(t.uid).correlation!.candidates).toHaveLength(2);
  });

  it('lists the download whose UID the history no longer holds, both copies, under notInHistory', () => {
    const m = other('Downloaded, UID no longer listed');
    expect(h.notInHistory).toHaveLength(1);
    expect(h.notInHistory![0]).toMatchObject({ uid: m.origin!.uid, server: m.origin!.server });
    expect(h.notInHistory![0]!.messages.map((x) => x.folder).sort()).toEqual([`${ipm}/Deleted Items`, `${ipm}/Inbox`]);
  });

  it('unexplained holds only the imported message: received class, no POP3 origin, within the span', () => {
    expect(h.unexplained!.map((u) => u.subject)).toEqual(['Imported message with no POP3 origin']);
    expect(source.warnings).toEqual([]);
  });
});

describe('what each sample shows in particular', () => {
  it('pop3-unicode: the Message Manager, the Outlook 2016 trailer as info, an empty Restags, the summary and the unexplained draft', () => {
    const { source } = inspect(samplePath('pop3-unicode.pst'));
    expect(source.store).toEqual({ displayName: 'Alice (POP3)', inbox: `${ipm}/Inbox`, inboxFoundBy: 'receive-folder-table' });
    expect(source.managers).toHaveLength(1);
    expect(source.managers[0]).toMatchObject({ folder: `${ipm}/Inbox`, matchedBy: 'conversation-key', profileName: '', key: '47656E6572616C204B657900', keyText: 'General Key' });
    expect(source.managers[0]!.attachments.map((a) => [a.role, a.smtp, a.accountUid])).toEqual([
      ['history', 'alice@example.com', 'da8ea945'],
      ['restags', 'alice@example.com', 'da8ea945'],
    ]);
    const h = source.histories[0]!;
    expect(h.trailer).toBe('000000006b1f025c');
    expect(h.anomalies).toEqual([expect.objectContaining({ code: 'TRAILER', severity: 'info' })]);
    expect(h.summary).toEqual({ downloads: 19, matched: 16, ambiguous: 0, notInStore: 3, inconsistent: 2, deleteOnly: 0 });
    expect(h.unexplained!.map((u) => [u.folder, u.subject])).toEqual([[`${ipm}/Inbox`, 'Imported message with no POP3 origin']]);
    expect(source.histories).toHaveLength(1); // the empty Restags is listed, not decoded
    expect(source.warnings).toEqual([]);
  });

  it('localized-inbox: the receive-folder table finds "Boîte de réception", not the decoy named Inbox', () => {
    const { source } = inspect(samplePath('localized-inbox.pst'));
    expect(source.store).toMatchObject({ inbox: `${ipm}/Boîte de réception`, inboxFoundBy: 'receive-folder-table' });
    expect(source.managers[0]!.folder).toBe(`${ipm}/Boîte de réception`);
  });

  it('pre2010-profile: matched by class only, until the analyst gives the profile name and key', () => {
    const plain = inspect(samplePath('pre2010-profile.pst')).source;
    expect(plain.managers[0]).toMatchObject({ matchedBy: 'class', profileName: 'Outlook', key: Buffer.from(OLD_PROFILE_KEY).toString('hex').toUpperCase() });
    expect(plain.managers[0]!.selected).toBeUndefined();
    const key = Buffer.from(OLD_PROFILE_KEY).toString('hex');
    const told = inspect(samplePath('pre2010-profile.pst'), '--profile-name', 'Outlook', '--search-key', key, '--smtp', 'dave@example.com').source;
    expect(told.managers[0]).toMatchObject({ matchedBy: 'search-key', selected: true });
    expect(told.managers[0]!.attachments.map((a) => a.selected)).toEqual([true, false]);
    expect(told.histories[0]!.selected).toBe(true);
  });

  it('two-accounts: two histories, a decoded Restags, and Outlook\'s choice for one account', () => {
    const { source } = inspect(samplePath('two-accounts.pst'), '--smtp', 'carol@example.net');
    expect(source.histories.map((h) => [h.role, h.account.smtp, h.entries.length, h.selected])).toEqual([
      ['history', 'alice@example.com', 2, false],
      ['history', 'carol@example.net', 3, true],
      ['restags', 'carol@example.net', 2, false],
    ]);
  });

  it('correlation-cases: ambiguous lists both candidates; a 1-second skew is near with deltaSeconds 1', () => {
    const { source } = inspect(samplePath('correlation-cases.pst'));
    const [same, skew] = source.histories[0]!.entries;
    expect(same!.correlation!.candidates).toHaveLength(2);
    expect(skew!.correlation).toMatchObject({ status: 'matched', rule: 'creation-time-near', deltaSeconds: 1 });
    expect(inspect(samplePath('correlation-cases.pst'), '--window', '0').source.histories[0]!.entries[1]!.correlation!.status).toBe('not-in-store');
  });

  it('no-history: exit 1, no manager', () => {
    const r = inspect(samplePath('no-history.pst'));
    expect(r.code).toBe(1);
    expect(r.source).toMatchObject({ status: 'no-history', managers: [], histories: [] });
  });

  it('message-manager.msg reports the same history as pop3-unicode.pst', () => {
    const msg = inspect(samplePath('message-manager.msg')).source;
    const pst = inspect(samplePath('pop3-unicode.pst'), '--no-correlate').source;
    expect(msg.histories).toEqual(pst.histories);
    expect(msg.managers[0]!.attachments).toEqual(pst.managers[0]!.attachments);
  });

  it('--no-correlate leaves correlation out', () => {
    const { source } = inspect(samplePath('pop3-unicode.pst'), '--no-correlate');
    expect(source.histories[0]!.entries.every((e) => e.correlation === undefined)).toBe(true);
  });

  it('an OST (wMagicClient "SO") is typed as one, whatever its name', () => {
    const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
    bytes.set([0x53, 0x4f], 8); // "SO", [MS-PST] 2.2.2.6
    const f = join(mkdtempSync(join(tmpdir(), 'pophist-ost-')), 'mailbox.dat');
    writeFileSync(f, bytes);
    const { code, source } = inspect(f);
    expect(code).toBe(0);
    expect(source).toMatchObject({ kind: 'ost', status: 'history-found' });
    // The edit breaks the header CRCs, which is said, and reading goes on.
    expect(source.warnings).toEqual([
      expect.objectContaining({ code: 'CRC_MISMATCH', offset: 4 }),
      expect.objectContaining({ code: 'CRC_MISMATCH', offset: 524 }),
    ]);
  });

  it('a directory is inspected file by file, typed by content', () => {
    const r = runCli(['inspect', join(samplePath('.')), '--json']);
    const paths = JSON.parse(r.stdout).sources.map((x: { path: string; kind: string }) => [x.path.split('/').pop(), x.kind]);
    expect(paths).toContainEqual(['message-manager.msg', 'msg']);
    expect(paths).toContainEqual(['pop3-ansi-cyclic.pst', 'pst']);
    expect(paths.find((p: string[]) => p[0] === 'docs-example.bin')).toBeUndefined();
    // The samples whose history block was altered with its CRC left stale are inconclusive: exit 2.
    const inconclusive = JSON.parse(r.stdout).sources.filter((x: { status: string }) => x.status === 'inconclusive').map((x: { path: string }) => x.path.split('/').pop());
    expect(inconclusive.sort()).toEqual(['pop3-damaged-ansi.pst', 'pop3-damaged.pst']);
    expect(r.code).toBe(2);
  });
});

describe('damaged and odd histories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pophist-inspect-'));

  it('a stale CRC on the block holding the blob gives the entries, each marked damaged, and a warning naming the history blob: inconclusive, exit 2', () => {
    const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
    const store = new PstStore(new BufferSource(bytes));
    const inbox = [...store.walk()].find((f) => f.name === 'Inbox')!;
    const manager = inbox.associatedNids().map((n) => store.message(n)).find((m) => m.messageClass === 'IPM.MessageManager')!;
    const blobAttachment = manager.attachments()[0]!;
    const db = new NodeDatabase(new BufferSource(bytes));
    const node = db.requireNode(asNid(manager.nid)).subnode(blobAttachment.nid)!;
    const bid = node.blockIds()[0]!;
    const ib = db.blocks.offsetOf(bid)!;
    const total = Math.ceil((db.blocks.size(bid) + 16) / 64) * 64;
    bytes[ib + total - 12]! ^= 0xff; // dwCRC of the attachment's block
    const f = join(dir, 'stale-crc.pst');
    writeFileSync(f, bytes);
    const { code, source } = inspect(f);
    expect(code).toBe(2);
    expect(source.status).toBe('inconclusive');
    const damaged = { status: 'damaged', blocks: [{ bid: `0x${bid.toString(16).toUpperCase()}`, offset: ib, problem: 'CRC_MISMATCH' }] };
    expect(source.histories[0]!.integrity).toEqual(damaged);
    expect(source.histories[0]!.entries).toHaveLength(21);
    for (const e of source.histories[0]!.entries) expect(e.integrity).toEqual(damaged);
    expect(source.unread).toEqual([expect.stringContaining(`the history blob of alice@example.com (read from block ${damaged.blocks[0]!.bid} at offset ${ib}, CRC_MISMATCH)`)]);
    expect(source.warnings).toContainEqual(expect.objectContaining({ code: 'CRC_MISMATCH', layer: 'ndb', offset: ib, message: expect.stringContaining('this block holds the POP3 history blob (attachment 0') }));
    const table = runCli(['inspect', f]);
    expect(table.stdout).toContain('history found (damaged block)');
  });

  it('a stale CRC on the Message Manager\'s own block or on its attachment table: the warning says which it holds', () => {
    for (const [part, holds] of [
      ['manager', 'this block holds the Message Manager 0x'],
      ['table', 'this block holds the attachment table of the Message Manager 0x'],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
      const store = new PstStore(new BufferSource(bytes));
      const inbox = [...store.walk()].find((f) => f.name === 'Inbox')!;
      const manager = inbox.associatedNids().map((n) => store.message(n)).find((m) => m.messageClass === 'IPM.MessageManager')!;
      const db = new NodeDatabase(new BufferSource(bytes));
      const node = db.requireNode(asNid(manager.nid));
      const bid = (part === 'manager' ? node : node.subnode(asNid(0x671))!).blockIds()[0]!;
      const ib = db.blocks.offsetOf(bid)!;
      bytes[ib + Math.ceil((db.blocks.size(bid) + 16) / 64) * 64 - 12]! ^= 0xff; // dwCRC
      const f = join(dir, `stale-crc-${part}.pst`);
      writeFileSync(f, bytes);
      const { source } = inspect(f);
      expect(source.warnings).toContainEqual(expect.objectContaining({ code: 'CRC_MISMATCH', message: expect.stringContaining(holds) }));
    }
  });

  it('a blob with version 2 and a count that disagrees is still decoded, the anomalies reported', () => {
    const f = join(dir, 'odd-blob.pst');
    const w = new PstWriter(f, { variant: 'unicode', encryption: 'none', displayName: 'odd' });
    const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
    w.setInbox(inbox);
    const tags = [{ operation: 'downloaded' as const, content: 'body' as const, time: '2024-01-01T00:00:00Z', uid: 'odd-1' }];
    w.addAssociated(inbox, {
      messageClass: 'IPM.MessageManager',
      subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
      attachments: [{ filename: 'Blob01020304', longFilename: 'BlobPOPodd@example.com', data: encodeBlob(tags, { version: 2, declaredCount: 4 }) }],
    });
    w.finish();
    const { code, source } = inspect(f);
    expect(code).toBe(0);
    expect(source.histories[0]!.entries.map((e) => e.uid)).toEqual(['odd-1']);
    expect(source.histories[0]!.anomalies.map((a) => a.code)).toEqual(['BAD_VERSION', 'COUNT_MISMATCH']);
    expect(source.managers[0]!.matchedBy).toBe('subject');
  });

  it('a mismatch between the Blob name and PR_ATTACH_ADDITIONAL_INFO is a warning', () => {
    const f = join(dir, 'uid-mismatch.pst');
    const w = new PstWriter(f, { variant: 'unicode', encryption: 'none', displayName: 'mismatch' });
    const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
    w.setInbox(inbox);
    w.addAssociated(inbox, {
      messageClass: 'IPM.MessageManager',
      subject: 'x',
      attachments: [{ filename: 'Blobaaaaaaaa', additionalInfo: Uint8Array.of(1, 2, 3, 4), data: encodeBlob([]) }],
    });
    w.finish();
    expect(inspect(f).source.warnings).toContainEqual(expect.objectContaining({ code: 'ACCOUNT_UID_MISMATCH' }));
  });
});
