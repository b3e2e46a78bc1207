// The 8 bytes Outlook 2016 writes after the tags are what every Outlook 2016 store holds: a terminal's
// table says nothing of them, while JSON, --wide, files and pipes keep the trailer and its info
// anomaly. A trailer of any other shape is still shown on the terminal.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { runCli } from '../support/cli.js';
import { runOnTerminal, stripColour } from '../support/pty.js';
import { samplePath } from '../support/samples.js';

const env = { ...process.env, NO_COLOR: '1' };
const tags = Array.from({ length: 3 }, (_, i) => ({ operation: 'downloaded' as const, content: 'body' as const, time: '2024-01-01T00:00:00Z', uid: `U${i}` }));
const dir = mkdtempSync(join(tmpdir(), 'pophist-trailer-'));
const blobWith = (name: string, trailer: number[]): string => {
  const f = join(dir, name);
  writeFileSync(f, encodeBlob(tags, { trailer: Uint8Array.from(trailer) }));
  return f;
};

describe('the Outlook 2016 trailer', () => {
  it('is not in the table on an 80- or 120-column terminal (pop3-unicode.pst, an Outlook 2016 store)', () => {
    for (const columns of [80, 120]) {
      const screen = stripColour(runOnTerminal(['inspect', samplePath('pop3-unicode.pst')], { columns, env }).screen);
      expect(screen).toContain('Account alice@example.com');
      expect(screen).not.toContain('trailer:');
      expect(screen).not.toContain('TRAILER');
    }
  });

  it('stays in --wide, in a pipe and in JSON', () => {
    const wide = runOnTerminal(['inspect', samplePath('pop3-unicode.pst'), '--wide'], { columns: 80, env }).screen;
    const piped = runCli(['inspect', samplePath('pop3-unicode.pst')]).stdout;
    for (const out of [wide, piped]) {
      expect(out).toContain('  trailer: 000000006b1f025c\n');
      expect(out).toContain('  info: TRAILER at byte 742: the 8 bytes Outlook 2016 writes after the tags');
    }
    const h = JSON.parse(runCli(['inspect', samplePath('pop3-unicode.pst'), '--json']).stdout).sources[0].histories[0];
    expect(h.trailer).toBe('000000006b1f025c');
    expect(h.anomalies).toEqual([expect.objectContaining({ code: 'TRAILER', severity: 'info' })]);
  });

  it('a decoded blob: the Outlook shape is left out on a terminal, 64 other bytes are shown as a warning', () => {
    const outlook = stripColour(runOnTerminal(['decode', blobWith('outlook.bin', [0, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef])], { columns: 80, env }).screen);
    expect(outlook).toContain('3 tags');
    expect(outlook).not.toContain('trailer:');
    expect(outlook).not.toContain('TRAILER');
    const other = stripColour(runOnTerminal(['decode', blobWith('other.bin', new Array<number>(64).fill(0))], { columns: 80, env }).screen);
    expect(other).toContain('warning: TRAILER at byte');
    // 128 hex digits are wider than the terminal: cut only there, with nothing put between the pieces.
    expect(other.replace(/\n +/g, '')).toContain(`trailer:${'0'.repeat(128)}`);
  });
});
