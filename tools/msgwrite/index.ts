// An Outlook item (.msg, [MS-OXMSG]) holding a Message Manager and its attachments, written with
// cfb: a property stream per object (2.4.1) with fixed values inline, variable values in
// __substg1.0_ streams (2.1.3), a named-property storage (2.2.3), one storage per attachment (2.2.2).

import CFB from 'cfb';
import { PropType } from '../../src/pst/ltp/proptype.js';
import { PropId } from '../../src/pst/messaging/proptags.js';

export interface MsgAttachmentSpec {
  filename?: string;
  longFilename?: string;
  displayName?: string;
  additionalInfo?: Uint8Array;
  data: Uint8Array;
}

export interface MsgSpec {
  messageClass: string;
  subject?: string;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  created?: Date;
  modified?: Date;
  flags?: number;
  attachments: MsgAttachmentSpec[];
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

const tagHex = (p: Prop): string => ((p.id << 16) | p.type).toString(16).toUpperCase().padStart(8, '0');
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

export function writeMsg(spec: MsgSpec): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  const props: Prop[] = [unicode(PropId.MessageClass, spec.messageClass), int32(PropId.MessageFlags, spec.flags ?? 0)];
  if (spec.subject !== undefined) props.push(unicode(PropId.Subject, spec.subject));
  if (spec.conversationKey) props.push(binary(PropId.ConversationKey, spec.conversationKey));
  if (spec.searchKey) props.push(binary(PropId.SearchKey, spec.searchKey));
  if (spec.created) props.push(time(PropId.CreationTime, spec.created));
  if (spec.modified) props.push(time(PropId.LastModificationTime, spec.modified));
  const top = Buffer.alloc(32);
  top.writeUInt32LE(0, 8); // next recipient id
  top.writeUInt32LE(spec.attachments.length, 12); // next attachment id
  top.writeUInt32LE(0, 16); // recipient count
  top.writeUInt32LE(spec.attachments.length, 20); // attachment count
  addObject(cfb, '/', props, top);
  for (const stream of ['00020102', '00030102', '00040102']) CFB.utils.cfb_add(cfb, `/__nameid_version1.0/__substg1.0_${stream}`, Buffer.alloc(0));
  spec.attachments.forEach((a, i) => {
    const ap: Prop[] = [int32(PropId.AttachMethod, 1), int32(PropId.AttachSize, a.data.length), int32(PropId.AttachNum, i), binary(PropId.AttachDataBinary, a.data)];
    if (a.filename !== undefined) ap.push(unicode(PropId.AttachFilename, a.filename));
    if (a.longFilename !== undefined) ap.push(unicode(PropId.AttachLongFilename, a.longFilename));
    if (a.displayName !== undefined) ap.push(unicode(PropId.DisplayName, a.displayName));
    if (a.additionalInfo) ap.push(binary(PropId.AttachAdditionalInfo, a.additionalInfo));
    addObject(cfb, `/__attach_version1.0_#${i.toString(16).toUpperCase().padStart(8, '0')}/`, ap, Buffer.alloc(8));
  });
  // cfb_new adds a placeholder stream; an Outlook item has none.
  CFB.utils.cfb_del(cfb, '/\u0001Sh33tJ5');
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}
