// The house rules `npm run lint` enforces beyond tsc: the layer boundaries (dependency-cruiser) and
// the size limits. Each check is shown to pass on src/ and to fail where a rule is broken.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overLimits } from '../tools/lint/size.js';
import { repoRoot } from './support/corpus.js';

// package.json's lint:layers script run as `npm run` runs it (sh -c, node_modules/.bin first on PATH,
// arguments appended), without npm itself, which costs each run about 2 s of CPU.
const layersScript = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['lint:layers']!;
const lintLayers = (args: string[]) =>
  spawnSync('sh', ['-c', `${layersScript} "$@"`, 'lint:layers', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PATH: `${join(repoRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}` } });

describe('layer boundaries', () => {
  // One run over src/ and a fixture tree that breaks each rule once: dependency-cruiser names every
  // crossing it finds, so src/ keeps the rules when each one it names lies in the fixture.
  const f = 'test/fixtures/layers';
  let run: { status: number | null; out: string } | undefined;
  const layers = () => {
    if (!run) {
      const r = lintLayers(['src', `${f}/src`]);
      run = { status: r.status, out: r.stdout + r.stderr };
    }
    return run;
  };
  const crossings = () => layers().out.split('\n').filter((l) => /^\s*(error|warn)\s/.test(l));

  it('src/ keeps every layer rule', () => {
    expect(layers().out).toMatch(/\d+ modules, \d+ dependencies cruised/);
    expect(crossings().filter((l) => !l.includes(`: ${f}/src/`))).toEqual([]);
  });

  it('a tree that breaks each rule fails the check, naming every crossing and nothing else', () => {
    const { status, out } = layers();
    expect(status).not.toBe(0);
    const expected = [
      `pst-imports-nothing-above: ${f}/src/pst/upward.ts → ${f}/src/report/index.ts`,
      `formats-import-no-analysis: ${f}/src/msg/index.ts → ${f}/src/analysis/index.ts`,
      `analysis-imports-no-report-or-cli: ${f}/src/analysis/upward.ts → ${f}/src/cli/index.ts`,
      `report-reads-no-format: ${f}/src/report/reads.ts → ${f}/src/pst/index.ts`,
      `only-through-index: ${f}/src/analysis/inner.ts → ${f}/src/pst/ndb/ids.ts`,
      `no-build-output: ${f}/src/cli/built.ts → ${f}/dist/built.ts`,
    ];
    for (const line of expected) expect(out).toContain(line);
    expect(crossings()).toHaveLength(expected.length);
    expect(out).toContain(`${expected.length} dependency violations`);
    expect(out).not.toContain('cli/ok.ts');
  });
});

describe('size limits', () => {
  const lines = (n: number, body: string) => Array.from({ length: n }, () => body).join('\n');

  it('names a file over 300 lines and a function over 80, and passes ones at the limits', () => {
    expect(overLimits('a.ts', `${lines(301, 'export const x = 1;')}\n`)).toEqual(['a.ts:1 file has 301 lines (at most 300)']);
    expect(overLimits('b.ts', `${lines(300, 'export const x = 1;')}\n`)).toEqual([]);
    const fn = (n: number) => `export function long(): number {\n${lines(n - 2, '  let y = 1;')}\n  return 1;\n}\n`;
    expect(overLimits('c.ts', fn(81))).toEqual(['c.ts:1 function long has 82 lines (at most 80)']);
    expect(overLimits('d.ts', fn(79))).toEqual([]);
    expect(overLimits('e.ts', `class K {\n  m(): void {\n${lines(80, '    void 0;')}\n  }\n}\n`)).toEqual(['e.ts:2 function m has 82 lines (at most 80)']);
  });

  it('no file under src/ is over a limit', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const found = walk(join(repoRoot, 'src')).flatMap((p) => overLimits(p.slice(repoRoot.length + 1), readFileSync(p, 'utf8')));
    expect(found).toEqual([]);
  });
});
