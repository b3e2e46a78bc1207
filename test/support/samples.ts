// What the sample specs (tools/samples/spec.ts) say each sample holds, in the shapes tests compare.

import { join } from 'node:path';
import { SAMPLES, type SampleSpec, type TagSpec } from '../../tools/samples/spec.js';
import { repoRoot } from './corpus.js';

export const samplesDir = join(repoRoot, 'samples');
export const samplePath = (file: string): string => join(samplesDir, file);
export const spec = (file: string): SampleSpec => SAMPLES.find((s) => s.file === file)!;

/** Every normal message a sample holds: folder path (below the IPM subtree) and subject. */
export function expectedMessages(s: SampleSpec): { folder: string; subject: string }[] {
  const out: { folder: string; subject: string }[] = [];
  for (const a of s.manager?.accounts ?? []) {
    for (const t of a.tags) {
      if (!t.folder) continue;
      for (const f of [t.folder, ...(t.copies ?? [])]) out.push({ folder: f, subject: `POP3 message ${t.uid}` });
      if (t.twinSameSecond) out.push({ folder: t.folder, subject: `POP3 message ${t.uid} (another message, same second)` });
    }
  }
  for (const m of s.otherMessages) out.push({ folder: m.folder, subject: m.subject });
  return out;
}

export const isDownload = (t: TagSpec): boolean => t.operation !== 'deleted';
