// A minimal REGF hive writer for tests (Suhanov, "Windows registry file format specification"): the
// empty seed hive that hivexregedit --merge fills, and hostile hives too large or too odd to build
// with hivex (100,000 values, 64 MiB of big data). Not part of the package; shares no code with the
// reader in src/registry.

import { CellSpace } from './cells.js';

export interface ValueSpec {
  name: string;
  type: number;
  data: Buffer;
}

export interface KeySpec {
  name: string;
  lastWritten?: Date;
  values?: ValueSpec[];
  subkeys?: KeySpec[];
}

/** Where the writer put each key's records (cell offsets), by backslash path from the root ('' is the root). */
export interface Layout {
  keys: Map<string, { nk: number; subkeyList?: number; valueList?: number }>;
}

const BIG_DATA_SEGMENT = 16344;
const NONE = 0xffffffff;
const EPOCH_TICKS = 116444736000000000n;
/** The time of every key not given one, and of the base block. */
export const SEED_TIME = new Date('2024-03-01T10:00:00Z');

const latin1 = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);
const nameBytes = (s: string): Buffer => (latin1(s) ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf16le'));
const ticks = (d: Date): bigint => BigInt(d.getTime()) * 10000n + EPOCH_TICKS;

/** The lh hash of a name: h = h * 37 + upper(c), over its characters (Suhanov, "Hash leaf"). */
function lhHash(name: string): number {
  let h = 0;
  for (const c of name.toUpperCase()) h = (Math.imul(h, 37) + c.charCodeAt(0)) >>> 0;
  return h;
}

/** One security cell shared by every key: an empty self-relative descriptor. */
function securityCell(space: CellSpace, keys: number): number {
  const sd = Buffer.alloc(20);
  sd.writeUInt8(1, 0);
  sd.writeUInt16LE(0x8000, 2);
  const sk = Buffer.alloc(20 + sd.length);
  sk.write('sk', 0, 'latin1');
  const at = space.alloc(sk.length);
  sk.writeUInt32LE(at, 4);
  sk.writeUInt32LE(at, 8);
  sk.writeUInt32LE(keys, 12);
  sk.writeUInt32LE(sd.length, 16);
  sd.copy(sk, 20);
  space.write(at, sk);
  return at;
}

function writeData(space: CellSpace, data: Buffer): number {
  if (data.length <= BIG_DATA_SEGMENT) {
    const at = space.alloc(data.length);
    space.write(at, data);
    return at;
  }
  const count = Math.ceil(data.length / BIG_DATA_SEGMENT);
  const list = Buffer.alloc(count * 4);
  for (let i = 0; i < count; i++) {
    const seg = data.subarray(i * BIG_DATA_SEGMENT, (i + 1) * BIG_DATA_SEGMENT);
    // Every segment cell has room for a whole segment, the last one too, as Windows writes them.
    const at = space.alloc(BIG_DATA_SEGMENT);
    space.write(at, seg);
    list.writeUInt32LE(at, i * 4);
  }
  const listAt = space.alloc(list.length);
  space.write(listAt, list);
  const db = Buffer.alloc(8);
  db.write('db', 0, 'latin1');
  db.writeUInt16LE(count, 2);
  db.writeUInt32LE(listAt, 4);
  const at = space.alloc(db.length);
  space.write(at, db);
  return at;
}

function writeValue(space: CellSpace, v: ValueSpec): number {
  const name = nameBytes(v.name);
  const vk = Buffer.alloc(20 + name.length);
  vk.write('vk', 0, 'latin1');
  vk.writeUInt16LE(name.length, 2);
  if (v.data.length <= 4) {
    vk.writeUInt32LE((0x80000000 | v.data.length) >>> 0, 4);
    v.data.copy(vk, 8);
  } else {
    vk.writeUInt32LE(v.data.length, 4);
    vk.writeUInt32LE(writeData(space, v.data), 8);
  }
  vk.writeUInt32LE(v.type, 12);
  vk.writeUInt16LE(latin1(v.name) ? 1 : 0, 16);
  name.copy(vk, 20);
  const at = space.alloc(vk.length);
  space.write(at, vk);
  return at;
}

function countKeys(k: KeySpec): number {
  return 1 + (k.subkeys ?? []).reduce((n, s) => n + countKeys(s), 0);
}

function writeKey(space: CellSpace, k: KeySpec, parent: number, sk: number, path: string, layout: Layout): number {
  const name = nameBytes(k.name);
  const at = space.alloc(76 + name.length);
  const entry: { nk: number; subkeyList?: number; valueList?: number } = { nk: at };
  layout.keys.set(path, entry);
  const subkeys = [...(k.subkeys ?? [])].sort((a, b) => (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1));
  const children = subkeys.map((s) => writeKey(space, s, at, sk, path === '' ? s.name : `${path}\\${s.name}`, layout));
  const values = (k.values ?? []).map((v) => writeValue(space, v));
  if (children.length > 0) {
    const lh = Buffer.alloc(4 + children.length * 8);
    lh.write('lh', 0, 'latin1');
    lh.writeUInt16LE(children.length, 2);
    children.forEach((c, i) => {
      lh.writeUInt32LE(c, 4 + i * 8);
      lh.writeUInt32LE(lhHash(subkeys[i]!.name), 8 + i * 8);
    });
    entry.subkeyList = space.alloc(lh.length);
    space.write(entry.subkeyList, lh);
  }
  if (values.length > 0) {
    const list = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => list.writeUInt32LE(v, i * 4));
    entry.valueList = space.alloc(list.length);
    space.write(entry.valueList, list);
  }
  const nk = Buffer.alloc(76 + name.length);
  nk.write('nk', 0, 'latin1');
  nk.writeUInt16LE((parent === NONE ? 0x2c : 0) | (latin1(k.name) ? 0x20 : 0), 2);
  nk.writeBigUInt64LE(ticks(k.lastWritten ?? SEED_TIME), 4);
  nk.writeUInt32LE(parent === NONE ? 0 : parent, 16);
  nk.writeUInt32LE(children.length, 20);
  nk.writeUInt32LE(entry.subkeyList ?? NONE, 28);
  nk.writeUInt32LE(NONE, 32);
  nk.writeUInt32LE(values.length, 36);
  nk.writeUInt32LE(entry.valueList ?? NONE, 40);
  nk.writeUInt32LE(sk, 44);
  nk.writeUInt32LE(NONE, 48);
  const most = (ns: number[]): number => ns.reduce((a, b) => Math.max(a, b), 0);
  nk.writeUInt32LE(most(subkeys.map((s) => nameBytes(s.name).length)), 52);
  nk.writeUInt32LE(most((k.values ?? []).map((v) => nameBytes(v.name).length)), 60);
  nk.writeUInt32LE(most((k.values ?? []).map((v) => v.data.length)), 64);
  nk.writeUInt16LE(name.length, 72);
  name.copy(nk, 76);
  space.write(at, nk);
  return at;
}

/** The base block (Suhanov, "Base block"): signature, equal sequence numbers (clean), version 1.5, root, size, checksum. */
function baseBlock(root: number, hbinsSize: number): Buffer {
  const b = Buffer.alloc(4096);
  b.write('regf', 0, 'latin1');
  b.writeUInt32LE(2, 4);
  b.writeUInt32LE(2, 8);
  b.writeBigUInt64LE(ticks(SEED_TIME), 12);
  b.writeUInt32LE(1, 20);
  b.writeUInt32LE(5, 24);
  b.writeUInt32LE(0, 28);
  b.writeUInt32LE(1, 32);
  b.writeUInt32LE(root, 36);
  b.writeUInt32LE(hbinsSize, 40);
  b.writeUInt32LE(1, 44);
  b.write('\\??\\C:\\Users\\test\\ntuser.dat', 48, 'utf16le');
  setChecksum(b);
  return b;
}

/** The base block's checksum at 508: XOR of its first 127 dwords, 0 written as 1 and -1 as -2. */
export function setChecksum(b: Buffer): void {
  let x = 0;
  for (let i = 0; i < 508; i += 4) x ^= b.readUInt32LE(i);
  x >>>= 0;
  b.writeUInt32LE(x === 0 ? 1 : x === 0xffffffff ? 0xfffffffe : x, 508);
}

/** A whole hive file for the tree under `root`, and where its records went. */
export function writeHive(root: KeySpec): { bytes: Buffer; layout: Layout } {
  const space = new CellSpace();
  const sk = securityCell(space, countKeys(root));
  const layout: Layout = { keys: new Map() };
  const rootAt = writeKey(space, root, NONE, sk, '', layout);
  const bins = space.finish();
  return { bytes: Buffer.concat([baseBlock(rootAt, bins.length), bins]), layout };
}
