// `inspect --jobs N`: the same bytes as one job in every format, on the samples and the corpus, and a
// worker thread that dies on a hostile input costs only that input's record. The comparisons run
// the CLI in-process (the worker threads are the built ones either way, and worker isolates no
// longer outlive a background compile: worker-pool.ts); the runs a thread dies in keep their
// process and watchdog.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBlob, type TagInput } from '../../src/analysis/history/blob.js';
import { TIMELINE_FORMATS } from '../../src/report/index.js';
import { PstWriter } from '../../tools/pstwrite/store.js';
import { runCli, runCliInProcess } from '../support/cli.js';
import { corpusDir, describeWithCorpus } from '../support/corpus.js';
import { samplePath, samplesDir } from '../support/samples.js';
import { schemaErrors, validateReport } from '../support/schema.js';

// Each format renders a source the same in any thread (test/cli/source-messages.test.ts, every
// format on every sample); these runs check the threads' text joined in a whole run. The samples
// take the formats the corpus below does not; JSON and NDJSON are the -o and --recover runs here.
const FORMATS = [[], ['--csv'], ...TIMELINE_FORMATS.filter((f) => f !== 'timesketch-csv').map((f) => ['--timeline', f])];

async function sameWithTwoJobs(inputs: string[], formats: readonly string[][]): Promise<void> {
  for (const format of formats) {
    const one = await runCliInProcess(['inspect', ...inputs, ...format, '--jobs', '1']);
    const two = await runCliInProcess(['inspect', ...inputs, ...format, '--jobs', '2']);
    expect(two.stderr, format.join(' ')).toBe(one.stderr);
    expect(two.code, format.join(' ')).toBe(one.code);
    expect(two.stdout.length, format.join(' ')).toBeGreaterThan(0);
    expect(two.stdout === one.stdout, `--jobs 2 ${format.join(' ')} differs from --jobs 1`).toBe(true);
  }
}

describe('inspect --jobs 2', () => {
  it('prints exactly what --jobs 1 prints on every sample: table, CSV, three timelines', async () => {
    await sameWithTwoJobs([samplesDir, '--hash'], FORMATS);
  }, 180_000);

  it('prints exactly what --jobs 1 prints with --recover', async () => {
    const one = await runCliInProcess(['inspect', samplesDir, '--recover', '--ndjson', '--jobs', '1']);
    expect(one.stdout).toContain('"type":"recovered"');
    expect((await runCliInProcess(['inspect', samplesDir, '--recover', '--ndjson', '--jobs', '2'])).stdout === one.stdout).toBe(true);
  });

  it('writes the same bytes to -o FILE, and the same --html page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pophist-jobs-out-'));
    const run = async (jobs: string): Promise<{ json: string; html: string }> => {
      const r = await runCliInProcess(['inspect', samplesDir, '--json', '--jobs', jobs, '-o', join(dir, `${jobs}.json`), '--html', join(dir, `${jobs}.html`)]);
      expect(r.stdout).toBe('');
      return { json: readFileSync(join(dir, `${jobs}.json`), 'utf8'), html: readFileSync(join(dir, `${jobs}.html`), 'utf8') };
    };
    const one = await run('1');
    const two = await run('2');
    expect(two.json === one.json, '-o differs').toBe(true);
    // The page states its own command line and generation time; all the rest is the same.
    const page = (html: string): string => html.replace(/<dt>command line<\/dt><dd class="mono">[^<]*<\/dd>/, '').replace(/<time [^>]*>[^<]*<\/time>/, '');
    expect(page(two.html) === page(one.html), '--html differs').toBe(true);
    // --html hashes every input (the page always gives the sha256), so the report carries them as with --hash.
    expect(one.json).toBe((await runCliInProcess(['inspect', samplesDir, '--json', '--hash', '--jobs', '1'])).stdout);
  });

  it('refuses a job count that is not a whole number from 1', async () => {
    for (const bad of ['0', '-1', '1.5', 'many', '']) {
      const r = await runCliInProcess(['inspect', samplesDir, '--jobs', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toBe(`pophist: --jobs must be a whole number from 1 to 256, got ${JSON.stringify(bad)}\n`);
    }
  });
});

describeWithCorpus('inspect --jobs 2 on ../shared/corpus', () => {
  // One of each way a format joins its sources (the table's summary, JSON's separators, one record
  // a line, a CSV's one header), on other stores' text. A worker's pieces are cut by size, not by
  // format (test/cli/source-messages.test.ts).
  it('prints exactly what --jobs 1 prints on the 39 stores: table, JSON, NDJSON, a CSV timeline', async () => {
    await sameWithTwoJobs([corpusDir], [[], ['--json'], ['--ndjson'], ['--timeline', 'timesketch-csv']]);
  }, 300_000);
});

describe('inspect --jobs 2 with a hostile input among good ones', () => {
  // 65,535 long UIDs: far more heap than a 16 MB worker has, while the samples need much less.
  const dir = mkdtempSync(join(tmpdir(), 'pophist-jobs-'));
  const hostile = join(dir, 'huge-history.pst');
  const w = new PstWriter(hostile, { variant: 'unicode', encryption: 'none', displayName: 'huge history' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const tags: TagInput[] = [];
  for (let i = 0; i < 65_535; i++) tags.push({ operation: 'downloaded', content: 'body', time: new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z'), uid: `uid-${i}-`.padEnd(64, 'x') });
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    conversationKey: new Uint8Array(Buffer.from('General Key\0', 'latin1')),
    attachments: [{ filename: 'Blobda8ea945', longFilename: 'BlobPOPhuge@example.com', data: encodeBlob(tags) }],
  });
  w.finish();
  const good = ['two-accounts.pst', 'message-manager.msg', 'pop3-unicode.pst', 'no-history.pst'].map(samplePath);
  const inputs = [good[0]!, hostile, good[1]!, good[2]!, hostile, good[3]!];

  it('reports the input whose worker broke its heap limit as a MEMORY_LIMIT error, and every other input in full', () => {
    const r = runCli(['inspect', ...inputs, '--json', '--jobs', '2', '--worker-memory', '16'], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { sources: { path: string; status: string; error?: { code: string } }[] };
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    expect(report.sources.map((s) => s.path)).toEqual(inputs);
    const alone = JSON.parse(runCli(['inspect', ...good, '--json', '--jobs', '1']).stdout) as { sources: unknown[] };
    expect(report.sources.filter((s) => s.path !== hostile)).toEqual(alone.sources);
    for (const s of report.sources.filter((s) => s.path === hostile)) {
      expect(s).toMatchObject({ status: 'error', error: { code: 'MEMORY_LIMIT', message: 'analysing this input went past its 16 MB heap limit; run it alone with a higher --worker-memory' } });
    }
  });

  it('writes every other input exactly as --jobs 1 does, and the killed one as its error record and notice', () => {
    // With a time limit: an input lost with its dead thread would leave the run waiting for it for ever.
    const two = runCli(['inspect', ...inputs, '--ndjson', '--jobs', '2', '--worker-memory', '16'], { timeoutMs: 30_000 });
    const one = runCli(['inspect', ...good, '--ndjson', '--jobs', '1']);
    expect(two.code).toBe(2);
    // A source line names its input as `path`, a finding line as `source`.
    const isHostile = (line: string): boolean => {
      const l = JSON.parse(line) as { path?: string; source?: string };
      return (l.source ?? l.path) === hostile;
    };
    const lines = two.stdout.trimEnd().split('\n');
    // The end lines count each run's sources: 6 and 4.
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'end', sources: 6 });
    const ones = one.stdout.trimEnd().split('\n');
    expect(JSON.parse(ones.at(-1)!)).toMatchObject({ type: 'end', sources: 4 });
    expect(lines.slice(0, -1).filter((l) => !isHostile(l)).join('\n')).toBe(ones.slice(0, -1).join('\n'));
    const killed = lines.filter(isHostile).map((l) => JSON.parse(l) as { type: string; status: string; error?: { code: string } });
    expect(killed.map((l) => [l.type, l.status, l.error?.code])).toEqual([
      ['source', 'error', 'MEMORY_LIMIT'],
      ['source', 'error', 'MEMORY_LIMIT'],
    ]);
    const notice = `pophist: ${hostile}: analysing this input went past its 16 MB heap limit; run it alone with a higher --worker-memory (MEMORY_LIMIT)\n`;
    expect(two.stderr).toBe(`${notice}${notice}pophist: 6 inputs: 3 with a history, 1 without, 2 errored\n`);
  });

  it('analyses the same input in full without the limit', () => {
    const r = runCli(['inspect', hostile, good[0]!, '--ndjson', '--jobs', '2', '--no-correlate']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.includes('"type":"entry"') && l.includes(hostile))).toHaveLength(65_535);
  });
});
