// The name-to-id map against libpff on every real store of the corpus: `pffexport -d` writes each
// item's properties with, for a named one (id ≥ 0x8000), the LID ("Maps to entry type") or the
// string name ("Maps to entry") it resolved through the store's map. Ours must say the same.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openPst } from '../../src/pst/messaging/store.js';
import { bufferedWriteEnv } from '../support/buffered-write.js';
import { corpusFiles, corpusPath, describeWithCorpus, HTML_FILE } from '../support/corpus.js';
import { cachedByContent } from '../support/oracle-cache.js';
import { describeWithPff, pffVersion } from '../support/tools.js';

/** Every (id → "lid 0x…" or "name …") that libpff printed for the store's items, asked once per content. */
function libpffNames(file: string): Map<number, string> {
  return new Map(cachedByContent(['pffexport -d names', pffVersion, exportNames.toString()], file, () => [...exportNames(file)]));
}

function exportNames(file: string): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pophist-names-'));
  try {
    try {
      execFileSync('pffexport', ['-d', '-q', '-m', 'items', '-f', 'text', '-t', join(dir, 'x'), file], { stdio: 'ignore', timeout: 120_000, env: bufferedWriteEnv() });
    } catch {
      // pffexport exits non-zero when some item fails; what it wrote is still what it read.
    }
    const out = new Map<number, string>();
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('ItemValues.txt'));
    for (const f of files) {
      let id: number | undefined;
      for (const line of readFileSync(join(dir, f), 'latin1').split('\n')) {
        let m: RegExpExecArray | null;
        if ((m = /^Entry type:\s+0x([0-9a-f]+)$/.exec(line))) id = parseInt(m[1]!, 16);
        else if ((m = /^Maps to entry type:\s+0x([0-9a-f]+)$/.exec(line)) && id !== undefined) out.set(id, `lid 0x${parseInt(m[1]!, 16).toString(16)}`);
        else if ((m = /^Maps to entry:\s+(.*)$/.exec(line)) && id !== undefined) out.set(id, `name ${m[1]}`);
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const psts = corpusFiles().filter((f) => f !== HTML_FILE);

describeWithCorpus('named-property map on the corpus', () => {
  describeWithPff('agrees with libpff (pffexport -d)', () => {
    let compared = 0;
    it.each(psts)('%s', (file) => {
      const theirs = libpffNames(corpusPath(file));
      const store = openPst(corpusPath(file));
      try {
        const ours = new Map(store.namedProps().entries.map((e) => [e.id, e.kind === 'lid' ? `lid 0x${e.lid.toString(16)}` : `name ${e.name}`]));
        for (const [id, name] of theirs) expect(ours.get(id), `property 0x${id.toString(16)}`).toBe(name);
        compared += theirs.size;
        expect(store.warnings.list.filter((w) => w.id === 'nid 0x61')).toEqual([]);
      } finally {
        store.close();
      }
    });
    it('compared named properties on real stores', () => {
      expect(compared).toBeGreaterThan(100);
    });
  });
});
