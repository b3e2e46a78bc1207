// The one entry point from evidence to findings: what the input is (by its first bytes, never by
// its name), which reader takes it, and every failure of bad evidence turned into a finding rather
// than thrown. The CLI, the fuzzer, the bench and worker threads all come through here, so its
// input, options and result are plain data (structured-clone friendly).

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isCompoundFile, MsgFormatError, readMsg } from '../msg/index.js';
import { BufferSource, openPst, PstFormatError, PstStore } from '../pst/index.js';
import { decodeBlob, type DecodedBlob } from './blob.js';
import { inspectStore, type StoreInspection } from './inspect-pst.js';
import type { ProgressListener } from './progress.js';
import { analyze, type Analysis, type ProfileFacts } from './select.js';

export type EvidenceKind = 'pst' | 'ost' | 'msg' | 'blob';

/** A path to read, or bytes already in memory with the name to report them under. */
export type EvidenceInput = string | { path: string; bytes: Uint8Array };

export interface EvidenceOptions {
  /** Tie each downloaded UID to the message it created; default true. */
  correlate?: boolean;
  /** Seconds either side of a tag time for a near match; default 2. */
  window?: number;
  /** What the analyst knows of the profile: with any of it, Outlook's own choice is marked. */
  profile?: ProfileFacts;
  /** Add the input's sha256. */
  hash?: boolean;
  /** The input is a history blob already extracted: decode it, whatever its first bytes. */
  as?: 'blob';
  /** Also search a store's freed space for older Message Managers and histories (one more pass over the file). */
  recover?: boolean;
}

export const DEFAULT_WINDOW_SECONDS = 2;

export interface EvidenceBase {
  path: string;
  kind?: EvidenceKind;
  size?: number;
  sha256?: string;
}

export interface EvidenceError {
  code: string;
  message: string;
  layer?: string;
  id?: string;
  offset?: number;
}

export type Evidence =
  | { type: 'store'; base: EvidenceBase; format: PstStore['format']; displayName?: string; inspection: StoreInspection }
  | { type: 'msg'; base: EvidenceBase; analysis: Analysis }
  | { type: 'blob'; base: EvidenceBase; blob: DecodedBlob }
  | { type: 'error'; base: EvidenceBase; error: EvidenceError };

const SNIFF_BYTES = 10;

/** `!BDN` then wMagicClient "SO" for an OST, "SM" for a PST ([MS-PST] 2.2.2.6); a compound file is a .msg. */
export function kindOf(head: Uint8Array): 'pst' | 'ost' | 'msg' | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SNIFF_BYTES)).toString('latin1');
  if (text.startsWith('!BDN')) return text.slice(8, 10) === 'SO' ? 'ost' : 'pst';
  if (isCompoundFile(head)) return 'msg';
  return undefined;
}

function readHead(path: string): { size: number; head: Uint8Array } {
  // O_RDONLY only: evidence is never opened for writing.
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const n = readSync(fd, head, 0, SNIFF_BYTES, 0);
    return { size: fstatSync(fd).size, head: head.subarray(0, n) };
  } finally {
    closeSync(fd);
  }
}

function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, constants.O_RDONLY);
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let pos = 0; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function fail(base: EvidenceBase, error: EvidenceError): Evidence {
  return { type: 'error', base, error };
}

/**
 * One input to its findings. Throws only for a bug of ours, never for bad evidence. `onProgress`
 * hears how far the reading of a store's messages has gone (kept out of the options, which are
 * plain data).
 */
export function inspectEvidence(input: EvidenceInput, options: EvidenceOptions = {}, onProgress?: ProgressListener): Evidence {
  const path = typeof input === 'string' ? input : input.path;
  const bytes = typeof input === 'string' ? undefined : input.bytes;
  // Key order is the report's: a blob named as such has its kind before its size.
  const base: EvidenceBase = options.as ? { path, kind: options.as } : { path };
  try {
    let head: Uint8Array;
    if (bytes) {
      base.size = bytes.length;
      head = bytes.subarray(0, SNIFF_BYTES);
    } else {
      ({ size: base.size, head } = readHead(path));
    }
    const kind = options.as ?? kindOf(head);
    if (kind !== undefined) base.kind = kind;
    if (options.hash) base.sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : sha256File(path);
    if (kind === 'blob') return { type: 'blob', base, blob: decodeBlob(bytes ?? new Uint8Array(readFileSync(path))) };
    if (kind === 'pst' || kind === 'ost') {
      const store = bytes ? new PstStore(new BufferSource(bytes)) : openPst(path);
      try {
        const correlation = options.correlate === false ? undefined : { windowSeconds: options.window ?? DEFAULT_WINDOW_SECONDS };
        const inspection = inspectStore(store, options.profile ?? {}, correlation, onProgress, options.recover === true);
        const found: Evidence = { type: 'store', base, format: store.format, inspection };
        const displayName = store.displayName;
        if (displayName !== undefined) found.displayName = displayName;
        return found;
      } finally {
        store.close();
      }
    }
    if (kind === 'msg') {
      const item = readMsg(bytes ?? new Uint8Array(readFileSync(path)));
      return { type: 'msg', base, analysis: analyze([{ ...item, messageClass: item.messageClass ?? '', inInbox: true }], options.profile) };
    }
    return fail(base, { code: 'NOT_A_PST', message: 'not a PST, OST or MSG file (no !BDN or compound-file signature)' });
  } catch (e) {
    if (e instanceof PstFormatError) {
      const error: EvidenceError = { code: e.code, message: e.message, layer: e.layer };
      if (e.id !== undefined) error.id = e.id;
      if (e.offset !== undefined) error.offset = e.offset;
      return fail(base, error);
    }
    if (e instanceof MsgFormatError) return fail(base, { code: e.code, message: e.message });
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return fail(base, { code: 'UNREADABLE', message: `cannot read the file (${code})` });
    throw e;
  }
}
