// Where and when the report is written: each source as soon as it is known (before the next input
// is opened), to stdout or to `-o FILE` but never inside an evidence directory, and the same bytes
// on every rerun unless --timestamp asks for the time.

import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inspectInputs } from '../../src/cli/commands/inspect.js';
import type { SourceMessage } from '../../src/cli/formats.js';
import { ReportOutput } from '../../src/cli/output.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { reportHeader } from '../../src/report/build.js';
import { ndjsonRenderer } from '../../src/report/ndjson.js';
import { StreamSink } from '../../src/report/sink.js';
import { runCliInProcess } from '../support/cli.js';
import { samplePath, samplesDir } from '../support/samples.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-output-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('streaming', () => {
  it("writes the first source's output before the second input is opened", async () => {
    const first = join(tmp, 'first.pst');
    const second = join(tmp, 'second.pst');
    copyFileSync(samplePath('pop3-unicode.pst'), first);
    // Not evidence yet: it becomes a PST only once the first source has been written. Had the second
    // input been opened before that, it would be reported as NOT_A_PST.
    writeFileSync(second, 'not a PST yet');
    const written: string[] = [];
    let swappedAfter = -1;
    const out = {
      write(chunk: Uint8Array, done: () => void): boolean {
        const text = Buffer.from(chunk).toString('utf8');
        written.push(text);
        done();
        if (swappedAfter < 0 && text.includes(`"path":${JSON.stringify(first)}`)) {
          copyFileSync(samplePath('two-accounts.pst'), second);
          swappedAfter = written.length;
        }
        return true;
      },
    };
    const sink = new ReportOutput([{ format: { kind: 'ndjson' }, sink: new StreamSink(ndjsonRenderer(), out), close: async () => {} }]);
    await sink.begin(reportHeader(resolveOptions()));
    await inspectInputs([{ path: first }, { path: second }], resolveOptions(), sink, { jobs: 1 });
    await sink.end();
    const lines = written.join('').trim().split('\n').map((l) => JSON.parse(l) as { type: string; path?: string; status?: string });
    for (const l of lines) expect(validateNdjsonLine(l), schemaErrors(validateNdjsonLine)).toBe(true);
    expect(lines.filter((l) => l.type === 'source').map((l) => [l.path, l.status])).toEqual([
      [first, 'history-found'],
      [second, 'history-found'],
    ]);
    expect(swappedAfter).toBeGreaterThan(0);
    expect(written.slice(swappedAfter).join('')).toContain(`"path":${JSON.stringify(second)}`);
  });
});

describe('an interrupted run', () => {
  it('says how many sources it wrote whole: one whose head came but not yet its text is not counted', async () => {
    const written: string[] = [];
    const out = {
      write(chunk: Uint8Array, done: () => void): boolean {
        written.push(Buffer.from(chunk).toString('utf8'));
        done();
        return true;
      },
    };
    const before = new Set(process.listeners('SIGINT'));
    const sink = new ReportOutput([{ format: { kind: 'ndjson' }, sink: new StreamSink(ndjsonRenderer(), out), close: async () => {} }]);
    // The handler ReportOutput installed, called as the signal would call it, with the exit stubbed.
    const interrupt = process.listeners('SIGINT').find((l) => !before.has(l))!;
    const said: string[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => said.push(String(s)) > 0);
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      async function* messages(): AsyncGenerator<SourceMessage> {
        yield { kind: 'head', status: 'no-history', notices: '' };
        await held;
        yield { kind: 'text', output: 0, bytes: Buffer.from('{"type":"source"}\n') };
      }
      const writing = sink.rendered(messages());
      await new Promise((r) => setTimeout(r, 10));
      interrupt('SIGINT');
      release();
      await writing;
      interrupt('SIGINT');
      expect(said).toEqual(['pophist: interrupted after 0 inputs\n', 'pophist: interrupted after 1 input\n']);
      expect(exit.mock.calls).toEqual([[130], [130]]);
      expect(written).toEqual(['{"type":"source"}\n']);
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
      await sink.end();
    }
  });
});

describe('-o/--output', () => {
  const evidence = join(tmp, 'evidence');
  mkdirSync(join(evidence, 'sub'), { recursive: true });
  copyFileSync(samplePath('pop3-unicode.pst'), join(evidence, 'a.pst'));
  copyFileSync(samplePath('two-accounts.pst'), join(evidence, 'sub', 'b.pst'));

  it.each([
    ['in an evidence directory given as input', [evidence, '-r'], join(evidence, 'report.json')],
    ['in a subdirectory of an evidence directory', [evidence, '-r'], join(evidence, 'sub', 'report.json')],
    ["in a file input's directory", [join(evidence, 'sub', 'b.pst')], join(evidence, 'sub', 'report.json')],
    ['over the input itself', [join(evidence, 'a.pst')], join(evidence, 'a.pst')],
  ])('refuses to write %s, before reading anything, exit 2', async (_what, inputs, output) => {
    const before = existsSync(output) ? readFileSync(output) : undefined;
    const r = (await runCliInProcess(['inspect', ...inputs, '--json', '-o', output]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pophist: refusing to write .* evidence is never written (next to|over); write the output elsewhere\n$/);
    if (before) expect(readFileSync(output)).toEqual(before);
    else expect(existsSync(output)).toBe(false);
  });

  it('refuses a hard link to an input, elsewhere', async () => {
    const link = join(tmp, 'link-to-a.pst');
    linkSync(join(evidence, 'a.pst'), link);
    const r = (await runCliInProcess(['inspect', join(evidence, 'a.pst'), '-o', link]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`it is the input ${join(evidence, 'a.pst')}`);
  });

  it('writes the chosen format to the file, nothing on stdout, the same bytes stdout would get', async () => {
    const file = join(tmp, 'report.json');
    const r = (await runCliInProcess(['inspect', evidence, '-r', '--json', '--output', file]));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe((await runCliInProcess(['inspect', evidence, '-r', '--json'])).stdout);
    expect(validateReport(JSON.parse(readFileSync(file, 'utf8')))).toBe(true);
    const d = (await runCliInProcess(['decode', samplePath('docs-example.bin'), '--csv', '-o', join(tmp, 'decode.csv')]));
    expect(d.code).toBe(0);
    expect(readFileSync(join(tmp, 'decode.csv'), 'utf8')).toBe((await runCliInProcess(['decode', samplePath('docs-example.bin'), '--csv'])).stdout);
  });

  it('--json-file FILE: the JSON document --json prints, beside a timeline on stdout and the page, from one analysis; with --jobs 2 the same', async () => {
    const file = join(tmp, 'beside.json');
    const page = join(tmp, 'beside.html');
    const r = await runCliInProcess(['inspect', evidence, '-r', '--timeline', 'timesketch-jsonl', '--html', page, '--json-file', file, '--jobs', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCliInProcess(['inspect', evidence, '-r', '--timeline', 'timesketch-jsonl', '--hash'])).stdout);
    // The page hashes every input, so the document states the hashes as --hash gives them.
    const json = readFileSync(file, 'utf8');
    expect(json).toBe((await runCliInProcess(['inspect', evidence, '-r', '--json', '--hash'])).stdout);
    expect(validateReport(JSON.parse(json))).toBe(true);
    expect(readFileSync(page, 'utf8')).toContain('<!DOCTYPE html>');
    const two = join(tmp, 'beside-2.json');
    expect((await runCliInProcess(['inspect', evidence, '-r', '--json-file', two, '--hash', '--jobs', '2'])).code).toBe(0);
    expect(readFileSync(two, 'utf8') === json).toBe(true);
    // A file output as the others: never over an existing file unasked, never beside the evidence.
    const again = await runCliInProcess(['inspect', evidence, '-r', '--json-file', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`pophist: refusing to write ${file}: it exists; give --force to replace it, or another name\n`);
    expect(readFileSync(file, 'utf8')).toBe(json);
    expect((await runCliInProcess(['inspect', evidence, '-r', '--json-file', join(evidence, 'r.json')])).code).toBe(2);
    expect(existsSync(join(evidence, 'r.json'))).toBe(false);
  });

  it('says so when the file cannot be created', async () => {
    const r = (await runCliInProcess(['inspect', samplePath('no-history.pst'), '-o', join(tmp, 'missing-dir', 'r.json')]));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`pophist: -o/--output ${join(tmp, 'missing-dir', 'r.json')}: no such directory ${join(tmp, 'missing-dir')}\n`);
  });
});

describe('the report records how it was made', () => {
  it.each([['--json'], ['--ndjson'], ['--csv'], []])('%s: reruns are byte-identical', async (...format) => {
    const args = ['inspect', samplesDir, ...format, '--smtp', 'a@example.com'];
    const a = (await runCliInProcess(args));
    const b = (await runCliInProcess(args));
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
  });

  it('states options and tool version in every format, and the time only with --timestamp', async () => {
    const json = JSON.parse((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--json', '--window', '5', '--account-uid', 'DA8EA945'])).stdout);
    expect(validateReport(json), schemaErrors(validateReport)).toBe(true);
    expect(json.options).toEqual({ correlate: true, window: 5, selections: { accountUid: 'da8ea945' } });
    expect(json.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.generated).toBeUndefined();
    expect(JSON.parse((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--json', '--no-correlate'])).stdout).options).toEqual({ correlate: false });

    const before = Date.now();
    const stamped = JSON.parse((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--json', '--timestamp'])).stdout);
    expect(validateReport(stamped), schemaErrors(validateReport)).toBe(true);
    expect(Date.parse(stamped.generated)).toBeGreaterThanOrEqual(before - 1000);
    expect(Object.keys(stamped)).toEqual(['schema', 'tool', 'options', 'generated', 'sources']);

    const ndjson = JSON.parse((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--ndjson', '--timestamp'])).stdout.split('\n')[0]!);
    expect(ndjson).toMatchObject({ type: 'report', tool: json.tool, options: { correlate: true, window: 2 } });
    expect(ndjson.generated).toEqual(expect.any(String));
    const [head, csv] = (await runCliInProcess(['inspect', samplePath('pop3-unicode.pst'), '--csv'])).stdout.split('\r\n');
    // Empty cells but the tool and options columns, whatever columns the findings have.
    const columns = head!.split(',');
    const after = columns.length - 1 - columns.indexOf('options');
    expect(csv).toBe(`report${','.repeat(columns.indexOf('tool'))}pophist ${json.tool.version},"{""correlate"":true,""window"":2}"${','.repeat(after)}`);
    expect((await runCliInProcess(['inspect', samplePath('pop3-unicode.pst')])).stdout.split('\n')[0]).toBe(`pophist ${json.tool.version} (correlation on, window 2 s: a PST or OST's tags against its messages; a .msg or blob has no messages to compare)`);
  });
});
