// `npm run samples [-- DIR]`: regenerate the reference samples (default: samples/). Deterministic:
// fixed times and keys, no clock, no randomness, so a rerun is byte-identical.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { docsExample } from './samples/docs-example.js';
import { writeManagerMsg, writeSample } from './samples/build.js';
import { CASE_SAMPLES } from './samples/case-spec.js';
import { CONSISTENCY_SAMPLES } from './samples/consistency-spec.js';
import { writeMsg } from './msgwrite/index.js';
import { DOCS_EXAMPLE, MSG_SAMPLE, SAMPLES } from './samples/spec.js';
import { POP3_MSG_SAMPLE } from './samples/spec-origins.js';

export function generateSamples(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written = [...SAMPLES, ...CONSISTENCY_SAMPLES].map((s) => writeSample(s, dir));
  const msgFrom = SAMPLES.find((s) => s.file === MSG_SAMPLE.from)!;
  writeFileSync(join(dir, MSG_SAMPLE.file), writeManagerMsg(msgFrom));
  writeFileSync(join(dir, POP3_MSG_SAMPLE.file), writeMsg(POP3_MSG_SAMPLE.spec));
  writeFileSync(join(dir, DOCS_EXAMPLE), docsExample());
  // The sample case: a folder per variant, as an analyst's case folder holds one.
  const cases = CASE_SAMPLES.flatMap((c) => {
    mkdirSync(join(dir, c.dir), { recursive: true });
    const msgs = c.msgs.map((m) => {
      writeFileSync(join(dir, c.dir, m.file), writeMsg(m.spec));
      return join(dir, c.dir, m.file);
    });
    return [...c.specs.map((s) => writeSample(s, join(dir, c.dir))), ...msgs];
  });
  return [...written, join(dir, MSG_SAMPLE.file), join(dir, POP3_MSG_SAMPLE.file), join(dir, DOCS_EXAMPLE), ...cases];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename ?? '')) {
  const dir = resolve(process.argv[2] ?? 'samples');
  for (const f of generateSamples(dir)) process.stdout.write(`${f}\n`);
}
