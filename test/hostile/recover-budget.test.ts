// --recover on forged freed space (issue: hostile evidence, round 3): millions of 64-byte blocks
// whose trailers validate (cb, wSig and CRC right, distinct bids) took gigabytes before, and
// thousands of copies of a real attachment block came back as thousands of "whole" histories.
// Now the scan keeps what the recovery budget pays for and says how much more there was, the
// lone histories past a plausible number are a count, and the live history is reported whatever
// recovery does. Run as an attacker would: the built CLI in a child process, measured by
// /usr/bin/time, with a watchdog.

import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeSig, pstCrc } from '../../src/pst/ndb/crc.js';
import { repoRoot } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateReport } from '../support/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'pophist-recover-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Unicode sample with `mib` MiB of 64-byte blocks appended: 48 bytes of data and a valid 16-byte trailer each. */
function forgedTrailers(mib: number): string {
  const file = join(dir, `forged-${mib}.pst`);
  copyFileSync(samplePath('pop3-unicode.pst'), file);
  const start = Math.ceil(statSync(file).size / 64) * 64;
  const data = Buffer.alloc(48, 0x5a);
  const crc = pstCrc(data);
  const chunk = Buffer.alloc(Math.min(8, mib) * 1048576);
  const fd = openSync(file, 'r+');
  try {
    let ib = start;
    let bid = 0x100000;
    for (let done = 0; done < mib * 1048576; done += chunk.length) {
      for (let o = 0; o < chunk.length; o += 64, ib += 64, bid += 4) {
        data.copy(chunk, o);
        chunk.writeUInt16LE(48, o + 48);
        chunk.writeUInt16LE(computeSig(ib, BigInt(bid)), o + 50);
        chunk.writeUInt32LE(crc, o + 52);
        chunk.writeUInt32LE(bid, o + 56);
        chunk.writeUInt32LE(0, o + 60);
      }
      writeSync(fd, chunk, 0, chunk.length, ib - chunk.length);
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  rssMiB: number;
  seconds: number;
}

/** The built CLI under /usr/bin/time, killed past `timeoutMs`. */
function measured(args: string[], timeoutMs: number): Measured {
  const out = join(dir, 'time.txt');
  const t0 = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, join(repoRoot, 'bin/pophist'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (r.signal) throw new Error(`pophist ${args.join(' ')}: killed by ${r.signal} after ${Date.now() - t0} ms`);
  const kib = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, rssMiB: kib / 1024, seconds: (Date.now() - t0) / 1000 };
}

interface Report {
  sources: { histories: { entries: unknown[] }[]; warnings?: { code: string; message: string }[]; recovered?: unknown[] }[];
}

const hasTime = statSync('/usr/bin/time', { throwIfNoEntry: false }) !== undefined;

describe.skipIf(!hasTime && process.env.CI !== 'true')('--recover within its budget on forged freed space', () => {
  it('576 MiB of forged block trailers: under 300 MB and 60 s, the live history reported, the rest counted in a LIMIT warning', () => {
    const file = forgedTrailers(576);
    const r = measured(['inspect', file, '--recover', '--json', '--jobs', '1'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.rssMiB).toBeLessThan(300);
    expect(r.seconds).toBeLessThan(60);
    const report = JSON.parse(r.stdout) as Report;
    expect(validateReport(report), schemaErrors(validateReport)).toBe(true);
    const source = report.sources[0]!;
    expect(source.histories.some((h) => h.entries.length > 0)).toBe(true);
    const limit = source.warnings?.find((w) => w.code === 'LIMIT' && w.message.includes('limit: recovery memory'));
    expect(limit?.message).toMatch(/^recovery: freed space holds more than 64 MiB of recovery candidates can keep; [1-9]\d* more block trailers/);
  }, 180_000);

  it('--recover-memory sets the budget, and the header states it', () => {
    const file = forgedTrailers(1);
    const small = measured(['inspect', file, '--recover', '--recover-memory', '4', '--json', '--jobs', '1'], 120_000);
    const big = measured(['inspect', file, '--recover', '--recover-memory', '64', '--json', '--jobs', '1'], 120_000);
    const warned = (r: Measured) => (JSON.parse(r.stdout) as Report).sources[0]!.warnings?.some((w) => w.message.includes('limit: recovery memory')) ?? false;
    // 1 MiB holds 16,384 trailers: more than 4 MiB of budget keeps (2,048 blocks), fewer than 64 MiB keeps (32,768).
    expect(warned(small)).toBe(true);
    expect(warned(big)).toBe(false);
    expect(JSON.parse(small.stdout).options).toMatchObject({ recover: true, recoverMemory: 4 });
  }, 180_000);
});
