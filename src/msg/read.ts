// An Outlook item (.msg, [MS-OXMSG]) read with msgreader: the properties pophist needs of the
// message and of each attachment, raw where they are binary.

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
}

export interface MsgItem {
  messageClass?: string;
  subject?: string;
  conversationKey?: Uint8Array;
  searchKey?: Uint8Array;
  created?: Date;
  modified?: Date;
  attachments: MsgAttachment[];
}

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
} as const;

type Props = Map<string, string | Uint8Array>;

function props(f: FieldsData): Props {
  const m: Props = new Map();
  for (const p of f.rawProps ?? []) if (p.propertyTag && p.value !== undefined) m.set(p.propertyTag, p.value);
  return m;
}

/** A string property in either its Unicode (001F) or 8-bit (001E) form. */
function str(p: Props, tag: string): string | undefined {
  const v = p.get(tag) ?? p.get(`${tag.slice(0, 4)}001e`);
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

function parse(reader: InstanceType<MsgReaderClass>): MsgItem {
  const fields = reader.getFileData();
  if (fields.error) throw new MsgFormatError('MSG_UNREADABLE', `not an Outlook item: ${fields.error}`);
  const p = props(fields);
  if (p.size === 0) throw new MsgFormatError('MSG_UNREADABLE', 'the compound file holds no Outlook item properties');
  return {
    messageClass: str(p, Tag.messageClass),
    subject: str(p, Tag.subject),
    conversationKey: bin(p, Tag.conversationKey),
    searchKey: bin(p, Tag.searchKey),
    created: time(fields.creationTime),
    modified: time(fields.lastModificationTime),
    attachments: (fields.attachments ?? []).map((a, index) => {
      const ap = props(a);
      return {
        index,
        filename: str(ap, Tag.filename),
        longFilename: str(ap, Tag.longFilename),
        displayName: str(ap, Tag.displayName),
        additionalInfo: bin(ap, Tag.additionalInfo),
        data: a.innerMsgContent ? undefined : new Uint8Array(reader.getAttachment(a).content),
      };
    }),
  };
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
