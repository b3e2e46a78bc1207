// The .msg reader's public surface ([MS-OXMSG]): an Outlook item's properties, for pop3.

export { isCompoundFile, MsgFormatError, readMsg } from './read.js';
