// `pophist case` on one store states the same facts as `inspect` on it: the same versions (live and
// recovered), each UID with the same tags and the same in-store status, the same downloads in no
// history; and on the real corpus it names every input with inspect's status.

import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseDocument } from '../support/case-document.js';
import type { Report } from '../../src/report/types.js';
import { runCliInProcess } from '../support/cli.js';
import { corpusDir, corpusFiles, describeWithCorpus } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateCase } from '../support/schema.js';

// In-process: what case and inspect report, not the process (--jobs 2's threads are the built ones either way).
const json = async <T>(args: string[]): Promise<T> => JSON.parse((await runCliInProcess(args)).stdout) as T;

type Tags = Record<string, string[]>;

/** Per history (live, then recovered), each UID's tags as `operation time`, and the in-store status of its download. */
function inspectFacts(r: Report): { tags: Tags[]; inStore: Record<string, string>[]; noHistory: string[] } {
  const s = r.sources[0]!;
  const live = s.histories.filter((h) => h.role === 'history');
  const recovered = (s.recovered ?? []).flatMap((x) => (x.kind === 'history' && x.role === 'history' && x.status !== 'damaged' ? [x] : []));
  const tags = [...live, ...recovered].map((h) => {
    const out: Tags = {};
    for (const e of h.entries) (out[e.uid] ??= []).push(`${e.operation} ${e.time}`);
    return out;
  });
  const inStore = live.map((h) => {
    const out: Record<string, string> = {};
    for (const e of h.entries) if (e.correlation && (out[e.uid] === undefined || e.operation !== 'deleted')) out[e.uid] = e.correlation.status;
    return out;
  });
  const noHistory = live.flatMap((h): string[] => [...(h.notInHistory ?? [])].map((n) => n.uid)).sort();
  return { tags, inStore, noHistory };
}

function caseFacts(c: CaseDocument): ReturnType<typeof inspectFacts> {
  const versions = c.accounts.flatMap((a) => a.versions.map((v) => ({ v, a })));
  // Inspect's order: live histories by index, then recovered ones by their place in `recovered`.
  versions.sort((x, y) => (x.v.origin === y.v.origin ? x.v.history - y.v.history : x.v.origin === 'live' ? -1 : 1));
  const tags = versions.map(({ v, a }) => {
    const out: Tags = {};
    for (const u of a.uids) for (const l of u.listedBy) if (l.version === v.id) out[u.uid] = l.tags.map((t) => `${t.operation} ${t.time}`);
    return out;
  });
  const inStore = versions
    .filter(({ v }) => v.origin === 'live')
    .map(({ v, a }) => {
      const out: Record<string, string> = {};
      for (const u of a.uids) for (const l of u.listedBy) if (l.version === v.id && l.inStore) out[u.uid] = l.inStore;
      return out;
    });
  // Inspect's downloads not in the history: messages of the account whose UID no live history lists
  // (in-no-history when no recovered version lists it either, else dropped-between).
  const live = new Set(versions.filter(({ v }) => v.origin === 'live').map(({ v }) => v.id));
  const noHistory = c.accounts.flatMap((a) => a.uids.filter((u) => u.messages.length > 0 && !u.listedBy.some((l) => live.has(l.version))).map((u) => u.uid)).sort();
  return { tags, inStore, noHistory };
}

describe('case on one store states what inspect states', () => {
  it.each([
    ['pop3-unicode.pst', []],
    ['pop3-ansi-cyclic.pst', []],
    ['two-accounts.pst', []],
    ['pop3-tampered.pst', ['--recover']],
    ['pop3-rewritten.pst', ['--recover']],
    ['pop3-rewritten-ansi.pst', ['--recover']],
    ['case/unicode/mailbox-day5.pst', ['--recover']],
  ])('%s %s', async (file, flags) => {
    const inspect = await json<Report>(['inspect', samplePath(file), '--json', ...flags]);
    const c = await json<CaseDocument>(['case', samplePath(file), '--json', ...flags]);
    expect(validateCase(c), schemaErrors(validateCase)).toBe(true);
    expect(c.inputs[0]!.status).toBe(inspect.sources[0]!.status);
    expect(caseFacts(c)).toEqual(inspectFacts(inspect));
  });
});

describeWithCorpus('case over the real corpus', () => {
  it('names every input with the status inspect gives it, recognises copies of one store, and does not crash', async () => {
    const args = ['-r', corpusDir, '--jobs', '2'];
    const c = await json<CaseDocument>(['case', ...args, '--json']);
    expect(validateCase(c), schemaErrors(validateCase)).toBe(true);
    const inspect = (await runCliInProcess(['inspect', ...args, '--ndjson']))
      .stdout.trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; path: string; status: string })
      .filter((l) => l.type === 'source');
    expect(c.inputs.map((i) => [i.path, i.status])).toEqual(inspect.map((s) => [s.path, s.status]));
    for (const f of corpusFiles()) expect(c.inputs.some((i) => i.path.endsWith(`/${f}`))).toBe(true);
    // No corpus store holds a POP3 history: no account, no finding but the snapshots.
    expect(c.accounts).toEqual([]);
    const groups = c.stores.filter((s) => s.inputs.length > 1);
    expect(c.findings.map((f) => f.code)).toEqual(groups.map(() => 'snapshots'));
    // Copies of one store, never one file twice: their bytes differ.
    for (const g of groups) {
      const hashes = g.inputs.map((i) => createHash('sha256').update(readFileSync(c.inputs[i]!.path)).digest('hex'));
      expect(new Set(hashes).size).toBe(g.inputs.length);
    }
    expect(groups.map((g) => g.inputs.map((i) => c.inputs[i]!.path.split('/').pop()))).toEqual([
      ['aranetic_process-pst_flags_jane_doe.pst', 'aranetic_process-pst_four_nesting_levels.pst', 'aranetic_process-pst_multiple_to_cc.pst'],
      ['rjohnsondev_java-libpst_dist-list.pst', 'rjohnsondev_java-libpst_passworded.pst'],
      ['simiden_pst2john_2003_high-encryption_quickquick.pst', 'simiden_pst2john_2003_high-encryption_quickquick_2.pst'],
    ]);
  });
});
