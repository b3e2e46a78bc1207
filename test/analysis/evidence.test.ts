// The library's one entry point on real bytes: what the input is, by its first bytes; the same
// findings from a path as from the same bytes in memory; bad evidence as an error finding, never
// thrown; and options that cross to another thread (structured clone) unchanged. A store's long
// finding lists are lazy: they are compared once made (settled).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { inspectEvidence, kindOf } from '../../src/analysis/evidence/inspect-evidence.js';
import { DEFAULT_OPTIONS, resolveOptions } from '../../src/analysis/options.js';
import { toSource } from '../../src/report/build.js';
import { settled } from '../support/settled.js';
import { samplePath } from '../support/samples.js';

const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(samplePath(file)));

describe('inspectEvidence', () => {
  it.each([
    ['pop3-unicode.pst', 'pst'],
    ['pop3-ansi-cyclic.pst', 'pst'],
    ['message-manager.msg', 'msg'],
  ])('%s: typed %s by its first bytes, the same source from the path and from the bytes', (file, kind) => {
    const fromPath = inspectEvidence(samplePath(file));
    expect(fromPath.base.kind).toBe(kind);
    expect(toSource(fromPath).status).toBe('history-found');
    const fromBytes = inspectEvidence({ path: samplePath(file), bytes: bytesOf(file) });
    expect(settled(toSource(fromBytes))).toEqual(settled(toSource(fromPath)));
  });

  it('calls a store with an OST client magic an ost', () => {
    const bytes = bytesOf('pop3-unicode.pst');
    expect(kindOf(bytes)).toBe('pst');
    bytes[8] = 'S'.charCodeAt(0);
    bytes[9] = 'O'.charCodeAt(0);
    expect(kindOf(bytes)).toBe('ost');
  });

  it('correlates by default within a 2-second window, and not when asked not to', () => {
    const path = samplePath('correlation-cases.pst');
    expect(DEFAULT_OPTIONS.window).toBe(2);
    expect(settled(toSource(inspectEvidence(path)))).toEqual(settled(toSource(inspectEvidence(path, resolveOptions({ window: 2, correlate: true })))));
    expect(settled(toSource(inspectEvidence(path, resolveOptions({ window: 0 }))))).not.toEqual(settled(toSource(inspectEvidence(path))));
    const off = toSource(inspectEvidence(path, resolveOptions({ correlate: false })));
    expect(off.histories.every((h) => h.summary === undefined && h.entries.every((e) => e.correlation === undefined))).toBe(true);
  });

  it('decodes a blob only when told the input is one', () => {
    const blob = encodeBlob([{ operation: 'downloaded', content: 'body', time: '2020-01-02T03:04:05Z', uid: 'u1' }]);
    const asBlob = toSource(inspectEvidence({ path: 'x.bin', bytes: blob }, resolveOptions({ as: 'blob' })));
    expect(asBlob).toMatchObject({ path: 'x.bin', kind: 'blob', size: blob.length, status: 'history-found' });
    expect(Object.keys(asBlob).slice(0, 3)).toEqual(['path', 'kind', 'size']);
    expect(toSource(inspectEvidence({ path: 'x.bin', bytes: blob })).error?.code).toBe('NOT_A_PST');
  });

  it('turns bad evidence into an error finding with what the reader knows of where', () => {
    expect(inspectEvidence(samplePath('does-not-exist.pst'))).toMatchObject({ type: 'error', error: { code: 'UNREADABLE', message: 'cannot read the file (ENOENT)' } });
    const cut = bytesOf('pop3-unicode.pst').subarray(0, 600);
    const e = inspectEvidence({ path: 'cut.pst', bytes: cut });
    expect(e).toMatchObject({ type: 'error', base: { kind: 'pst', size: 600 }, error: { layer: expect.any(String) } });
    expect(inspectEvidence({ path: 'm.msg', bytes: bytesOf('message-manager.msg').subarray(0, 700) })).toMatchObject({ type: 'error', error: { code: 'MSG_UNREADABLE' } });
  });

  it('adds the sha256 when asked', () => {
    const e = inspectEvidence(samplePath('no-history.pst'), resolveOptions({ hash: true }));
    expect(e.base.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(inspectEvidence({ path: 'n', bytes: bytesOf('no-history.pst') }, resolveOptions({ hash: true })).base.sha256).toBe(e.base.sha256);
  });

  it('takes options that cross to a worker thread unchanged', () => {
    const options = resolveOptions({ window: 3, profile: { smtp: 'a@example.com', searchKey: Uint8Array.of(1, 2) } });
    const source = settled(toSource(inspectEvidence(samplePath('two-accounts.pst'), structuredClone(options))));
    expect(source).toEqual(settled(toSource(inspectEvidence(samplePath('two-accounts.pst'), options))));
  });
});
