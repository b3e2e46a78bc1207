// The README stands alone: every file it links is in the repository, it links the samples'
// README, it defines every source status and anomaly severity of the schema with what to do next,
// and it has the common tasks an analyst starts from.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/report.schema.json'), 'utf8')) as {
  definitions: { source: { properties: { status: { enum: string[] } } }; anomaly: { properties: { severity: { enum: string[] } } } };
};

/** The text from a `## title` heading to the next `## ` heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, `README has no "## ${title}" section`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README.md', () => {
  it('links only files that are in the repository, and nothing outside it', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(existsSync(join(repoRoot, t)), `README links ${t}`).toBe(true);
    expect(readme).not.toMatch(/design\.md|\.\.\/shared/);
  });

  it('and docs/ and src/ cite nothing outside the repository: the format is described in docs/format.md', () => {
    expect(readme).toContain('](docs/format.md)');
    const files = (dir: string): string[] =>
      readdirSync(join(repoRoot, dir), { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && /\.(md|ts)$/.test(e.name))
        .map((e) => join(e.parentPath, e.name));
    for (const f of [...files('docs'), ...files('src')]) expect(readFileSync(f, 'utf8'), f).not.toMatch(/design\.md|\.\.\/shared|design notes|\(design:/);
  });

  it('links the samples README', () => {
    expect(readme).toContain('](samples/README.md)');
  });

  it('defines every source status, with what to do next', () => {
    const text = section('What the statuses mean, and what to do next');
    expect(text).toContain('| status | what it means | what to do next |');
    for (const status of schema.definitions.source.properties.status.enum) {
      expect(text, `status ${status}`).toMatch(new RegExp(`^\\| \`${status}\` \\| [^|]+ \\| [^|]+ \\|$`, 'm'));
    }
  });

  it('says what each anomaly severity means, and what the summary counts', () => {
    const text = section('What the statuses mean, and what to do next');
    for (const severity of schema.definitions.anomaly.properties.severity.enum) expect(text).toContain(`\`${severity}\``);
    expect(text).toContain('`summary`');
    expect(text).toContain('`downloads`');
  });

  it('has the common tasks: one store, a case folder, JSON into jq, CSV into a spreadsheet', () => {
    const text = section('Common tasks');
    expect(text).toMatch(/pophist inspect evidence\.pst\n/);
    expect(text).toMatch(/pophist inspect -r case\//);
    expect(text).toMatch(/--json[^\n]*\\\n\s+\| jq /);
    expect(text).toMatch(/--csv -o \S+\.csv/);
  });
});
