// A Message Manager as pophist sees it, whatever it was read from (a PST folder or a .msg file).
// The .msg reader already yields this shape, so the PST locator builds the same one.

import type { MsgAttachment, MsgItem } from '../../msg/index.js';
import type { DamagedBlock } from '../../pst/index.js';

/** The class of a Message Manager. */
export const MANAGER_CLASS = 'IPM.MessageManager';

/** An attachment: its names, PR_ATTACH_ADDITIONAL_INFO and PidTagAttachDataBinary (when binary), and
 * (from a PST) the blocks of its tree that fail their checks, which its data was read from. */
export type AttachmentCandidate = MsgAttachment & { damaged?: DamagedBlock[] };

export interface ManagerCandidate extends Omit<MsgItem, 'messageClass'> {
  /** Folder path ("/Top of Personal Folders/Inbox") for a PST, undefined for a .msg. */
  folder?: string;
  nid?: string;
  /** True when the folder is the one Outlook treats as the Inbox. */
  inInbox: boolean;
  messageClass: string;
}
