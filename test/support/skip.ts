// A suite whose oracle (the shared corpus, an installed tool) is absent is skipped, and says so in
// `npm test`'s output: the default reporter folds skipped suites into a count, so the reason is
// also written to stderr when the file is collected.

import { describe } from 'vitest';

export function describeSkipped(name: string, reason: string, fn: () => void): void {
  process.stderr.write(`SKIPPED "${name}": ${reason}\n`);
  describe.skip(`${name} — ${reason}`, fn);
}
