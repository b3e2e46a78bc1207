// Registry hives for tests, built at test time: our writer (tools/regwrite) lays out the keys with
// their last-write times (or only the root, for hivex to create the keys), and Debian's hivexregedit
// --merge writes the values from a .reg file. reglookup and hivexget read them back as oracles.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_TIME, setChecksum, writeHive, type KeySpec } from '../../tools/regwrite/write.js';

export { SEED_TIME };
import { describeWithTools } from './tools.js';

export type FixtureValue =
  | { name: string; sz: string }
  | { name: string; utf16Binary: string }
  | { name: string; dword: number }
  | { name: string; binary: Buffer };

export interface FixtureKey {
  /** Backslash path from the root. */
  path: string;
  lastWritten?: Date;
  values?: FixtureValue[];
}

export interface HiveFixture {
  file: string;
  keys: FixtureKey[];
  /** hivex leaves every hive it commits clean: the secondary sequence number is set back after the merge. */
  dirty?: boolean;
  /** Start from a hive holding only its root: hivexregedit creates every key (with the root's time, SEED_TIME). */
  emptySeed?: boolean;
}

/** The tree of keys (with times) that the fixture's paths name, ancestors included. */
function skeleton(keys: readonly FixtureKey[]): KeySpec {
  const root: KeySpec = { name: 'ROOT', subkeys: [] };
  for (const k of keys) {
    let at = root;
    for (const part of k.path.split('\\')) {
      let next = at.subkeys!.find((s) => s.name === part);
      if (!next) at.subkeys!.push((next = { name: part, subkeys: [] }));
      at = next;
    }
    if (k.lastWritten) at.lastWritten = k.lastWritten;
  }
  return root;
}

const hexList = (b: Buffer): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(',');
const regString = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function regLine(v: FixtureValue): string {
  const name = regString(v.name);
  if ('sz' in v) return `${name}=${regString(v.sz)}`;
  if ('dword' in v) return `${name}=dword:${v.dword.toString(16).padStart(8, '0')}`;
  if ('utf16Binary' in v) return `${name}=hex:${hexList(Buffer.from(`${v.utf16Binary}\0`, 'utf16le'))}`;
  return `${name}=hex:${hexList(v.binary)}`;
}

/** The .reg file hivexregedit merges: every key (ancestors first when hivex creates them), then its values. */
function regFile(f: HiveFixture): string {
  const lines = ['Windows Registry Editor Version 5.00', ''];
  const written = new Set<string>();
  const section = (path: string, values: readonly FixtureValue[]): void => {
    lines.push(`[\\${path}]`, ...values.map(regLine), '');
    written.add(path);
  };
  for (const k of f.keys) {
    const parts = k.path.split('\\');
    for (let i = 1; f.emptySeed && i < parts.length; i++) {
      const up = parts.slice(0, i).join('\\');
      if (!written.has(up)) section(up, []);
    }
    section(k.path, k.values ?? []);
  }
  return lines.join('\r\n');
}

/** The hive with its secondary sequence number one behind the primary, and the base block's checksum made good. */
function dirtied(b: Buffer): Buffer {
  b.writeUInt32LE(b.readUInt32LE(4) - 1, 8);
  setChecksum(b);
  return b;
}

/** Builds every fixture into a new temporary directory; returns the file paths by fixture name. */
export function buildHives(fixtures: readonly HiveFixture[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'pophist-hives-'));
  const out = new Map<string, string>();
  for (const f of fixtures) {
    const path = join(dir, f.file);
    writeFileSync(path, writeHive(f.emptySeed ? { name: 'ROOT' } : skeleton(f.keys)).bytes);
    writeFileSync(`${path}.reg`, regFile(f));
    execFileSync('hivexregedit', ['--merge', path, `${path}.reg`], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (f.dirty) writeFileSync(path, dirtied(readFileSync(path)));
    out.set(f.file, path);
  }
  return out;
}

/** Tests that need hivexregedit, hivexget and reglookup: skipped with a message locally, required in CI. */
export function describeWithHiveTools(name: string, fn: () => void): void {
  describeWithTools(
    [
      ['hivexregedit', 'libwin-hivex-perl'],
      ['hivexget', 'libhivex-bin'],
      ['reglookup', 'reglookup'],
    ],
    name,
    fn,
  );
}
