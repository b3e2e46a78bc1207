// A registry hive named on the command line (`pophist accounts`, `inspect --registry`), read for its
// mail accounts. The hive is read-only evidence: read whole into memory, never written, never handed
// to another program.

import { readHiveAccounts, type HiveAccounts } from '../accounts/index.js';
import { NotAFileError, readWhole } from '../analysis/index.js';
import { MAX_HIVE_BYTES, RegistryFormatError } from '../registry/index.js';
import { cannotRead } from './errors.js';
import { rawArgument } from './inputs.js';

const failed = (path: string, code: string, message: string): HiveAccounts => ({ path, status: 'error', error: { code, message }, sha256: '', profiles: [], warnings: [] });

/** One hive's accounts; a file that cannot be read becomes an error entry and a line for stderr. */
export function readHiveFile(path: string): { hive: HiveAccounts; problem?: string } {
  let bytes: Uint8Array;
  try {
    bytes = readWhole(rawArgument(path), MAX_HIVE_BYTES, (size) => new RegistryFormatError('LIMIT', `the file holds ${size} bytes, past the ${MAX_HIVE_BYTES}-byte limit for a hive`));
  } catch (e) {
    if (e instanceof RegistryFormatError) return { hive: failed(path, e.code, e.message), problem: `${path}: ${e.describe()}` };
    if (e instanceof NotAFileError) return { hive: failed(path, e.code, `${path}: ${e.message}`), problem: `${path}: ${e.message}` };
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    const problem = cannotRead(path, code).message;
    return { hive: failed(path, 'UNREADABLE', problem), problem };
  }
  const hive = readHiveAccounts(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (hive.status === 'error') return { hive, problem: `${path}: ${hive.error!.message}${hive.error!.offset === undefined ? '' : ` (registry, offset ${hive.error!.offset})`}` };
  return { hive };
}
