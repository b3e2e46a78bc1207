// An Outlook item (.msg, [MS-OXMSG]) read with msgreader: the properties pophist needs of the
// message, of each attachment and of each embedded message (at any depth), raw where they are binary.

import type msgreader from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import { createRequire } from 'node:module';
import { checkCompoundFile } from './cfb-check.js';

export interface MsgAttachment {
  index: number;
  filename?: string;
  longFilename?: string;
  displayName?: string;
  additionalInfo?: Uint8Array;
  /** Bytes of PidTagAttachDataBinary; undefined when the attachment holds no binary data. */
  data?: Uint8Array;
  /** The message an embedded-message attachment holds (PidTagAttachMethod afEmbeddedMessage). */
  embedded?: MsgItem;
}

export interface MsgItem {
  messageClass?: string;
  subject?: string;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  created?: Date;
  modified?: Date;
  delivered?: Date;
  internetMessageId?: string;
  /** PidLidRemoteEntryId as stored (binary); its meaning is the analysis' business. */
  remoteEntryId?: MsgValue;
  accountName?: string;
  accountStamp?: string;
  attachments: MsgAttachment[];
}

/** A property value as msgreader decoded it: text, a number or flag, or raw bytes. */
export type MsgValue = string | number | boolean | Uint8Array;

export class MsgFormatError extends Error {
  constructor(
    readonly code: 'NOT_A_MSG' | 'MSG_UNREADABLE' | 'LIMIT',
    message: string,
  ) {
    super(message);
    this.name = 'MsgFormatError';
  }
}

// msgreader needs the whole compound file in memory, about three times over: a .msg larger than
// this is refused before it is read. A Message Manager exported as .msg is a few KiB to a few MiB.
export const MAX_MSG_BYTES = 64 * 1024 * 1024;

export function msgTooLarge(size: number): MsgFormatError {
  return new MsgFormatError(
    'LIMIT',
    `the .msg is ${size} bytes, over the ${MAX_MSG_BYTES}-byte limit on .msg files (limit: MSG size, offset ${MAX_MSG_BYTES}); not read`,
  );
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

// Loaded on the first .msg only: a run over PST files never pays for it. The package is CommonJS
// with `exports.default` holding the class.
type MsgReaderClass = typeof msgreader.default;
let MsgReader: MsgReaderClass | undefined;
const loadMsgReader = (): MsgReaderClass =>
  (MsgReader ??= (createRequire(import.meta.url)('@kenjiuno/msgreader') as { default: MsgReaderClass }).default);

/** Property tags as msgreader names them: id and type, 8 lower-case hex digits. [MS-OXMSG] 2.1.3 */
const Tag = {
  messageClass: '001a001f',
  subject: '0037001f',
  conversationKey: '000b0102',
  searchKey: '300b0102',
  filename: '3704001f',
  longFilename: '3707001f',
  displayName: '3001001f',
  additionalInfo: '370f0102',
  internetMessageId: '1035001f',
} as const;

/**
 * Named properties, by property set and LID: msgreader resolves their ids through the item's
 * `__nameid_version1.0` storage ([MS-OXMSG] 2.2.3), which embedded messages share with the top one.
 */
const PSETID_COMMON = '00062008-0000-0000-c000-000000000046';
const PSETID_REMOTE = '00062014-0000-0000-c000-000000000046';
const Named = {
  remoteEntryId: `${PSETID_REMOTE}/00008f01`,
  accountName: `${PSETID_COMMON}/00008580`,
  accountStamp: `${PSETID_COMMON}/00008581`,
} as const;

type Props = Map<string, MsgValue>;

function props(f: FieldsData): Props {
  const m: Props = new Map();
  for (const p of f.rawProps ?? []) {
    if (!p.propertyTag || p.value === undefined) continue;
    const v = p.value as MsgValue;
    m.set(p.propertyTag, v);
    if (p.propertySet !== undefined && p.propertyLid !== undefined) m.set(`${p.propertySet.toLowerCase()}/${p.propertyLid.toLowerCase()}`, v);
  }
  return m;
}

/** A string property in either its Unicode (001F) or 8-bit (001E) form. */
function str(p: Props, tag: string): string | undefined {
  const v = p.get(tag) ?? p.get(`${tag.slice(0, 4)}001e`);
  return typeof v === 'string' ? v : undefined;
}

function named(p: Props, key: string): string | undefined {
  const v = p.get(key);
  return typeof v === 'string' ? v : undefined;
}

function bin(p: Props, tag: string): Uint8Array | undefined {
  const v = p.get(tag);
  return v instanceof Uint8Array ? new Uint8Array(v) : undefined;
}

function time(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** One message's properties; `data` reads an attachment's bytes (the top message's only). */
function item(fields: FieldsData, p: Props, data: (a: FieldsData) => Uint8Array | undefined): MsgItem {
  const remote = p.get(Named.remoteEntryId);
  const found: MsgItem = {
    messageClass: str(p, Tag.messageClass),
    subject: str(p, Tag.subject),
    conversationKey: bin(p, Tag.conversationKey),
    searchKey: bin(p, Tag.searchKey),
    created: time(fields.creationTime),
    modified: time(fields.lastModificationTime),
    attachments: (fields.attachments ?? []).map((a, index) => {
      const ap = props(a);
      const inner = a.innerMsgContentFields;
      const att: MsgAttachment = {
        index,
        filename: str(ap, Tag.filename),
        longFilename: str(ap, Tag.longFilename),
        displayName: str(ap, Tag.displayName),
        additionalInfo: bin(ap, Tag.additionalInfo),
        data: a.innerMsgContent ? undefined : data(a),
      };
      if (inner) att.embedded = item(inner, props(inner), () => undefined);
      return att;
    }),
  };
  // Only what is there: a manager's candidate keeps the shape it had before these were read.
  const delivered = time(fields.messageDeliveryTime);
  if (delivered) found.delivered = delivered;
  const messageId = str(p, Tag.internetMessageId);
  if (messageId !== undefined) found.internetMessageId = messageId;
  if (remote !== undefined) found.remoteEntryId = remote instanceof Uint8Array ? new Uint8Array(remote) : remote;
  const accountName = named(p, Named.accountName);
  if (accountName !== undefined) found.accountName = accountName;
  const accountStamp = named(p, Named.accountStamp);
  if (accountStamp !== undefined) found.accountStamp = accountStamp;
  return found;
}

function parse(reader: InstanceType<MsgReaderClass>): MsgItem {
  const fields = reader.getFileData();
  if (fields.error) throw new MsgFormatError('MSG_UNREADABLE', `not an Outlook item: ${fields.error}`);
  const p = props(fields);
  if (p.size === 0) throw new MsgFormatError('MSG_UNREADABLE', 'the compound file holds no Outlook item properties');
  return item(fields, p, (a) => new Uint8Array(reader.getAttachment(a).content));
}

export function readMsg(bytes: Uint8Array): MsgItem {
  if (bytes.length > MAX_MSG_BYTES) throw msgTooLarge(bytes.length);
  if (!isCompoundFile(bytes)) throw new MsgFormatError('NOT_A_MSG', 'no compound-file signature: this is not an Outlook .msg file');
  const damage = checkCompoundFile(bytes);
  if (damage) throw new MsgFormatError('MSG_UNREADABLE', `the compound file is damaged: ${damage}`);
  const copy = bytes.slice();
  // msgreader reports some parse problems on console.debug and throws untyped errors on damaged
  // compound files: a library of ours stays silent and throws only its own typed error.
  const debug = console.debug;
  try {
    console.debug = () => {};
    const reader = new (loadMsgReader())(new DataView(copy.buffer, copy.byteOffset, copy.byteLength));
    reader.parserConfig = { includeRawProps: true };
    return parse(reader);
  } catch (e) {
    if (e instanceof MsgFormatError) throw e;
    throw new MsgFormatError('MSG_UNREADABLE', `the compound file could not be read as an Outlook item: ${(e as Error).message}`);
  } finally {
    console.debug = debug;
  }
}
