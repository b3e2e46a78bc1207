// One input to one report source: what the CLI, its worker threads, the fuzzer and the bench all call.

import { readFileSync, statSync } from 'node:fs';
import { MsgFormatError, readMsg } from '../msg/read.js';
import { analyze, type ProfileFacts } from '../pop3/analyze.js';
import { inspectStore } from '../pop3/inspect.js';
import { PstFormatError } from '../pst/file/errors.js';
import { openPst } from '../pst/messaging/store.js';
import { errorSource, msgSource, storeSource, type SourceBase } from '../report/build.js';
import type { Source } from '../report/types.js';
import { sha256File, sniffKind } from './inputs.js';

/** Everything but the path that decides what an input's source says: the same for every input of a run. */
export interface InspectRequest {
  profile: ProfileFacts;
  hash: boolean;
  correlate: boolean;
  window: number;
}

/** Never throws for bad evidence, only reports it; anything else thrown is a bug of ours. */
export function inspectPath(path: string, req: InspectRequest): Source {
  const base: SourceBase = { path };
  try {
    base.size = statSync(path).size;
    const kind = sniffKind(path);
    if (kind !== 'unknown') base.kind = kind;
    if (req.hash) base.sha256 = sha256File(path);
    if (kind === 'pst' || kind === 'ost') {
      const store = openPst(path);
      try {
        return storeSource(base, store, inspectStore(store, req.profile, req.correlate ? { windowSeconds: req.window } : undefined));
      } finally {
        store.close();
      }
    }
    if (kind === 'msg') {
      const item = readMsg(new Uint8Array(readFileSync(path)));
      return msgSource(base, analyze([{ ...item, messageClass: item.messageClass ?? '', inInbox: true }], req.profile));
    }
    return errorSource(base, { code: 'NOT_A_PST', message: 'not a PST, OST or MSG file (no !BDN or compound-file signature)' });
  } catch (e) {
    if (e instanceof PstFormatError || e instanceof MsgFormatError) return errorSource(base, e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code) return errorSource(base, { code: 'UNREADABLE', message: `cannot read the file (${code})` });
    throw e;
  }
}
