// The PST/OST reader's public surface ([MS-PST], https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-pst/):
// what the layers above (msg, pop3, cli) may use. Everything else under pst/ is internal to it.

export { PstFormatError } from './file/errors.js';
export { BufferSource } from './file/source.js';
export { formatNid, type Nid } from './ndb/ids.js';
export { openPst, PstStore } from './messaging/store.js';
