// Issue 25 on real bytes: the tampered and damaged samples (Unicode permute, ANSI cyclic) come out
// with their findings, the innocent cases beside them with none, and every sample and corpus file
// where nothing was altered has no inconsistent entry. The reports are made in-process (what is
// checked is the report); reruns are compared across processes of the built CLI.

import { describe, expect, it } from 'vitest';
import { CONSISTENCY_SAMPLES, type ConsistencyTag } from '../../tools/samples/consistency-spec.js';
import { SAMPLES } from '../../tools/samples/spec.js';
import { runCli, runCliInProcess } from '../support/cli.js';
import { corpusDir, corpusFiles, describeWithCorpus } from '../support/corpus.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

interface Finding {
  code: string;
  severity: string;
}
interface Entry {
  index: number;
  uid: string;
  correlation?: { status: string; consistency?: string; contradictions: { reason: string }[] };
  findings?: Finding[];
  integrity?: { status: string; blocks: { bid: string; offset: number; problem: string }[] };
}
interface Report {
  sources: {
    path: string;
    status: string;
    histories: { role: string; entries: Entry[]; notInHistory?: { uid: string }[] }[];
    warnings: { code: string; message: string }[];
    recovered?: { kind: string; entries?: unknown[]; live?: { olderOnly: unknown[] } }[];
  }[];
}

const inspect = async (args: string[]): Promise<{ code: number; report: Report; raw: string }> => {
  const r = await runCliInProcess(['inspect', ...args, '--json']);
  const report = JSON.parse(r.stdout) as Report;
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  return { code: r.code, report, raw: r.stdout };
};

/** What a tag of these samples must show: its findings' codes, sorted. */
function expectedCodes(t: ConsistencyTag): string[] {
  if (t.tampered === 'rewritten-uid') return ['another-download-at-tag-time', 'created-before-download', 'created-before-download'];
  // Its time moved a day back: the message now looks delivered after the download, and a copy made later.
  if (t.tampered === 'altered-with-stale-crc') return ['copied-later', 'delivered-after-download'];
  return [];
}

const codes = (e: Entry): string[] => (e.findings ?? []).filter((f) => f.severity === 'warning').map((f) => f.code).sort();

// Each sample's report, made once (one after another: an in-process run holds standard output).
const reports = new Map<string, Awaited<ReturnType<typeof inspect>>>();
for (const s of CONSISTENCY_SAMPLES) reports.set(s.file, await inspect([samplePath(s.file)]));

describe.each(CONSISTENCY_SAMPLES.map((s) => [s.file, s] as const))('%s', (file, s) => {
  const tags = s.manager!.accounts[0]!.tags as ConsistencyTag[];
  const damaged = s.damageHistoryTag !== undefined;
  const { code, report } = reports.get(file)!;
  const source = report.sources[0]!;
  const history = source.histories.find((h) => h.role === 'history')!;

  it('each tampered tag has its findings and is matched but inconsistent; each innocent one is consistent with no finding', () => {
    for (const [i, t] of tags.entries()) {
      const e = history.entries[i]!;
      expect(e.uid).toBe(t.uid);
      expect(codes(e), t.uid).toEqual(expectedCodes(t));
      expect(e.findings ?? [], t.uid).toHaveLength(expectedCodes(t).length);
      expect(e.correlation, t.uid).toMatchObject({ status: 'matched', consistency: t.tampered ? 'inconsistent' : 'consistent' });
    }
  });

  it('the message at the rewritten tag\'s second is a contradiction, and its own UID is "not in history"', () => {
    const rewritten = history.entries[tags.findIndex((t) => t.tampered === 'rewritten-uid')]!;
    expect(rewritten.correlation!.contradictions).toEqual([expect.objectContaining({ reason: 'remote-id-names-another-uid' })]);
    expect(history.notInHistory!.map((n) => n.uid)).toEqual([s.otherMessages[0]!.origin!.uid]);
  });

  it(damaged ? 'the damaged block: inconclusive, exit 2, every tag marked, the warning says it holds the history blob' : 'an intact store: history found, exit 0, no tag marked', () => {
    expect(code).toBe(damaged ? 2 : 0);
    expect(source.status).toBe(damaged ? 'inconclusive' : 'history-found');
    for (const e of history.entries) {
      if (damaged) expect(e.integrity).toMatchObject({ status: 'damaged', blocks: [{ problem: 'CRC_MISMATCH' }] });
      else expect(e.integrity).toBeUndefined();
    }
    const crc = source.warnings.filter((w) => w.code === 'CRC_MISMATCH');
    if (damaged) expect(crc).toEqual([expect.objectContaining({ message: expect.stringContaining('this block holds the POP3 history blob') })]);
    else expect(crc).toEqual([]);
  });

  it.runIf(!damaged)('--recover: the older version Outlook rewrote with the same tags is no finding', async () => {
    const r = await inspect([samplePath(file), '--recover']);
    const older = r.report.sources[0]!.recovered!.filter((x) => x.kind === 'history');
    expect(older).toHaveLength(1);
    expect(older[0]!.live!.olderOnly).toEqual([]);
    const entries = r.report.sources[0]!.histories.find((h) => h.role === 'history')!.entries;
    expect(entries.flatMap((e) => e.findings ?? []).filter((f) => f.code === 'history-rewritten')).toEqual([]);
  });

  it('reruns are byte-identical, in JSON and in the table: the built CLI in a process of its own gives what the in-process run gave', async () => {
    expect(runCli(['inspect', samplePath(file), '--json']).stdout).toBe(reports.get(file)!.raw);
    expect(runCli(['inspect', samplePath(file)]).stdout).toBe((await runCliInProcess(['inspect', samplePath(file)])).stdout);
  });
});

/** Entries with a warning finding or an inconsistent match, as `file#index`. */
function inconsistent(report: Report): string[] {
  return report.sources.flatMap((s) =>
    s.histories.flatMap((h) => h.entries.filter((e) => e.correlation?.consistency === 'inconsistent' || codes(e).length > 0).map((e) => `${s.path.split('/').pop()}#${e.index}`)),
  );
}

describe('nothing altered, nothing inconsistent', () => {
  it('every reference sample, with and without --recover: only the modelled cases are inconsistent', async () => {
    // pop3-unicode models a tag whose message was created 610 s before it, on the second of tag 14:
    // the shape a rewritten tag leaves, so both are reported; pop3-ost-4k.ost holds the same content
    // in a 4 KiB-page OST. Nothing else in the samples was altered.
    const modelled = ['pop3-unicode.pst#14', 'pop3-unicode.pst#16', 'pop3-ost-4k.ost#14', 'pop3-ost-4k.ost#16'];
    const files = SAMPLES.map((s) => samplePath(s.file)).concat(samplePath('message-manager.msg'));
    for (const extra of [[], ['--recover']]) expect(inconsistent((await inspect([...files, ...extra])).report)).toEqual(modelled);
  });
});

describeWithCorpus(`the corpus (${corpusDir})`, () => {
  it('every real store (PSTs, OSTs and MSGs, walked): 0 inconsistent entries', async () => {
    expect(corpusFiles().length).toBeGreaterThan(0);
    const { report } = await inspect(['-r', corpusDir]);
    expect(report.sources.length).toBeGreaterThan(corpusFiles().length);
    expect(inconsistent(report)).toEqual([]);
  });
});
