// The real Outlook 2013+ OST of the corpus (4 KiB pages, wVer 36, zlib-compressed blocks) against
// libpff: the same folders, the same messages in each, and the same folder-associated (FAI) messages
// with the same class and subject, read by libpff through python3-pypff (pffexport skips FAI).

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { withoutSubjectPrefix } from '../../src/pst/messaging/message.js';
import { openPst } from '../../src/pst/messaging/store.js';
import { corpusPath, describeWithCorpus, repoRoot } from '../support/corpus.js';
import { describeWithTool } from '../support/tools.js';

const OST = corpusPath('ost/frankwxu_digital-forensics-lab_regex.zip_informant.ost');

interface PffFolder {
  nid: number;
  path: string[];
  items: { nid: number; class: string | null; subject: string | null }[];
}

const NORMAL_MESSAGE = 0x04;
const ASSOC_MESSAGE = 0x08;

function pffItems(file: string): PffFolder[] {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(repoRoot, 'test/support/pff_items.py'), file], { encoding: 'utf8', timeout: 60_000 })) as PffFolder[];
}

describeWithCorpus('the real 4 KiB-page OST', () => {
  it('opens as unicode-4k, unencrypted, with no warning', () => {
    const store = openPst(OST);
    try {
      expect(store.format).toEqual({ variant: 'unicode-4k', encryption: 'none' });
      expect(store.db.header.wVer).toBe(36);
      for (const f of store.walk()) f.messageNids();
      expect(store.warnings.list).toEqual([]);
    } finally {
      store.close();
    }
  });

  describeWithTool('/usr/bin/python3', 'python3-pypff', 'against libpff (pypff)', () => {
    it('has the same folders, messages and FAI messages (class and subject), 14 messages in all', () => {
      const oracle = pffItems(OST);
      const store = openPst(OST);
      try {
        const folders = [...store.walk()];
        expect(folders.map((f) => `${f.nid} ${JSON.stringify(f.path)}`).sort()).toEqual(oracle.map((o) => `${o.nid} ${JSON.stringify(o.path)}`).sort());
        let messages = 0;
        for (const o of oracle) {
          const f = folders.find((x) => x.nid === o.nid)!;
          const where = o.path.join('/');
          const theirs = (type: number): number[] => o.items.filter((i) => (i.nid & 0x1f) === type).map((i) => i.nid).sort((a, b) => a - b);
          expect([...f.messageNids()].sort((a, b) => a - b), where).toEqual(theirs(NORMAL_MESSAGE));
          expect([...f.associatedNids()].sort((a, b) => a - b), where).toEqual(theirs(ASSOC_MESSAGE));
          messages += f.messageNids().length;
          for (const i of o.items.filter((x) => (x.nid & 0x1f) === ASSOC_MESSAGE)) {
            const m = store.message(i.nid as never);
            expect(m.messageClass ?? null, `${where} ${i.nid}`).toBe(i.class);
            expect(m.subject ?? null, `${where} ${i.nid}`).toBe(i.subject === null ? null : withoutSubjectPrefix(i.subject));
          }
        }
        expect(messages).toBe(14);
      } finally {
        store.close();
      }
    });
  });
});
