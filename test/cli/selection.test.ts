// The profile facts (--smtp, --account-uid …) select the manager and Blob Outlook itself would use;
// facts that select nothing say so in the report and on stderr.

import { expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

interface SourceJson {
  managers: { selected?: boolean; attachments: { filename?: string; selected?: boolean }[] }[];
  histories: { role: string; account: { uid?: string }; selected?: boolean }[];
  warnings: { code: string; message: string }[];
}

async function inspect(...args: string[]): Promise<{ code: number; stderr: string; source: SourceJson }> {
  const r = await runCliInProcess(['inspect', samplePath('two-accounts.pst'), '--json', ...args]);
  const report = JSON.parse(r.stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  return { code: r.code, stderr: r.stderr, source: report.sources[0] };
}

it('--account-uid selects the Blob named Blob<uid>', async () => {
  const { code, stderr, source } = await inspect('--account-uid', '22222222');
  expect(code).toBe(0);
  expect(stderr).toBe('');
  expect(source.managers[0]!.selected).toBe(true);
  expect(source.managers[0]!.attachments.filter((a) => a.selected).map((a) => a.filename)).toEqual(['Blob22222222']);
  expect(source.histories.map((h) => [h.role, h.account.uid, h.selected])).toEqual([
    ['history', '11111111', false],
    ['history', '22222222', true],
    ['restags', '22222222', false],
  ]);
  expect(source.warnings).toEqual([]);
});

it('a selection that matches no Blob is a warning in the report and one line on stderr', async () => {
  const { code, stderr, source } = await inspect('--smtp', 'nobody@example.org');
  expect(code).toBe(0);
  expect(source.histories.every((h) => h.selected === false)).toBe(true);
  const warning = source.warnings.find((w) => w.code === 'NOTHING_SELECTED');
  expect(warning?.message).toContain('SMTP address nobody@example.org');
  expect(stderr).toBe(`pophist: warning: ${samplePath('two-accounts.pst')}: ${warning!.message}\n`);
});

it('an account UID that names no Blob is warned about too; one that does is not', async () => {
  expect((await inspect('--account-uid', '33333333')).source.warnings.map((w) => w.code)).toEqual(['NOTHING_SELECTED']);
  expect((await inspect('--account-uid', '11111111')).source.warnings).toEqual([]);
});
