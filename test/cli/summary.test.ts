// A history's summary counts downloads, and says so: `summary.downloads` is the number of tags
// that record a download, the table's account line gives it under that name beside the number of
// tags, and matched + ambiguous + not in store add up to it.

import { expect, it } from 'vitest';
import { SAMPLES } from '../../tools/samples/spec.js';
import { runCliInProcess } from '../support/cli.js';
import { schemaErrors, validateReport } from '../support/schema.js';
import { samplePath } from '../support/samples.js';

interface HistoryJson {
  role: string;
  entries: { operation: string }[];
  summary?: { downloads: number; matched: number; ambiguous: number; notInStore: number };
}

it.each(SAMPLES.filter((s) => s.manager && s.file.endsWith('.pst')).map((s) => s.file))('%s', async (file) => {
  const report = JSON.parse((await runCliInProcess(['inspect', samplePath(file), '--json'])).stdout);
  expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
  const table = (await runCliInProcess(['inspect', samplePath(file)])).stdout;
  const histories: HistoryJson[] = report.sources[0].histories.filter((h: HistoryJson) => h.role === 'history');
  expect(histories.length).toBeGreaterThan(0);
  for (const h of histories) {
    const downloads = h.entries.filter((e) => e.operation !== 'deleted').length;
    expect(h.summary!.downloads).toBe(downloads);
    expect(h.summary!.matched + h.summary!.ambiguous + h.summary!.notInStore).toBe(downloads);
    expect(table).toContain(`— ${h.entries.length} tags (`);
    expect(table).toContain(`: ${downloads} downloads, ${h.summary!.matched} matched`);
  }
});
