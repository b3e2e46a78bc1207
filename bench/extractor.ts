// The history blob reached through pst-extractor, as a user who knows the format would do it:
// pst-extractor has no public way to list associated contents and its object loader refuses FAI
// nodes (NID type 8), so take the Inbox's children from its NBT-wide child descriptor tree and
// build each FAI message from its internal classes, the way its loader builds a normal one.

import { PSTFile, type PSTFolder, type PSTMessage } from 'pst-extractor';
import { PSTNodeInputStream } from 'pst-extractor/dist/PSTNodeInputStream.class.js';
import { PSTTableBC } from 'pst-extractor/dist/PSTTableBC.class.js';
import { PSTUtil } from 'pst-extractor/dist/PSTUtil.class.js';

export function extractorBlob(path: string): Buffer {
  // pst-extractor writes to the console from inside the library.
  const saved = { log: console.log, error: console.error, warn: console.warn };
  Object.assign(console, { log: () => {}, error: () => {}, warn: () => {} });
  try {
    const pst = new PSTFile(path);
    const ipm = pst.getRootFolder().getSubFolders().find((f: PSTFolder) => f.displayName === 'Top of Personal Folders')!;
    const inbox = ipm.getSubFolders().find((f: PSTFolder) => f.displayName === 'Inbox')!;
    const children = pst.getChildDescriptorTree().get(inbox.descriptorNodeId.toNumber()) ?? [];
    for (const node of children) {
      if ((node.descriptorIdentifier & 0x1f) !== 0x08) continue;
      const table = new PSTTableBC(new PSTNodeInputStream(pst, pst.getOffsetIndexNode(node.dataOffsetIndexIdentifier)));
      const local = pst.getPSTDescriptorItems(node.localDescriptorsOffsetIndexIdentifier);
      const msg = PSTUtil.createAppropriatePSTMessageObject(pst, node, table, local) as PSTMessage;
      if (msg.messageClass !== 'IPM.MessageManager') continue;
      for (let i = 0; i < msg.numberOfAttachments; i++) {
        const att = msg.getAttachment(i);
        if (!att.longFilename.startsWith('BlobPOP')) continue;
        const stream = att.fileInputStream!;
        const out = Buffer.alloc(stream.length.toNumber());
        stream.readCompletely(out);
        return out;
      }
    }
    throw new Error('no history found through pst-extractor');
  } finally {
    Object.assign(console, saved);
  }
}
