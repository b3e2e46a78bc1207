// Attachment objects: a row of the attachment table (NID 0x671) and the attachment's own PC,
// held as a subnode of the message. [MS-PST] 2.4.6.1, 2.4.6.2

import type { NodeView } from '../ndb/database.js';
import type { Nid } from '../ndb/ids.js';
import type { PropertyBag } from '../ltp/property.js';
import { PropType } from '../ltp/proptype.js';
import { PropId } from './proptags.js';

/** PR_ATTACH_METHOD values, [MS-OXCMSG] 2.2.2.9. */
export const AttachMethod = { None: 0, ByValue: 1, ByReference: 2, ByRefResolve: 3, ByRefOnly: 4, EmbeddedMessage: 5, Ole: 6 } as const;

export class Attachment {
  constructor(
    readonly index: number,
    readonly nid: Nid,
    readonly node: NodeView,
    readonly props: PropertyBag,
  ) {}

  get filename(): string | undefined {
    return this.props.string(PropId.AttachFilename);
  }

  get longFilename(): string | undefined {
    return this.props.string(PropId.AttachLongFilename);
  }

  get displayName(): string | undefined {
    return this.props.string(PropId.DisplayName);
  }

  get method(): number | undefined {
    return this.props.int(PropId.AttachMethod);
  }

  get additionalInfo(): Uint8Array | undefined {
    return this.props.binary(PropId.AttachAdditionalInfo);
  }

  /** Size of the data when it is binary; PR_ATTACH_SIZE counts the whole object and is not used. */
  get dataSize(): number {
    return this.data()?.length ?? 0;
  }

  /** PidTagAttachDataBinary, when the attachment holds bytes (not an embedded message). */
  data(): Uint8Array | undefined {
    const raw = this.props.raw(PropId.AttachDataBinary);
    return raw && raw.type === PropType.Binary ? raw.bytes : undefined;
  }
}
