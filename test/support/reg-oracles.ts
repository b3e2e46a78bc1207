// Our hive reader's view of a whole hive, and reglookup's and hivexget's, in one form to compare:
// every key with its last-write time, every value with its type and its data.

import { isUtf8 } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { openHive, typeName, type Hive, type RegKey, type RegValue } from '../../src/registry/index.js';

/** reglookup's type names where they differ from ours. */
const REGLOOKUP_TYPE: Record<string, string> = { RESOURCE_LIST: 'RSRC_LIST', FULL_RESOURCE_DESCRIPTOR: 'RSRC_DESC', RESOURCE_REQUIREMENTS_LIST: 'RSRC_REQ_LIST' };

export interface Dump {
  /** Key path (reglookup's: `/` separated, the root `/`) to its last-write time, to the second. */
  keys: Map<string, string>;
  /** `key path/value name` to `TYPE value`: strings as text, DWORDs as 0x%08X, the rest as hex bytes. */
  values: Map<string, string>;
}

const second = (d: Date | undefined): string => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '');
/** reglookup quotes bytes in paths and values as %XX; a path component's `/` too. */
const quotePath = (s: string): string => s.replace(/[%/,\x00-\x1f\x7f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function text(d: Buffer): string {
  const s = d.subarray(0, d.length - (d.length % 2)).toString('utf16le');
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function ourValue(v: RegValue): string {
  return shown(typeName(v.type), v.data());
}

/** A value as both sides are compared: strings as text (UTF-16LE to the first NUL), numbers in hex, the rest as bytes. */
function shown(type: string, d: Buffer): string {
  if (type === 'SZ' || type === 'EXPAND_SZ') return `${type} ${text(d)}`;
  if (type === 'DWORD' && d.length === 4) return `DWORD 0x${d.readUInt32LE(0).toString(16).toUpperCase().padStart(8, '0')}`;
  if (type === 'QWORD' && d.length === 8) return `QWORD 0x${d.readBigUInt64LE(0).toString(16).toUpperCase().padStart(16, '0')}`;
  if (type === 'MULTI_SZ') return `MULTI_SZ ${d.toString('utf16le').split('\0').filter((s) => s !== '').join('|')}`;
  return `${REGLOOKUP_TYPE[type] ?? type} ${d.toString('hex')}`;
}

/** Every key and value our reader reaches, each key once. */
export function ourDump(hive: Hive): Dump {
  const dump: Dump = { keys: new Map(), values: new Map() };
  const stack: { key: RegKey; path: string }[] = [{ key: hive.root, path: '' }];
  while (stack.length > 0) {
    const { key, path } = stack.pop()!;
    dump.keys.set(path === '' ? '/' : path, second(key.lastWritten));
    for (const v of key.values()) dump.values.set(`${path}/${quotePath(v.name)}`, ourValue(v));
    for (const s of key.subkeys()) stack.push({ key: s, path: `${path}/${quotePath(s.name)}` });
  }
  return dump;
}

export function ourDumpOf(file: Buffer): Dump {
  return ourDump(openHive(file));
}

/** reglookup's quoting undone: each %XX is that byte, the rest UTF-8. */
const unquote = (s: string): Buffer =>
  Buffer.concat(s.split(/(%[0-9A-Fa-f]{2})/).map((part, k) => (k % 2 === 1 ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));

/** A string reglookup could not convert it prints as its raw bytes: those hold a NUL or are not UTF-8. */
const rawFallback = (b: Buffer): boolean => b.includes(0) || !isUtf8(b);

function reglookupValue(type: string, value: string, raw: Buffer): string {
  const strings = type === 'SZ' || type === 'EXPAND_SZ' || type === 'MULTI_SZ';
  if (strings && rawFallback(raw)) return shown(type, raw);
  if (type === 'SZ' || type === 'EXPAND_SZ') return `${type} ${raw.toString('utf8')}`;
  if (type === 'DWORD' || type === 'QWORD') return `${type} ${raw.toString('latin1')}`;
  if (type === 'MULTI_SZ') return `${type} ${Buffer.from(value, 'latin1').toString('utf8').split('|').map((s) => unquote(s).toString('utf8')).join('|')}`;
  return `${REGLOOKUP_TYPE[type] ?? type} ${raw.toString('hex')}`;
}

/** A key or value name reglookup could not convert is its raw UTF-16LE bytes: read as UTF-16LE, quoted as ours. */
function normalPath(p: string): string {
  return p
    .split('/')
    .map((part) => {
      const name = unquote(part);
      // No name holds a control character, while UTF-16LE text outside Latin-1 does when read as bytes.
      return rawFallback(name) || name.some((b) => b < 0x20) ? quotePath(name.toString('utf16le')) : part;
    })
    .join('/');
}

/** reglookup's CSV (PATH,TYPE,VALUE,MTIME) in the same form. Its quoting: %XX for bytes it will not print. */
export function reglookupDump(path: string): Dump {
  const out = execFileSync('reglookup', [path], { encoding: 'latin1', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const dump: Dump = { keys: new Map(), values: new Map() };
  for (const line of out.split('\n').slice(1)) {
    if (line === '') continue;
    const [p, type, value, mtime] = line.split(',') as [string, string, string, string];
    const keyPath = normalPath(Buffer.from(p, 'latin1').toString('utf8'));
    if (type === 'KEY') {
      dump.keys.set(keyPath, mtime);
      continue;
    }
    // reglookup prints an empty value's data as printf prints a null string.
    const data = value === '(null)' ? '' : value;
    dump.values.set(keyPath, reglookupValue(type, data, unquote(Buffer.from(data, 'latin1').toString('utf8'))));
  }
  return dump;
}

/** hivexget's listing of one key's values (.reg form): name to `TYPE value` as ourValue writes it. */
export function hivexgetValues(hive: string, keyPath: string): Map<string, string> {
  const out = execFileSync('hivexget', [hive, keyPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const values = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^"((?:[^"\\]|\\.)*)"=(.*)$/.exec(line) ?? /^(@)=(.*)$/.exec(line);
    if (!m) continue;
    const name = m[1] === '@' ? '' : m[1]!.replace(/\\(.)/g, '$1');
    const data = m[2]!;
    let shown: string;
    if (data.startsWith('"')) shown = `SZ ${data.slice(1, -1).replace(/\\(.)/g, '$1')}`;
    else if (data.startsWith('dword:')) shown = `DWORD 0x${data.slice(6).toUpperCase()}`;
    else {
      const h = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/.exec(data)!;
      const type = h[1] === undefined ? 3 : parseInt(h[1], 16);
      shown = `${REGLOOKUP_TYPE[typeName(type)] ?? typeName(type)} ${h[2]!.replace(/,/g, '')}`;
    }
    values.set(name, shown);
  }
  return values;
}
