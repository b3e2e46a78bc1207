// PidLidRemoteEntryId as read from real bytes: well formed, and every way it can be malformed. A bad
// one is a warning naming the message, never a match and never a crash.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import { inspectStore } from '../../src/analysis/evidence/inspect-store.js';
import { resolveOptions } from '../../src/analysis/options.js';
import { parseRemoteId } from '../../src/analysis/correlate/remote-id.js';
import { PropType } from '../../src/pst/ltp/proptype.js';
import { NamedProp } from '../../src/pst/messaging/namedprops.js';
import { openPst } from '../../src/pst/messaging/store.js';
import { formatNid, asNid } from '../../src/pst/ndb/ids.js';
import { PstWriter } from '../../tools/pstwrite/store.js';

const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));

describe('parseRemoteId', () => {
  it('reads server and UID of POP://server/UID + NUL, and the $xx-unescaped UID', () => {
    expect(parseRemoteId(utf16('POP://localhost/6\0'))).toEqual({ ok: true, id: { server: 'localhost', uid: '6' } });
    expect(parseRemoteId(utf16('POP://mail.example.com/a$2db\0'))).toEqual({ ok: true, id: { server: 'mail.example.com', uid: 'a$2db', unescaped: 'a-b' } });
  });

  it.each([
    ['not POP://', utf16('IMAP://host/1\0'), /does not begin with POP:\/\//],
    ['no UID', utf16('POP://host/\0'), /names no UID/],
    ['no server', utf16('POP:///7\0'), /names no server/],
    ['odd length', new Uint8Array([0x50, 0, 0x4f]), /odd length/],
    ['not UTF-16', new Uint8Array([0x00, 0xd8, 0x41, 0x00]), /not valid UTF-16LE/],
  ])('%s is refused with a reason', (_, bytes, reason) => {
    const r = parseRemoteId(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('a store whose messages carry malformed remote ids on a tag second', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'pophist-remoteid-')), 'bad-remote-ids.pst');
  const time = '2024-05-01T12:00:00Z';
  const bad: [string, Uint8Array, number?][] = [
    ['not POP', utf16('IMAP://host/u1\0')],
    ['no UID', utf16('POP://host/\0')],
    ['odd length', new Uint8Array([0x50, 0, 0x4f, 0, 0x50])],
    ['lone surrogate', new Uint8Array([0x00, 0xd8, 0x41, 0x00])],
    // A well-formed origin, but stored as a string: only binary is PidLidRemoteEntryId's type.
    ['a string', utf16('POP://host/u1\0'), PropType.Unicode],
  ];
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'none', displayName: 'bad remote ids' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const nids = bad.map(([subject, bytes, type]) =>
    w.addMessage(inbox, { messageClass: 'IPM.Note', subject, created: new Date(time), named: [{ name: NamedProp.RemoteEntryId, type: type ?? PropType.Binary, bytes }] }),
  );
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    attachments: [{ filename: 'Blob01020304', longFilename: 'BlobPOPx@example.com', data: encodeBlob([{ operation: 'downloaded', content: 'body', time, uid: 'u1' }]) }],
  });
  w.finish();

  it('warns once per message, naming its NID, and matches none of them', () => {
    const store = openPst(path);
    try {
      const found = inspectStore(store, resolveOptions());
      const warned = found.warnings.filter((x) => x.code === 'BAD_VALUE').map((x) => x.id);
      expect(warned).toEqual(nids.map((n) => `nid ${formatNid(asNid(n))}`));
      expect(found.warnings.at(-1)!.message).toContain('its PidLidRemoteEntryId has type 0x1f, not binary');
      const c = found.correlations![0]!.entries.get(0)!;
      expect(c.status).toBe('not-in-store');
      expect(c.candidates).toEqual([]);
      expect(c.contradictions.map((x) => [x.message.subject, x.reason])).toEqual(bad.map(([subject]) => [subject, 'remote-id-unreadable']));
      expect([...found.correlations![0]!.unexplained]).toEqual([]);
    } finally {
      store.close();
    }
  });
});
