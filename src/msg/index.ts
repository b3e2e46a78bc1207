// The .msg reader's public surface ([MS-OXMSG]): an Outlook item's properties, for pop3.

export { isCompoundFile, MAX_MSG_BYTES, MsgFormatError, msgTooLarge, readMsg } from './read.js';
