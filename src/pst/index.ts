// The PST/OST reader's public surface ([MS-PST], https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/):
// what the layers above (msg, analysis, cli) may use. Everything else under pst/ is internal to it;
// `npm run lint` refuses an import of a file inside pst/ from outside it.

// File: errors and the byte source.
export { PstFormatError, WarningSink, type PstWarning } from './file/errors.js';
export { BufferSource } from './file/source.js';
// NDB: ids, nodes, and the freed-space primitives recovery builds on.
export { asBid, asNid, formatBid, formatNid, NidType, nidType, SpecialNid, type Bid, type Nid } from './ndb/ids.js';
export { isInternal } from './ndb/block.js';
export { PstNode, type NodeView } from './ndb/database.js';
export { orderBy } from './ndb/order-by.js';
export { scanFreedSpace, type FreedBlocks, type FreedLimits, type FreedSpace, type Overwrite } from './ndb/freed.js';
export { freedSubnodeLinks } from './ndb/freed-subnodes.js';
export type { NodeSlot } from './ndb/stale.js';
// LTP: heaps, property and table contexts, stored strings.
export { ClientSig, heapClientSig } from './ltp/heap.js';
export { readPcHnid, readPropertyContext } from './ltp/propcontext.js';
export { decodeStoredString, stripNul, UTF16LE, type PropertyBag, type StoredString } from './ltp/property.js';
export { PropType } from './ltp/proptype.js';
export { TableContext } from './ltp/tablecontext.js';
// Messaging: the store, folders, messages, attachments, named properties.
export type { Attachment } from './messaging/attachment.js';
export type { Folder } from './messaging/folder.js';
export { Message, withoutSubjectPrefix } from './messaging/message.js';
export { NamedProp } from './messaging/namedprops.js';
export { PropId } from './messaging/proptags.js';
export { folderRoles, ipmFolders, type FolderRole } from './messaging/roles.js';
export { openPst, PstStore, type DamagedBlock } from './messaging/store.js';
