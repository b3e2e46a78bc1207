// The one entry point from evidence to findings: what the input is (by its first bytes, never by
// its name), which reader takes it, and every failure of bad evidence turned into a finding rather
// than thrown. The CLI, the fuzzer, the bench and worker threads all come through here, so its input
// and options are plain data (structured-clone friendly). A store's long finding lists are lazy
// (LazyList): made from the pass's compact facts as they are written, in the thread that made them.

import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { isCompoundFile, MAX_MSG_BYTES, MsgFormatError, msgTooLarge, readMsg } from '../../msg/index.js';
import { BufferSource, openPst, PstFormatError, PstStore } from '../../pst/index.js';
import { BlobLimitError, blobTooLarge, MAX_BLOB_INPUT_BYTES, type DecodedBlob } from '../history/blob.js';
import { decodeBlob } from '../history/decode-blob.js';
import { inspectStore, type StoreInspection } from './inspect-store.js';
import { tieAccounts, type AccountTies } from '../account/tie.js';
import { displayPath, NotAFileError, readHead, readWhole, sha256File, type EvidencePath } from './open-file.js';
import type { ProgressListener } from './progress.js';
import { analyze, followsManagerRules, type Analysis } from '../locate/match-managers.js';
import { msgOrigins, type MsgOrigins } from '../correlate/msg-origins.js';
import { resolveOptions, type ResolvedOptions } from '../options.js';

export type EvidenceKind = 'pst' | 'ost' | 'msg' | 'blob';

/**
 * A path to read; the raw bytes of a path that is not UTF-8 (reported with those bytes escaped);
 * or bytes already in memory with the name to report them under.
 */
export type EvidenceInput = string | { rawPath: Uint8Array } | { path: string; bytes: Uint8Array };

export interface EvidenceBase {
  path: string;
  /** The raw path's bytes in hex, for a name that is not UTF-8 (`path` shows them escaped). */
  pathHex?: string;
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

export type InspectedEvidence = (
  | { type: 'store'; base: EvidenceBase; format: PstStore['format']; displayName?: string; recordKey?: string; inspection: StoreInspection }
  | { type: 'msg'; base: EvidenceBase; analysis: Analysis; origins: MsgOrigins; accounts?: AccountTies }
  | { type: 'blob'; base: EvidenceBase; blob: DecodedBlob }
  | { type: 'error'; base: EvidenceBase; error: EvidenceError }
) & {
  /** With `hash`: how the file changed while it was read (its size or modification time), said as a warning. */
  changed?: string;
};

const SNIFF_BYTES = 10;

/** `!BDN` then wMagicClient "SO" for an OST, "SM" for a PST ([MS-PST] 2.2.2.6); a compound file is a .msg. */
export function kindOf(head: Uint8Array): 'pst' | 'ost' | 'msg' | undefined {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, SNIFF_BYTES)).toString('latin1');
  if (text.startsWith('!BDN')) return text.slice(8, 10) === 'SO' ? 'ost' : 'pst';
  if (isCompoundFile(head)) return 'msg';
  return undefined;
}

function fail(base: EvidenceBase, error: EvidenceError): InspectedEvidence {
  return { type: 'error', base, error };
}

/** The name an input is reported under; a raw path with each byte that is not UTF-8 as `\xNN`. */
export function evidenceName(input: EvidenceInput): string {
  return typeof input === 'string' ? input : 'rawPath' in input ? displayPath(Buffer.from(input.rawPath)) : input.path;
}

/**
 * One input to its findings. Throws only for a bug of ours, never for bad evidence. `onProgress`
 * hears how far the reading of a store's messages has gone (kept out of the options, which are
 * plain data).
 */
export function inspectEvidence(input: EvidenceInput, options: ResolvedOptions = resolveOptions(), onProgress?: ProgressListener): InspectedEvidence {
  const file = typeof input === 'string' ? input : 'rawPath' in input ? Buffer.from(input.rawPath) : undefined;
  const before = options.hash && file !== undefined ? statOrUndefined(file) : undefined;
  const found = inspectOnce(input, options, onProgress);
  const after = before && statOrUndefined(file!);
  if (before && after && (before.size !== after.size || before.mtimeMs !== after.mtimeMs)) found.changed = changedWhileRead(before, after);
  return found;
}

function statOrUndefined(p: EvidencePath): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function changedWhileRead(before: Stats, after: Stats): string {
  const what = before.size !== after.size ? `its size went from ${before.size} to ${after.size} bytes` : `it was modified at ${after.mtime.toISOString()}`;
  return `the file changed while it was read (${what}): the sha256 and the findings are of the bytes as read, which the file no longer holds; acquire a copy and inspect that`;
}

function inspectOnce(input: EvidenceInput, options: ResolvedOptions, onProgress?: ProgressListener): InspectedEvidence {
  const file = typeof input === 'string' ? input : 'rawPath' in input ? Buffer.from(input.rawPath) : undefined;
  const path = evidenceName(input);
  const bytes = typeof input !== 'string' && 'bytes' in input ? input.bytes : undefined;
  // Key order is the report's: a blob named as such has its kind before its size.
  const base: EvidenceBase = { path };
  if (file && typeof file !== 'string') base.pathHex = file.toString('hex');
  if (options.as) base.kind = options.as;
  try {
    let head: Uint8Array;
    if (bytes) {
      base.size = bytes.length;
      head = bytes.subarray(0, SNIFF_BYTES);
    } else {
      ({ size: base.size, head } = readHead(file!, SNIFF_BYTES));
    }
    const kind = options.as ?? kindOf(head);
    if (kind !== undefined) base.kind = kind;
    // The bytes as the size was read: a file growing meanwhile adds nothing to the hash.
    if (options.hash) base.sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : sha256File(file!, base.size!);
    if (kind === 'blob') return { type: 'blob', base, blob: decodeBlob(bytes ?? readWhole(file!, MAX_BLOB_INPUT_BYTES, blobTooLarge)) };
    if (kind === 'pst' || kind === 'ost') {
      const store = bytes ? new PstStore(new BufferSource(bytes)) : openPst(file!);
      try {
        const inspection = inspectStore(store, options, onProgress);
        const found: InspectedEvidence = { type: 'store', base, format: store.format, inspection };
        const displayName = store.displayName;
        if (displayName !== undefined) found.displayName = displayName;
        // The store's own identity (PR_RECORD_KEY, [MS-PST] 2.4.3): the same in every copy of one store.
        const recordKey = store.recordKey;
        if (recordKey !== undefined) found.recordKey = Buffer.from(recordKey).toString('hex');
        return found;
      } finally {
        store.close();
      }
    }
    if (kind === 'msg') {
      const item = readMsg(bytes ?? readWhole(file!, MAX_MSG_BYTES, msgTooLarge));
      // A saved e-mail is a message, never a manager: only a manager's .msg is searched for a history.
      const managers = followsManagerRules(item) ? [{ ...item, messageClass: item.messageClass ?? '', inInbox: true }] : [];
      const analysis = analyze(managers, options.profile);
      // A .msg has no store record key: its histories are tied by their names alone.
      return { type: 'msg', base, analysis, origins: msgOrigins(item), ...(options.registry ? { accounts: tieAccounts(analysis, options.registry) } : {}) };
    }
    // Worded as a directory walk words it: the same file gets the same reason, named or found.
    if (base.size === 0) return fail(base, { code: 'NOT_A_PST', message: 'an empty file' });
    return fail(base, { code: 'NOT_A_PST', message: 'not a PST, OST or MSG file (no !BDN or compound-file signature)' });
  } catch (e) {
    if (e instanceof PstFormatError) {
      const error: EvidenceError = { code: e.code, message: e.message, layer: e.layer };
      if (e.id !== undefined) error.id = e.id;
      if (e.offset !== undefined) error.offset = e.offset;
      return fail(base, error);
    }
    if (e instanceof MsgFormatError || e instanceof NotAFileError || e instanceof BlobLimitError) return fail(base, { code: e.code, message: e.message });
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return fail(base, { code: 'UNREADABLE', message: `cannot read the file (${code})` });
    throw e;
  }
}
