// `pophist inspect` on the 39 real files of the shared corpus: the status its README states for each.
// What is checked is the report, not the process: the CLI runs in-process.

import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { runCliInProcess, type CliResult } from '../support/cli.js';
import { schemaErrors, validateNdjsonLine, validateReport } from '../support/schema.js';

const MANAGER_FILES = [
  'aranetic_process-pst_flags_jane_doe.pst',
  'aranetic_process-pst_flags_john_doe.pst',
  'aranetic_process-pst_four_nesting_levels.pst',
  'aranetic_process-pst_multiple_to_cc.pst',
];

interface SourceJson {
  path: string;
  status: string;
  error?: { code: string };
  managers: { subject: string; matchedBy: string; attachments: unknown[]; folder: string }[];
  histories: unknown[];
}

describeWithCorpus('pophist inspect ../shared/corpus', () => {
  let run: CliResult;
  let report: { sources: SourceJson[] };
  let byName: Map<string, SourceJson>;
  beforeAll(async () => {
    run = await runCliInProcess(['inspect', corpusDir, '--json']);
    report = JSON.parse(run.stdout) as { sources: SourceJson[] };
    byName = new Map(report.sources.map((s) => [s.path.split('/').pop()!, s]));
  });

  it('reports all 39 files in one run and exits 2 because one is not a PST', () => {
    expect(run.code).toBe(2);
    expect(report.sources).toHaveLength(39);
    expect([...byName.keys()].sort()).toEqual(corpusFiles());
  });

  it('validates against the schema', () => {
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  });

  it('says no-history for the 38 PSTs and NOT_A_PST for the HTML file', () => {
    for (const [name, s] of byName) {
      if (name === HTML_FILE) expect(s).toMatchObject({ status: 'error', error: { code: 'NOT_A_PST' } });
      else expect(s.status, name).toBe('no-history');
    }
  });

  it('lists the Message Manager of the four aranetic files, matched by conversation key, 0 attachments', () => {
    for (const [name, s] of byName) {
      if (MANAGER_FILES.includes(name)) {
        expect(s.managers).toHaveLength(1);
        expect(s.managers[0]).toMatchObject({
          folder: '/Top of Outlook data file/Inbox',
          subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
          matchedBy: 'conversation-key',
          attachments: [],
        });
      } else {
        expect(s.managers, name).toEqual([]);
      }
      expect(s.histories).toEqual([]);
    }
  });

  it('every NDJSON line validates', async () => {
    const r = await runCliInProcess(['inspect', corpusDir, '--ndjson']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1 + 39 + 1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'report' });
    expect(JSON.parse(lines[40]!)).toMatchObject({ type: 'end', complete: true, sources: 39 });
    for (const l of lines) expect(validateNdjsonLine(JSON.parse(l)), schemaErrors(validateNdjsonLine)).toBe(true);
  });

  it('names the HTML file in the report and in one line on stderr', async () => {
    const r = await runCliInProcess(['inspect', corpusPath(HTML_FILE)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error NOT_A_PST');
    expect(r.stderr.startsWith(`pophist: ${corpusPath(HTML_FILE)}: `)).toBe(true);
    expect(r.stderr).toMatch(/^[^\n]*\(NOT_A_PST\)\n$/);
  });
});

describeWithCorpus('pophist inspect on the real Outlook 2013+ OST', () => {
  it('reads it (4 KiB pages, compressed), finds its Message Manager with no Blob: no history, with and without --recover', async () => {
    for (const extra of [[], ['--recover']]) {
      const r = await runCliInProcess(['inspect', corpusPath('ost/frankwxu_digital-forensics-lab_regex.zip_informant.ost'), '--json', ...extra]);
      const report = JSON.parse(r.stdout) as { sources: (SourceJson & { format: unknown; warnings: unknown[] })[] };
      expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
      const s = report.sources[0]!;
      expect(s).toMatchObject({ status: 'no-history', format: { variant: 'unicode-4k', encryption: 'none' }, histories: [], warnings: [] });
      expect(s.managers).toEqual([
        expect.objectContaining({
          folder: '/Root - Mailbox/IPM_SUBTREE/Inbox',
          subject: 'Outlook Message Manager (Outlook) (KEY: 242CBA9CA3B0F54C8287083803A823EE)',
          matchedBy: 'class',
          attachments: [],
        }),
      ]);
      expect(r.code).toBe(1);
    }
  });
});

describe('inspect arguments', () => {
  it('rejects a malformed --search-key with exit 2 and one line', async () => {
    const r = await runCliInProcess(['inspect', 'x.pst', '--search-key', 'zz']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a missing input as an error source, exit 2', async () => {
    const r = await runCliInProcess(['inspect', '/nonexistent/evidence.pst', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ status: 'error', error: { code: 'UNREADABLE' } });
  });
});
