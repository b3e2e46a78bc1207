// PidLidRemoteEntryId as Outlook's POP3 provider writes it on every message it downloads: binary
// holding UTF-16LE `POP://<server>/<UID>` and a NUL (docs/format.md §4, seen on a real Outlook 2016 store).

import { decodeUid } from '../history/uid-escape.js';

export interface RemoteId {
  server: string;
  /** The UID as written after the server. */
  uid: string;
  /** The UID with the history's `$xx` escapes undone, when that differs from `uid`. */
  unescaped?: string;
}

export type RemoteIdParse = { ok: true; id: RemoteId } | { ok: false; reason: string };

const utf16 = new TextDecoder('utf-16le', { fatal: true });
const PREFIX = 'POP://';

export function parseRemoteId(bytes: Uint8Array): RemoteIdParse {
  if (bytes.length % 2 !== 0) return { ok: false, reason: `odd length (${bytes.length} bytes), not UTF-16` };
  let text: string;
  try {
    text = utf16.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-16LE text' };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) text = text.slice(0, nul);
  if (text.slice(0, PREFIX.length).toUpperCase() !== PREFIX) return { ok: false, reason: `does not begin with ${PREFIX} (${JSON.stringify(text.slice(0, 24))})` };
  const rest = text.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return { ok: false, reason: 'names no server' };
  const uid = oneByte(bytes, PREFIX.length + slash + 1, text.length) ?? rest.slice(slash + 1);
  if (uid === '') return { ok: false, reason: 'names no UID' };
  const id: RemoteId = { server: rest.slice(0, slash), uid };
  if (uid.includes('$')) {
    const d = decodeUid(Buffer.from(uid, 'utf8'));
    if (d.badEscapes.length === 0 && d.uidHex === undefined && d.uid !== uid) id.unescaped = d.uid;
  }
  return { ok: true, id };
}

/**
 * Characters [from, to) of UTF-16LE text as a string of its own, when all are below U+0100 (as POP3
 * UIDs are): one byte per character and no reference to the whole decoded text, which a slice of it
 * would keep alive for every message of a store.
 */
function oneByte(bytes: Uint8Array, from: number, to: number): string | undefined {
  const out = Buffer.allocUnsafe(Math.max(0, to - from));
  for (let k = from; k < to; k++) {
    if (bytes[2 * k + 1] !== 0) return undefined;
    out[k - from] = bytes[2 * k]!;
  }
  return out.toString('latin1');
}
