// A Message Manager as pophist sees it, whatever it was read from (a PST folder or a .msg file).

export interface AttachmentCandidate {
  index: number;
  filename?: string;
  longFilename?: string;
  displayName?: string;
  additionalInfo?: Uint8Array;
  /** Bytes of PidTagAttachDataBinary; undefined when the attachment holds no binary data. */
  data?: Uint8Array;
}

export interface ManagerCandidate {
  /** Folder path ("/Top of Personal Folders/Inbox") for a PST, undefined for a .msg. */
  folder?: string;
  nid?: string;
  /** True when the folder is the one Outlook treats as the Inbox. */
  inInbox: boolean;
  messageClass: string;
  subject?: string;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  created?: Date;
  modified?: Date;
  attachments: AttachmentCandidate[];
}
