// The rows of a recovered message's attachment table (NID 0x671, [MS-PST] 2.4.6.1): each names an
// attachment and states its size even when the attachment object itself was overwritten, so that
// no row of a recovered table goes unlisted.

import { PropId, PstFormatError, SpecialNid, TableContext, type Message } from '../../pst/index.js';

export interface AttachmentRow {
  index: number;
  filename?: string;
  longFilename?: string;
  /** PR_ATTACH_SIZE as the row states it. */
  size?: number;
}

/** Every row the table holds; none when the table itself cannot be read (the caller reports that). */
export function attachmentRows(msg: Message, maxBlockData: number): AttachmentRow[] {
  try {
    const node = msg.node.subnode(SpecialNid.ATTACHMENT_TABLE);
    if (!node) return [];
    const table = new TableContext(node, maxBlockData, msg.props.codepage);
    return Array.from({ length: table.rowCount }, (_, index) => {
      const row = table.row(index);
      return { index, filename: row.string(PropId.AttachFilename), longFilename: row.string(PropId.AttachLongFilename), size: row.int(PropId.AttachSize) };
    });
  } catch (e) {
    if (e instanceof PstFormatError) return [];
    throw e;
  }
}
