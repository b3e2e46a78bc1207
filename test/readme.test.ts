// The examples of the README and docs/ pages are what the tool prints today: each
// `<!-- DOC-EXAMPLE: pophist ARGS -->` block is the whole output (or, when it ends with `…`, its
// first lines), each `<!-- DOC-TIMELINE: pophist ARGS -->` line is one line of that run.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { repoRoot } from './support/corpus.js';

const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (page: string): string => readFileSync(join(repoRoot, page), 'utf8');
const examples = pages.flatMap((page) =>
  [...text(page).matchAll(/<!-- DOC-EXAMPLE: pophist (.*?) -->\n```\n\$ pophist (.*)\n([\s\S]*?)\n```/g)].map((m) => ({ page, args: m[1]!, shown: m[2]!, out: m[3]! })),
);
const timelines = pages.flatMap((page) =>
  [...text(page).matchAll(/<!-- DOC-TIMELINE: pophist (.*?) -->\n```\n(.*)\n```/g)].map((m) => ({ page, args: m[1]!, line: m[2]! })),
);

describe('the documented examples', () => {
  it('are there: an inspect table, a decode table and a timeline line', () => {
    expect(examples.map((e) => e.args.split(' ')[0])).toEqual(expect.arrayContaining(['inspect', 'decode']));
    expect(timelines.length).toBeGreaterThan(0);
  });

  it.each(examples)('$page: pophist $args reproduces the output shown', ({ args, shown, out }) => {
    expect(shown).toBe(args);
    const r = runCli(args.split(' '));
    expect(r.code).toBe(0);
    if (out.endsWith('\n…')) expect(r.stdout.startsWith(`${out.slice(0, -1)}`)).toBe(true);
    else expect(r.stdout.trimEnd()).toBe(out);
  });

  it.each(timelines)('$page: pophist $args writes the line shown', ({ args, line }) => {
    const r = runCli(args.split(' '));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain(line);
  });
});
