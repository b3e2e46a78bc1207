// An Outlook item (.msg, [MS-OXMSG]) written with cfb: a Message Manager and its attachments, or a
// received mail with embedded messages. A property stream per object (2.4.1) with fixed values
// inline, variable values in __substg1.0_ streams (2.1.3); the named-property storage (2.2.3), which
// embedded messages share with the top one; one storage per attachment (2.2.2), an embedded
// message's in its __substg1.0_3701000D storage (2.2.2.1); one per recipient (2.2.1).

import CFB from 'cfb';
import { PropType } from '../../src/pst/ltp/proptype.js';
import type { NamedPropKey } from '../../src/pst/messaging/namedprops.js';
import { PropId } from '../../src/pst/messaging/proptags.js';

export interface MsgAttachmentSpec {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  additionalInfo?: Uint8Array;
  data: Uint8Array;
}

/** An attached message (PidTagAttachMethod afEmbeddedMessage). */
export interface MsgEmbeddedSpec {
  displayName: string;
  embedded: MsgSpec;
}

/** A named property (property set GUID as in [MS-OXPROPS], numeric LID) and its value as stored. */
export interface MsgNamedValue {
  name: NamedPropKey;
  type: number;
  bytes: Uint8Array;
}

export interface MsgSpec {
  messageClass: string;
  subject?: string;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  created?: Date;
  modified?: Date;
  flags?: number;
  delivered?: Date;
  internetMessageId?: string;
  /** The one recipient (PR_DISPLAY_NAME and PR_EMAIL_ADDRESS) of a received mail. */
  recipient?: string;
  named?: MsgNamedValue[];
  attachments: (MsgAttachmentSpec | MsgEmbeddedSpec)[];
}

interface Prop {
  id: number;
  type: number;
  value: Uint8Array;
}

const FILETIME_UNIX_EPOCH = 116444736000000000n;
const PROP_FLAGS = 0x00000006; // PROPATTR_READABLE | PROPATTR_WRITABLE, [MS-OXMSG] 2.4.2.1

const unicode = (id: number, s: string): Prop => ({ id, type: PropType.Unicode, value: new Uint8Array(Buffer.from(`${s}\0`, 'utf16le')) });
const binary = (id: number, b: Uint8Array): Prop => ({ id, type: PropType.Binary, value: b });
const int32 = (id: number, n: number): Prop => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n | 0);
  return { id, type: PropType.Int32, value: new Uint8Array(b) };
};
const time = (id: number, d: Date): Prop => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(d.getTime()) * 10000n + FILETIME_UNIX_EPOCH);
  return { id, type: PropType.SysTime, value: new Uint8Array(b) };
};

const tagHex = (p: Prop): string => (((p.id << 16) | p.type) >>> 0).toString(16).toUpperCase().padStart(8, '0');
const isVariable = (type: number): boolean => type === PropType.Unicode || type === PropType.String8 || type === PropType.Binary;

/** The property stream: a header (32 bytes top level, 8 for an attachment), then 16-byte entries. */
function propertyStream(props: readonly Prop[], header: Buffer): Buffer {
  const entries = props.map((p) => {
    const e = Buffer.alloc(16);
    e.writeUInt32LE(((p.id << 16) | p.type) >>> 0, 0);
    e.writeUInt32LE(PROP_FLAGS, 4);
    if (isVariable(p.type)) e.writeUInt32LE(p.value.length, 8);
    else e.set(p.value.subarray(0, 8), 8);
    return e;
  });
  return Buffer.concat([header, ...entries]);
}

function addObject(cfb: CFB.CFB$Container, dir: string, props: readonly Prop[], header: Buffer): void {
  CFB.utils.cfb_add(cfb, `${dir}__properties_version1.0`, propertyStream(props, header));
  for (const p of props) if (isVariable(p.type)) CFB.utils.cfb_add(cfb, `${dir}__substg1.0_${tagHex(p)}`, Buffer.from(p.value));
}

const ATTACH_BY_VALUE = 1;
const ATTACH_EMBEDDED_MSG = 5; // [MS-OXCMSG] 2.2.2.9
const EMAIL_ADDRESS = 0x3003;
const EMBEDDED = '__substg1.0_3701000D';

/** The GUID's bytes, Data1..3 little-endian. [MS-DTYP] 2.3.4 */
function guidBytes(guid: string): Buffer {
  const h = guid.replace(/-/g, '');
  const le = (x: string): Buffer => Buffer.from(x, 'hex').reverse();
  return Buffer.concat([le(h.slice(0, 8)), le(h.slice(8, 12)), le(h.slice(12, 16)), Buffer.from(h.slice(16), 'hex')]);
}

/** The item's named properties: ids from 0x8000 in order of first use, over every message it holds. */
class NameIds {
  readonly guids: string[] = [];
  readonly entries: { lid: number; guid: number }[] = [];
  id(key: NamedPropKey): number {
    let g = this.guids.indexOf(key.guid);
    if (g < 0) g = this.guids.push(key.guid) - 1;
    let i = this.entries.findIndex((e) => e.lid === key.lid && e.guid === g + 3);
    if (i < 0) i = this.entries.push({ lid: key.lid, guid: g + 3 }) - 1; // 1 and 2 are PS_MAPI and PS_PUBLIC_STRINGS
    return 0x8000 + i;
  }

  /** The GUID, entry and string streams and the hash buckets of numeric names. [MS-OXMSG] 2.2.3.1, 2.2.3.2 */
  write(cfb: CFB.CFB$Container): void {
    const dir = '/__nameid_version1.0/__substg1.0_';
    const record = (e: { lid: number; guid: number }, i: number): Buffer => {
      const b = Buffer.alloc(8);
      b.writeUInt32LE(e.lid, 0);
      b.writeUInt16LE(e.guid << 1, 4); // GUID index, kind 0 (numeric)
      b.writeUInt16LE(i, 6);
      return b;
    };
    CFB.utils.cfb_add(cfb, `${dir}00020102`, Buffer.concat(this.guids.map(guidBytes)));
    CFB.utils.cfb_add(cfb, `${dir}00030102`, Buffer.concat(this.entries.map(record)));
    CFB.utils.cfb_add(cfb, `${dir}00040102`, Buffer.alloc(0));
    const buckets = new Map<number, Buffer[]>();
    this.entries.forEach((e, i) => {
      const id = 0x1000 + (((e.lid ^ (e.guid << 1)) >>> 0) % 0x1f);
      buckets.set(id, [...(buckets.get(id) ?? []), record(e, i)]);
    });
    for (const [id, recs] of buckets) CFB.utils.cfb_add(cfb, `${dir}${id.toString(16).toUpperCase()}0102`, Buffer.concat(recs));
  }
}

function messageProps(spec: MsgSpec, names: NameIds): Prop[] {
  const props: Prop[] = [unicode(PropId.MessageClass, spec.messageClass), int32(PropId.MessageFlags, spec.flags ?? 0)];
  if (spec.subject !== undefined) props.push(unicode(PropId.Subject, spec.subject));
  if (spec.conversationKey) props.push(binary(PropId.ConversationKey, spec.conversationKey));
  if (spec.searchKey) props.push(binary(PropId.SearchKey, spec.searchKey));
  if (spec.created) props.push(time(PropId.CreationTime, spec.created));
  if (spec.modified) props.push(time(PropId.LastModificationTime, spec.modified));
  if (spec.delivered) props.push(time(PropId.MessageDeliveryTime, spec.delivered));
  if (spec.internetMessageId !== undefined) props.push(unicode(PropId.InternetMessageId, spec.internetMessageId));
  for (const n of spec.named ?? []) props.push({ id: names.id(n.name), type: n.type, value: n.bytes });
  return props;
}

/** A message's storage: its properties, recipient and attachments; `header` is 32 bytes at the top, 24 embedded. */
function addMessage(cfb: CFB.CFB$Container, dir: string, spec: MsgSpec, names: NameIds, headerSize: 24 | 32, afterProps?: () => void): void {
  const recipients = spec.recipient !== undefined ? 1 : 0;
  const header = Buffer.alloc(headerSize);
  header.writeUInt32LE(recipients, 8); // next recipient id
  header.writeUInt32LE(spec.attachments.length, 12); // next attachment id
  header.writeUInt32LE(recipients, 16); // recipient count
  header.writeUInt32LE(spec.attachments.length, 20); // attachment count
  addObject(cfb, dir, messageProps(spec, names), header);
  afterProps?.();
  if (spec.recipient !== undefined) addObject(cfb, `${dir}__recip_version1.0_#00000000/`, [unicode(PropId.DisplayName, spec.recipient), unicode(EMAIL_ADDRESS, spec.recipient)], Buffer.alloc(8));
  spec.attachments.forEach((a, i) => {
    const at = `${dir}__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}/`;
    if ('embedded' in a) {
      addObject(cfb, at, [int32(PropId.AttachMethod, ATTACH_EMBEDDED_MSG), int32(PropId.AttachNum, i), unicode(PropId.DisplayName, a.displayName)], Buffer.alloc(8));
      addMessage(cfb, `${at}${EMBEDDED}/`, a.embedded, names, 24);
      return;
    }
    const ap: Prop[] = [int32(PropId.AttachMethod, ATTACH_BY_VALUE), int32(PropId.AttachSize, a.data.length), int32(PropId.AttachNum, i), binary(PropId.AttachDataBinary, a.data)];
    if (a.filename !== undefined) ap.push(unicode(PropId.AttachFilename, a.filename));
    if (a.longFilename !== undefined) ap.push(unicode(PropId.AttachLongFilename, a.longFilename));
    if (a.displayName !== undefined) ap.push(unicode(PropId.DisplayName, a.displayName));
    if (a.additionalInfo) ap.push(binary(PropId.AttachAdditionalInfo, a.additionalInfo));
    addObject(cfb, at, ap, Buffer.alloc(8));
  });
}

export function writeMsg(spec: MsgSpec): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  const names = new NameIds();
  // Every message's names are known before the top one's storage is written: the map comes next.
  const collect = (m: MsgSpec): void => {
    for (const n of m.named ?? []) names.id(n.name);
    for (const a of m.attachments) if ('embedded' in a) collect(a.embedded);
  };
  collect(spec);
  addMessage(cfb, '/', spec, names, 32, () => names.write(cfb));
  // cfb_new adds a placeholder stream; an Outlook item has none.
  CFB.utils.cfb_del(cfb, '/\u0001Sh33tJ5');
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}
