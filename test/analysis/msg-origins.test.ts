// .msg files as real evidence holds them: a saved e-mail is a message, never a Message Manager, and
// the POP3 origin of each of its messages (the top one, each embedded one at any depth) is reported
// with where it sits. Real bytes: the corpus's two msgreader test files; our writer's sample.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectEvidence } from '../../src/analysis/evidence/inspect-evidence.js';
import { readMsg } from '../../src/msg/read.js';
import { toSource } from '../../src/report/build.js';
import { renderTable } from '../../src/report/table.js';
import { REPORT_SCHEMA, type Source } from '../../src/report/types.js';
import { corpusDir, corpusPath, describeWithCorpus, inCi, repoRoot } from '../support/corpus.js';
import { samplePath } from '../support/samples.js';
import { schemaErrors, validateReport } from '../support/schema.js';

const RECEIVED = 'msg/HiraokaHyperTools_msgreader_test_Attach_sample_eml_received.msg';
const MANY = 'msg/HiraokaHyperTools_msgreader_test_Many_entities.msg';

function source(path: string): Source {
  const found = inspectEvidence(path);
  expect(found.type, path).toBe('msg');
  return toSource(found);
}

const report = (s: Source): unknown => JSON.parse(JSON.stringify({ schema: REPORT_SCHEMA, tool: { name: 'pophist', version: 'test' }, options: { correlate: true, window: 2 }, sources: [s] }));

function msgFiles(dir: string): string[] {
  let out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(msgFiles(path));
    else if (name.toLowerCase().endsWith('.msg')) out.push(path);
  }
  return out.sort();
}

describeWithCorpus('real .msg files (corpus msg/)', () => {
  it('Attach sample.eml received: the top message came from POP://127.0.0.1/348, and it is no manager', () => {
    const s = source(corpusPath(RECEIVED));
    expect(s.managers).toEqual([]);
    expect(s.histories).toEqual([]);
    expect(s.status).toBe('no-history');
    expect(s.downloads).toEqual([
      expect.objectContaining({ location: 'top', server: '127.0.0.1', uid: '348', account: 'hmailuser@hmailserver.test', messageClass: 'IPM.Note', subject: 'Attach sample.eml' }),
    ]);
    expect(s.downloads![0]!.delivered).toBe('2025-12-04T04:38:16Z');
    expect(s.downloads![0]!.messageId).toBe('<000001dc64d7$ceee9240$6ccbb6c0$@hmailserver.test>');
    expect(validateReport(report(s)), schemaErrors(validateReport)).toBe(true);
  });

  it('Many entities: 22 embedded downloads, POP://127.0.0.1/324 … /345, none on the top message, no manager', () => {
    const s = source(corpusPath(MANY));
    expect(s.managers).toEqual([]);
    expect(s.downloads).toHaveLength(22);
    expect(s.downloads!.every((d) => d.location.startsWith('embedded ') && !d.location.includes('/') && d.server === '127.0.0.1')).toBe(true);
    expect(s.downloads!.map((d) => Number(d.uid)).sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, k) => 324 + k));
    // Each sits in its own attachment: the place named is the attachment that holds that UID.
    const item = readMsg(new Uint8Array(readFileSync(corpusPath(MANY))));
    expect(item.remoteEntryId).toBeUndefined();
    for (const d of s.downloads!) {
      const at = item.attachments[Number(d.location.slice('embedded '.length))]!;
      expect(Buffer.from(at.embedded!.remoteEntryId as Uint8Array).toString('utf16le')).toContain(`POP://127.0.0.1/${d.uid}`);
    }
    expect(renderTable(report(s) as never)).toContain('22 POP3 downloads, no history');
    expect(validateReport(report(s)), schemaErrors(validateReport)).toBe(true);
  });
});

describe('pop3-embedded.msg (our writer): origins two levels deep', () => {
  it('reports each embedded download where it sits, the UID unescaped, and no manager', () => {
    const s = source(samplePath('pop3-embedded.msg'));
    expect(s.managers).toEqual([]);
    expect(s.status).toBe('no-history');
    expect(s.downloads!.map((d) => [d.location, d.server, d.uid, d.unescapedUid, d.account])).toEqual([
      ['embedded 0', 'pop.example.com', 'UIDL_000100', undefined, 'ivo@example.com'],
      ['embedded 2 / embedded 0', 'pop.gmx.example', '0M0C9Q$2d1OZP9', '0M0C9Q-1OZP9', 'ivo@gmx.example'],
    ]);
    expect(s.downloads![1]).toMatchObject({ messageClass: 'IPM.Note', subject: 'Delivery report', created: '2024-07-01T07:30:00Z', delivered: '2024-07-01T07:29:40Z' });
  });

  it('message-manager.msg is still a manager with its history, and has no downloads', () => {
    const s = source(samplePath('message-manager.msg'));
    expect(s.managers.map((m) => m.messageClass)).toEqual(['IPM.MessageManager']);
    expect(s.status).toBe('history-found');
    expect(s.downloads).toBeUndefined();
  });
});

describe('no .msg of a class other than IPM.MessageManager is ever reported as a manager', () => {
  const files = [...msgFiles(join(repoRoot, 'samples')), ...msgFiles(join(repoRoot, 'test/fixtures')), ...msgFiles(join(corpusDir, 'msg'))];

  it('covers the samples, the fixtures and the corpus', () => {
    expect(files.some((f) => f.includes('/samples/'))).toBe(true);
    expect(files.some((f) => f.includes('/test/fixtures/'))).toBe(true);
    if (inCi) expect(files.filter((f) => f.startsWith(corpusDir))).toHaveLength(2);
  });

  it.each(files.map((f) => [f.slice(f.lastIndexOf('/') + 1), f]))('%s', (_name, path) => {
    const found = inspectEvidence(path);
    if (found.type !== 'msg') return; // unreadable: an error finding, no manager at all
    const cls = readMsg(new Uint8Array(readFileSync(path))).messageClass ?? '';
    const managers = toSource(found).managers;
    if (cls !== '' && cls.toLowerCase() !== 'ipm.messagemanager') expect(managers).toEqual([]);
    for (const m of managers) expect(['ipm.messagemanager', '']).toContain(m.messageClass.toLowerCase());
  });
});
