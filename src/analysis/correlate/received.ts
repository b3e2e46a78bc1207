// Which messages a POP3 download can have made: the rule correlation applies before it looks for
// a message's origin or counts one as unexplained.

import type { FolderRole } from '../../pst/index.js';

const MSGFLAG_UNSENT = 0x8; // [MS-OXCMSG] 2.2.1.6 PidTagMessageFlags

/** Classes a POP3 download can create: mail, reports, meeting requests. [MS-OXCMSG] / [MS-OXOCAL] */
function isReceivedClass(cls: string): boolean {
  const c = cls.toUpperCase();
  return c === 'IPM.NOTE' || c.startsWith('IPM.NOTE.') || c.startsWith('REPORT.') || c === 'IPM.SCHEDULE.MEETING' || c.startsWith('IPM.SCHEDULE.MEETING.');
}

/** Whether a POP3 download may have made this message: a received class, outside Sent Items, Outbox and Drafts, not flagged unsent. */
export function isReceivable(messageClass: string, role: FolderRole | undefined, messageFlags: number): boolean {
  return isReceivedClass(messageClass) && role !== 'sent-items' && role !== 'outbox' && role !== 'drafts' && (messageFlags & MSGFLAG_UNSENT) === 0;
}
