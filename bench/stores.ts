// Benchmark stores, written with our own writer (tools/pstwrite): a realistic folder tree, messages
// with bodies and attachments, and one Message Manager whose history ties to some of them.

import type { TagInput } from '../src/pop3/blob.js';
import { encodeBlob } from '../src/pop3/blob.js';
import { PstWriter, type FolderHandle } from '../tools/pstwrite/store.js';
import { rng } from '../tools/rng.js';

export interface StoreShape {
  name: string;
  messages: number;
  /** Every n-th message carries an attachment of attachBytes. */
  attachEvery: number;
  attachBytes: number;
  tags: number;
}

/** `count` tags of escaped GUID UIDs, one second apart: at 65,535 the largest history the format can declare. */
export function benchTags(count: number): TagInput[] {
  return Array.from({ length: count }, (_, i) => ({
    operation: 'downloaded',
    content: 'body',
    time: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString().replace('.000Z', 'Z'),
    uid: `0BC535DB-EA63-11E1-A75C-${i.toString(16).padStart(12, '0')}`,
  }));
}

/** Every store has the same 300-tag history, so that what changes between them is the store itself. */
export const SHAPES: Record<'2MB' | '200MB' | '2GB', StoreShape> = {
  '2MB': { name: 'bench-2MB.pst', messages: 500, attachEvery: 20, attachBytes: 20_000, tags: 300 },
  '200MB': { name: 'bench-200MB.pst', messages: 100_000, attachEvery: 50, attachBytes: 20_000, tags: 300 },
  '2GB': { name: 'bench-2GB.pst', messages: 100_000, attachEvery: 1, attachBytes: 18_500, tags: 300 },
};

const BASE = Date.UTC(2023, 0, 1);
const LOREM = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ';

export function writeBenchStore(path: string, shape: StoreShape): void {
  const w = new PstWriter(path, { variant: 'unicode', encryption: 'permute', displayName: shape.name });
  const inbox = w.addFolder(w.ipmSubtree, 'Inbox');
  w.setInbox(inbox);
  const folders: FolderHandle[] = [inbox, w.deletedItems];
  for (const n of ['Projects', 'Receipts', 'Newsletters']) folders.push(w.addFolder(inbox, n));
  for (const n of ['Sent Items', 'Drafts', 'Outbox']) folders.push(w.addFolder(w.ipmSubtree, n));
  const archive = w.addFolder(w.ipmSubtree, 'Archive');
  for (let y = 2015; y < 2023; y++) folders.push(w.addFolder(archive, String(y)));
  for (const n of ['Calendar', 'Contacts', 'Tasks', 'Notes', 'Journal']) w.addFolder(w.ipmSubtree, n, `IPF.${n}`);

  const random = rng(42);
  const attachment = new Uint8Array(shape.attachBytes);
  for (let i = 0; i < attachment.length; i++) attachment[i] = (random() * 256) | 0;
  const tags: TagInput[] = [];
  const tagEvery = Math.max(1, Math.floor(shape.messages / shape.tags));
  for (let i = 0; i < shape.messages; i++) {
    const created = new Date(BASE + i * 37_000);
    const folder = folders[Math.floor(random() * folders.length)]!;
    const uid = `bench-${i.toString(36)}@pop.example.net`;
    w.addMessage(folder, {
      messageClass: 'IPM.Note',
      subject: `Message ${i}: ${LOREM.slice(0, 20 + (i % 40))}`,
      senderName: `Sender ${i % 97}`,
      senderEmail: `sender${i % 97}@example.net`,
      body: LOREM.repeat(2 + (i % 3)),
      created,
      delivered: new Date(created.getTime() - 20_000),
      internetMessageId: `<${uid}>`,
      attachments: i % shape.attachEvery === 0 ? [{ filename: `file${i}.bin`, longFilename: `file${i}.bin`, data: attachment }] : [],
    });
    if (i % tagEvery === 0 && tags.length < shape.tags) tags.push({ operation: 'downloaded', content: 'body', time: created.toISOString().replace('.000Z', 'Z'), uid });
  }
  w.addAssociated(inbox, {
    messageClass: 'IPM.MessageManager',
    subject: 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)',
    conversationKey: new Uint8Array(Buffer.from('General Key\0', 'latin1')),
    created: new Date(BASE - 86_400_000),
    attachments: [
      { filename: 'Blobda8ea945', longFilename: 'BlobPOPbench@example.com', additionalInfo: Uint8Array.of(0x45, 0xa9, 0x8e, 0xda), data: encodeBlob(tags) },
      { filename: 'Restagsda8ea945', longFilename: 'RestagsPOPbench@example.com', data: new Uint8Array(0) },
    ],
  });
  w.finish();
}
