// The .msg reader's public surface ([MS-OXMSG]): an Outlook item's properties, for the analysis.

export { isCompoundFile, MAX_MSG_BYTES, MsgFormatError, msgTooLarge, readMsg, type MsgAttachment, type MsgItem, type MsgValue } from './read.js';
