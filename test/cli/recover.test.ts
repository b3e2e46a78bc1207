// `pophist inspect --recover`: older Message Managers and histories from freed space. On the two
// rewritten samples every older version comes back with its exact tags (the partly overwritten one
// with exactly the tags whose bytes were not reused); on every other sample and on the 39 corpus
// stores, whatever is reported is confirmed by an independent look at the decoded bytes.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { pstCrc } from '../../src/pst/ndb/crc.js';
import { cyclic, permuteDecode } from '../../src/pst/ndb/crypt.js';
import { SAMPLES, type TagSpec } from '../../tools/samples/spec.js';
import { managerSubject } from '../../tools/samples/build.js';
import { runCliInProcess } from '../support/cli.js';
import { corpusDir, corpusFiles, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { samplePath, spec } from '../support/samples.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';

interface Location {
  offset: number;
  bid: string;
  nid?: string;
  allocation: string;
  freeBy?: string;
  validation: string[];
}
interface EntryJson {
  index: number;
  uid: string;
  operation: string;
  content: string;
  time: string;
  tag: string;
}
interface RecoveredJson {
  kind: 'manager' | 'attachment' | 'history';
  subject?: string;
  matchedBy?: string;
  status?: string;
  attachments?: { filename?: string; longFilename?: string; role: string; dataSurvives: boolean }[];
  manager?: number;
  account?: { smtp?: string; uid?: string };
  lost?: { from: number; to: number; by: string }[];
  entries?: EntryJson[];
  span?: { first: string; last: string };
  live?: { history: number; olderOnly: { uid: string; operation: string; time: string; correlation?: { status: string; candidates: { subject?: string }[] } }[] };
  location: Location;
}
interface SourceJson {
  path: string;
  format?: { variant: string; encryption: string };
  managers: unknown[];
  recovered?: RecoveredJson[];
  recoveryScan?: { amap: string; bytes: number };
}

// The report is what is checked, not the process: the CLI runs in-process.
async function inspect(args: string[]): Promise<SourceJson[]> {
  const r = await runCliInProcess(['inspect', ...args, '--json']);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  return report.sources;
}

const row = (t: { operation: string; content: string; time: string; uid: string }): string[] => [t.operation, t.content, t.time, t.uid];

/** The tags of `tags` that a reader may report once `lost` byte ranges of their blob were reused:
 * those whose bytes, and the NUL before them that marks their start, all lie outside the ranges. */
function surviving(tags: TagSpec[], trailer: number[] | undefined, lost: { from: number; to: number }[]): TagSpec[] {
  const blob = encodeBlob(tags, trailer ? { trailer: Uint8Array.from(trailer) } : {});
  const out: TagSpec[] = [];
  let at = 4;
  for (const t of tags) {
    const end = blob.indexOf(0, at);
    if (!lost.some((l) => at - 1 < l.to && end + 1 > l.from)) out.push(t);
    at = end + 1;
  }
  return out;
}

/** Independent check: the bytes at the item's offset, decoded with the store's method (cyclic keyed
 * by the bid in the block's own trailer), contain `needle`. */
function blockHolds(file: string, encryption: string, variant: string, loc: Location, needle: Buffer): boolean {
  const bytes = readFileSync(file);
  const trailer = variant === 'ansi' ? 12 : 16;
  // The trailer follows the data, 64-byte aligned: find it from the offset and cb.
  for (let total = 64; total <= 8192; total += 64) {
    const t = loc.offset + total - trailer;
    if (t + trailer > bytes.length) break;
    const cb = bytes.readUInt16LE(t);
    if (Math.ceil((cb + trailer) / 64) * 64 !== total) continue;
    const bid = variant === 'ansi' ? bytes.readUInt32LE(t + 4) : Number(bytes.readBigUInt64LE(t + 8) & 0xffffffffn);
    if ((BigInt(loc.bid) & 0xffffffffn) !== BigInt(bid)) continue;
    const data = Uint8Array.from(bytes.subarray(loc.offset, loc.offset + cb));
    if (encryption === 'permute') permuteDecode(data);
    if (encryption === 'cyclic') cyclic(data, bid);
    return Buffer.from(data).includes(needle);
  }
  return false;
}

/** The class string as the store writes it: UTF-16LE in Unicode stores, 8-bit in ANSI ones. */
const classBytes = (variant: string): Buffer => Buffer.from('IPM.MessageManager', variant === 'ansi' ? 'latin1' : 'utf16le');

/** Independent check over the whole file, for stores whose encoding does not depend on the block: occurrences of `needle`. */
function occurrences(file: string, encryption: string, needle: Buffer): number {
  const data = Uint8Array.from(readFileSync(file));
  if (encryption === 'permute') permuteDecode(data);
  const buf = Buffer.from(data);
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) n++;
  return n;
}

describe.each(SAMPLES.filter((s) => s.olderManagers).map((s) => s.file))('%s --recover', (file) => {
  const s = spec(file);
  const account = s.manager!.accounts[0]!;
  const liveUids = new Set(account.tags.map((t) => t.uid));
  let source: SourceJson;
  let recovered: RecoveredJson[];
  let managers: RecoveredJson[];
  let histories: RecoveredJson[];
  beforeAll(async () => {
    [source] = (await inspect([samplePath(file), '--recover'])) as [SourceJson];
    recovered = source.recovered!;
    managers = recovered.filter((r) => r.kind === 'manager');
    histories = recovered.filter((r) => r.kind === 'history' && r.entries!.length > 0);
  });

  it('recovers every older Message Manager, from a freed NBT leaf page, with its attachments', () => {
    expect(source.recoveryScan!.amap).toBe('valid');
    expect(managers).toHaveLength(s.olderManagers!.length);
    for (const m of managers) {
      expect(m).toMatchObject({ subject: managerSubject('', s.manager!.key), matchedBy: 'conversation-key', status: 'whole' });
      expect(m.attachments!.map((a) => [a.filename, a.longFilename, a.role])).toEqual([
        [`Blob${account.miniUid}`, `BlobPOP${account.smtp}`, 'history'],
        [`Restags${account.miniUid}`, `RestagsPOP${account.smtp}`, 'restags'],
      ]);
      expect(m.location).toMatchObject({ allocation: 'free', freeBy: 'free-page' });
      expect(m.location.validation).toEqual(expect.arrayContaining(['trailer-crc', 'btree-slot', 'heap-signature']));
    }
    // The live manager stays live: never among the recovered.
    expect(source.managers).toHaveLength(1);
  });

  it('gives each older version its exact tags; the partly overwritten one only the tags outside the reused bytes', () => {
    expect(histories).toHaveLength(s.olderManagers!.length);
    s.olderManagers!.forEach((older, i) => {
      const h = histories[i]!;
      const tags = older.accounts[0]!.tags;
      expect(h.account).toEqual({ smtp: account.smtp, uid: account.miniUid });
      expect(h.manager).toBe(i);
      if (!older.partlyOverwritten) {
        expect(h.status).toBe('whole');
        expect(h.lost).toEqual([]);
        expect(h.entries!.map(row)).toEqual(tags.map(row));
        return;
      }
      expect(h.status).toBe('partial');
      expect(h.lost).toHaveLength(1);
      expect(h.lost![0]!.by).toMatch(/^freed block 0x[0-9A-F]+ at \d+$/);
      expect(h.location.validation).toContain('trailer-crc-mismatch');
      const expected = surviving(tags, account.trailer, h.lost!);
      expect(expected.length).toBeLessThan(tags.length);
      expect(expected.length).toBeGreaterThan(tags.length / 2);
      expect(h.entries!.map(row)).toEqual(expected.map(row));
    });
  });

  it('lists the UIDs only older versions hold, with the version span, tied to the store where it still has the message', () => {
    s.olderManagers!.forEach((older, i) => {
      const h = histories[i]!;
      const kept = older.partlyOverwritten ? surviving(older.accounts[0]!.tags, account.trailer, h.lost!) : older.accounts[0]!.tags;
      expect(h.live!.history).toBe(0);
      expect(h.live!.olderOnly.map((o) => o.uid)).toEqual([...new Set(kept.map((t) => t.uid))].filter((u) => !liveUids.has(u)));
      const times = kept.map((t) => t.time).sort();
      expect(h.span).toEqual({ first: times[0], last: times[times.length - 1] });
    });
    const old1 = histories[0]!.live!.olderOnly.find((o) => o.uid === 'old-1')!;
    expect(old1.correlation).toMatchObject({ status: 'matched', candidates: [{ subject: 'POP3 message old-1' }] });
    expect(histories[0]!.live!.olderOnly.find((o) => o.uid === 'old.2@pop')!.correlation!.status).toBe('not-in-store');
  });

  it('each recovered manager and history is confirmed by an independent look at the decoded block', () => {
    for (const r of recovered) {
      const needle = r.kind === 'history' ? Buffer.from(`${r.entries![0]!.tag}\0`, 'utf8') : classBytes(s.variant);
      if (r.kind === 'attachment') continue;
      expect(blockHolds(samplePath(file), s.encryption, s.variant, r.location, needle), `${r.kind} at ${r.location.offset}`).toBe(true);
    }
    if (s.encryption !== 'cyclic') {
      // Whole-file scan: the live manager's PC and its associated-contents row, and one PC per older version.
      expect(occurrences(samplePath(file), s.encryption, classBytes(s.variant))).toBeGreaterThanOrEqual(2 + managers.length);
    }
  });

  it('--ndjson gives one valid line per recovered item; the table has a section for them', async () => {
    const lines = (await runCliInProcess(['inspect', samplePath(file), '--recover', '--ndjson'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
    expect(lines.filter((l) => l.type === 'recovered').map((l) => l.item)).toEqual(recovered);
    const table = (await runCliInProcess(['inspect', samplePath(file), '--recover'])).stdout;
    expect(table).toContain(`Recovered from freed space: ${recovered.length} items`);
    expect(table).toMatch(/History .*: partial, \d+ tags/);
    expect(table).toContain('lost: bytes');
  });

  it('with fAMapValid cleared, the whole file is scanned and the same items come back, free because the BBT does not list them', async () => {
    const bytes = Buffer.from(readFileSync(samplePath(file)));
    // ROOT.fAMapValid, then the header CRCs over it. [MS-PST] 2.2.2.5, 2.2.2.6
    bytes[s.variant === 'ansi' ? 164 + 36 : 180 + 68] = 0;
    bytes.writeUInt32LE(pstCrc(bytes.subarray(8, 8 + 471)), 4);
    if (s.variant !== 'ansi') bytes.writeUInt32LE(pstCrc(bytes.subarray(8, 8 + 516)), 524);
    const copy = join(mkdtempSync(join(tmpdir(), 'pophist-recover-')), file);
    writeFileSync(copy, bytes);
    const [again] = await inspect([copy, '--recover']);
    expect(again!.recoveryScan!.amap).toBe('not-valid');
    const strip = (r: RecoveredJson) => ({ ...r, location: { ...r.location, freeBy: undefined } });
    expect(again!.recovered!.map(strip)).toEqual(recovered.map(strip));
    for (const r of again!.recovered!.filter((x) => x.kind === 'history')) expect(r.location.freeBy).toBe('not-in-bbt');
  });

  it('without --recover, nothing recovered is reported', async () => {
    expect((await inspect([samplePath(file)]))[0]!.recovered).toBeUndefined();
  });
});

describe('--recover on samples with no freed space', () => {
  it.each(SAMPLES.filter((s) => !s.olderManagers).map((s) => s.file))('%s: recovers nothing', async (file) => {
    const [source] = await inspect([samplePath(file), '--recover']);
    expect(source!.recovered).toEqual([]);
    expect(source!.recoveryScan!.amap).toBe('not-valid');
  });
});

describeWithCorpus('--recover on the 39 corpus stores: no false positives', () => {
  let sources: SourceJson[];
  beforeAll(async () => {
    sources = (await inspect([corpusDir, '--recover'])).filter((s) => s.format);
  });

  it('scans all 38 PSTs', () => {
    expect(sources).toHaveLength(38);
    for (const s of sources) expect(s.recoveryScan!.bytes).toBeGreaterThan(0);
  });

  it.each(corpusFiles().filter((f) => f !== HTML_FILE))('%s: every recovered item is confirmed independently; none where the decoded file has no manager', (name) => {
    const s = sources.find((x) => x.path.split('/').pop() === name)!;
    expect(s, name).toBeDefined();
    const { variant, encryption } = s.format!;
    for (const r of s.recovered!) {
      if (r.kind === 'attachment') continue;
      const needle = r.kind === 'history' ? Buffer.from(`${r.entries![0]?.tag ?? ''}\0`, 'utf8') : classBytes(variant);
      expect(blockHolds(s.path, encryption, variant, r.location, needle), `${r.kind} at ${r.location.offset}`).toBe(true);
    }
    if (encryption !== 'cyclic') {
      const seen = occurrences(s.path, encryption, classBytes(variant));
      const recoveredManagers = s.recovered!.filter((r) => r.kind === 'manager').length;
      // A live manager's class is in its PC and in its folder's associated-contents row.
      expect(recoveredManagers).toBeLessThanOrEqual(Math.max(0, seen - s.managers.length));
      if (seen === 0) expect(s.recovered).toEqual([]);
    }
  });
});
