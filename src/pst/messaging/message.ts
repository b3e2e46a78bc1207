// Messages, normal (NID type 0x04) and folder-associated (0x08): a PC in the node's data, and
// attachment / recipient tables in its subnodes. [MS-PST] 2.4.5

import { PstFormatError, type WarningSink } from '../file/errors.js';
import type { NodeView } from '../ndb/database.js';
import { asNid, NidType, nidType, SpecialNid, type Nid } from '../ndb/ids.js';
import { resolveCodepage } from '../ltp/codepage.js';
import { readPropertyContext } from '../ltp/propcontext.js';
import type { PropertyBag } from '../ltp/property.js';
import { TableContext } from '../ltp/tablecontext.js';
import { Attachment } from './attachment.js';
import { PropId } from './proptags.js';

/** PR_SUBJECT without its normalisation prefix marker (0x01, length). [MS-OXCMSG] 2.2.1.46 */
export function withoutSubjectPrefix(s: string): string {
  return s.charCodeAt(0) === 1 ? s.slice(2) : s;
}

export class Message {
  readonly props: PropertyBag;

  constructor(
    readonly node: NodeView,
    private readonly maxBlockData: number,
    storeCodepage: number,
  ) {
    const first = readPropertyContext(node, storeCodepage);
    // 8-bit strings use the message's own code page when it has one. [MS-OXCMSG] 2.2.1.4
    this.props = first.withCodepage(resolveCodepage(first.int(PropId.MessageCodepage), first.int(PropId.InternetCodepage), storeCodepage));
  }

  get nid(): Nid {
    return this.node.nid;
  }

  get isAssociated(): boolean {
    return nidType(this.nid) === NidType.ASSOC_MESSAGE;
  }

  get messageClass(): string | undefined {
    return this.props.string(PropId.MessageClass);
  }

  get subject(): string | undefined {
    const s = this.props.string(PropId.Subject);
    return s === undefined ? undefined : withoutSubjectPrefix(s);
  }

  get created(): Date | undefined {
    return this.props.time(PropId.CreationTime);
  }

  get modified(): Date | undefined {
    return this.props.time(PropId.LastModificationTime);
  }

  /** Attachments in attachment-table order; a damaged one is reported and skipped. */
  attachments(warnings?: WarningSink): Attachment[] {
    const tableNode = this.node.subnode(SpecialNid.ATTACHMENT_TABLE);
    if (!tableNode) return [];
    const table = new TableContext(tableNode, this.maxBlockData, this.props.codepage);
    const out: Attachment[] = [];
    for (let i = 0; i < table.rowCount; i++) {
      const nid = asNid(table.rowId(i));
      try {
        const sub = this.node.subnode(nid);
        if (!sub) {
          throw new PstFormatError('NOT_FOUND', `attachment subnode ${nid.toString(16)} is missing`, {
            layer: 'messaging',
            id: this.node.describe(),
          });
        }
        out.push(new Attachment(i, nid, sub, readPropertyContext(sub, this.props.codepage)));
      } catch (e) {
        if (!(e instanceof PstFormatError) || !warnings) throw e;
        warnings.gap(e, `attachment ${i} of message ${this.node.describe()}`);
      }
    }
    return out;
  }
}
