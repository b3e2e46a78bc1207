// A store whose messages each carry 30 KB of attachment: its message blocks lie far apart, between
// long runs of live attachment data (what the pass over every message and the recovery pass skip).

import { PstWriter } from '../../tools/pstwrite/store.js';

export function writeAttachmentStore(path: string, messages: number): void {
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'permute', displayName: 'attachments' });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  const data = Uint8Array.from({ length: 30_000 }, (_, i) => (i * 131) & 0xff);
  for (let i = 0; i < messages; i++) w.addMessage(inbox, { messageClass: 'IPM.Note', subject: `m${i}`, body: 'x'.repeat(200), attachments: [{ filename: `a${i}`, data }] });
  w.finish();
}
