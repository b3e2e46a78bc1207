// The README is a front page that stands alone, and the reference lives in docs/: every file the
// README or a docs page links is in the repository, every docs page is reachable from the README,
// the statuses page defines every source status and anomaly severity of the schema with what to do
// next, and the README has the set-up and the common tasks an analyst starts from.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const docPages = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/report.schema.json'), 'utf8')) as {
  definitions: { source: { properties: { status: { enum: string[] } } }; anomaly: { properties: { severity: { enum: string[] } } } };
};

/** The repository-relative files a Markdown page links (web addresses left out). */
function links(page: string): string[] {
  const text = readFileSync(join(repoRoot, page), 'utf8');
  return [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((t) => normalize(join(dirname(page), t)).replace(/\/$/, ''));
}

/** The text from a `## title` heading to the next `## ` heading. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `no "## ${title}" section`).toBeGreaterThan(-1);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe('README.md and docs/', () => {
  it('link only files that are in the repository, and nothing outside it', () => {
    for (const page of ['README.md', ...docPages]) {
      const targets = links(page);
      if (page === 'README.md') expect(targets.length).toBeGreaterThan(0);
      for (const t of targets) {
        expect(t.startsWith('..'), `${page} links ${t}, outside the repository`).toBe(false);
        expect(existsSync(join(repoRoot, t)), `${page} links ${t}`).toBe(true);
      }
      expect(readFileSync(join(repoRoot, page), 'utf8')).not.toMatch(/design\.md|\.\.\/shared/);
    }
  });

  it('and docs/ and src/ cite nothing outside the repository: the format is described in docs/format.md', () => {
    expect(readme).toContain('](docs/format.md)');
    const files = (dir: string): string[] =>
      readdirSync(join(repoRoot, dir), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.(md|ts)$/.test(e.name))
        .map((e) => join(e.parentPath, e.name));
    for (const f of [...files('docs'), ...files('src')]) expect(readFileSync(f, 'utf8'), f).not.toMatch(/design\.md|\.\.\/shared|design notes|\(design:/);
  });

  it('reach every docs page from the README', () => {
    const reached = new Set<string>();
    const queue = ['README.md'];
    while (queue.length > 0) {
      const page = queue.pop()!;
      for (const t of links(page)) {
        if (!t.endsWith('.md') || reached.has(t)) continue;
        reached.add(t);
        if (t.startsWith('docs/')) queue.push(t);
      }
    }
    for (const page of docPages) expect(reached.has(page), `${page} is reached from README.md`).toBe(true);
  });

  it('keep the README a front page of at most about 150 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    for (const page of docPages) expect(readme, `README links ${page}`).toContain(`](${page})`);
  });

  it('link the samples README', () => {
    expect(readme).toContain('](samples/README.md)');
  });

  it('say how to get pophist on the PATH and how long the tests take', () => {
    const text = section(readme, 'Set-up');
    expect(text).toContain('npm link');
    expect(text).toContain('bin/pophist');
    expect(text).toMatch(/takes about \d+ minutes/);
  });

  it('define every source status, with what to do next', () => {
    const text = section(readFileSync(join(repoRoot, 'docs/statuses.md'), 'utf8'), 'What the statuses mean, and what to do next');
    expect(text).toContain('| status | what it means | what to do next |');
    for (const status of schema.definitions.source.properties.status.enum) {
      expect(text, `status ${status}`).toMatch(new RegExp(`^\\| \`${status}\` \\| [^|]+ \\| [^|]+ \\|$`, 'm'));
    }
    for (const severity of schema.definitions.anomaly.properties.severity.enum) expect(text).toContain(`\`${severity}\``);
    expect(text).toContain('`summary`');
    expect(text).toContain('`downloads`');
  });

  it('has the common tasks on the front page: one store, a case folder, JSON into jq, CSV into a spreadsheet', () => {
    const text = section(readme, 'Common tasks');
    expect(text).toMatch(/pophist inspect evidence\.pst\n/);
    expect(text).toMatch(/pophist inspect -r case\//);
    expect(text).toMatch(/--json[^\n]*\\\n\s+\| jq /);
    expect(text).toMatch(/--csv -o \S+\.csv/);
  });
});
