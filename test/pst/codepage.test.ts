// 8-bit strings in the code page their message or store declares, through iconv-lite: 0x80 is € in
// Windows-1252 (Node's TextDecoder gives U+0080), and a store written on a Russian Windows reads as
// Cyrillic.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeString8, resolveCodepage } from '../../src/pst/ltp/codepage.js';
import { openPst } from '../../src/pst/messaging/store.js';
import { PstWriter } from '../../tools/pstwrite/store.js';
import { runCli } from '../support/cli.js';
import { samplePath } from '../support/samples.js';

const tmp = mkdtempSync(join(tmpdir(), 'pophist-cp-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('decoding 8-bit strings', () => {
  it('reads Windows-1252 as Windows-1252, not Latin-1: 0x80 is €, 0x99 ™, 0x9F Ÿ', () => {
    expect(decodeString8(Uint8Array.of(0x35, 0x20, 0x80, 0x20, 0x99, 0x9f, 0xe9), 1252)).toBe('5 € ™Ÿé');
  });

  it('reads 1251 as Cyrillic and 932 as Japanese', () => {
    expect(decodeString8(Uint8Array.of(0xc2, 0xf5, 0xee, 0xe4, 0xff, 0xf9, 0xe8, 0xe5, 0x88), 1251)).toBe('Входящие€');
    expect(decodeString8(Uint8Array.of(0x8e, 0xf3, 0x90, 0x4d), 932)).toBe('受信');
  });

  it('takes the first declared code page it can read: us-ascii and iso-8859-1 as 1252, an unknown one skipped', () => {
    expect(resolveCodepage(20127)).toBe(1252);
    expect(resolveCodepage(28591, 1251)).toBe(1252);
    expect(resolveCodepage(undefined, 1251)).toBe(1251);
    expect(resolveCodepage(0, 12345, 1251)).toBe(1251);
    expect(resolveCodepage(12345)).toBe(1252);
    expect(resolveCodepage()).toBe(1252);
    expect(decodeString8(Buffer.from('naïve ✓', 'utf8'), resolveCodepage(65001))).toBe('naïve ✓');
  });
});

describe('a writer-made ANSI store in Windows-1252', () => {
  it('gives € for 0x80 in a message subject and a folder name, and no code page in its format', () => {
    const f = join(tmp, 'euro.pst');
    const w = new PstWriter(f, { variant: 'ansi', encryption: 'permute', displayName: 'Euro' });
    const inbox = w.addFolder(w.ipmSubtree, 'Kosten €');
    w.setInbox(inbox);
    w.addMessage(inbox, { messageClass: 'IPM.Note', subject: 'Rechnung: 5 € — bezahlt™', created: new Date('2024-01-01T00:00:00Z') });
    w.finish();
    const store = openPst(f);
    try {
      expect(store.format).toEqual({ variant: 'ansi', encryption: 'permute' });
      const folder = [...store.walk()].find((x) => x.name.startsWith('Kosten'))!;
      expect(folder.name).toBe('Kosten €');
      const m = store.message(folder.messageNids()[0]!);
      expect(m.props.raw(0x0037)!.bytes).toContain(0x80);
      expect(m.subject).toBe('Rechnung: 5 € — bezahlt™');
    } finally {
      store.close();
    }
  });
});

describe('samples/ansi-cyrillic.pst: a store that declares code page 1251', () => {
  it('reads folder names and subjects as Cyrillic, and a message that declares 1252 in 1252', () => {
    const store = openPst(samplePath('ansi-cyrillic.pst'));
    try {
      expect(store.codepage).toBe(1251);
      expect(store.displayName).toBe('Личные папки');
      const inbox = [...store.walk()].find((x) => x.path.at(-1) === 'Входящие')!;
      const subjects = inbox.messageNids().map((n) => store.message(n).subject);
      expect(subjects).toContain('Re: Счёт на оплату — 500 €');
      expect(subjects).toContain('Invoice — 20 € paid');
    } finally {
      store.close();
    }
  });

  it('says so in the report: format.codepage 1251, in JSON and in the table', () => {
    const json = JSON.parse(runCli(['inspect', samplePath('ansi-cyrillic.pst'), '--json']).stdout).sources[0];
    expect(json.format).toEqual({ variant: 'ansi', encryption: 'permute', codepage: 1251 });
    expect(json.store.inbox).toBe('/Top of Personal Folders/Входящие');
    const table = runCli(['inspect', samplePath('ansi-cyrillic.pst')]).stdout;
    expect(table).toContain('(pst, ansi, encryption permute, code page 1251)');
    expect(table).toContain('"Re: Счёт на оплату — 500 €"');
    const pst1252 = JSON.parse(runCli(['inspect', samplePath('pop3-ansi-cyclic.pst'), '--json']).stdout).sources[0];
    expect(pst1252.format).toEqual({ variant: 'ansi', encryption: 'cyclic' });
  });
});
