// A registry hive file read offline, all in memory and never written: the base block, the hbins,
// and the root key from which keys and values are reached on demand.

import { readBaseBlock, type BaseBlock } from './base-block.js';
import { Cells } from './cells.js';
import { RegistryFormatError, RegistryWarnings } from './errors.js';
import { RegKey } from './key.js';

/** The largest hive read (NTUSER.DAT files are a few to a few hundred MiB). */
export const MAX_HIVE_BYTES = 1024 * 1024 * 1024;

export interface Hive {
  header: BaseBlock;
  root: RegKey;
  /** Damage and dirt met so far; reading keys and values adds to it. */
  warnings: RegistryWarnings;
}

/**
 * Opens a hive from its bytes. Throws RegistryFormatError when there is no hive or no root key to
 * read; what was seen before that (a truncated hbin, a dirty header) is then in `warnings`.
 */
export function openHive(file: Buffer, warnings = new RegistryWarnings()): Hive {
  if (file.length > MAX_HIVE_BYTES) throw new RegistryFormatError('LIMIT', `the file holds ${file.length} bytes, past the ${MAX_HIVE_BYTES}-byte limit for a hive`);
  const header = readBaseBlock(file, warnings);
  const cells = new Cells(file, header.hbinsSize, warnings);
  const root = new RegKey({ cells, warnings, minor: header.minor }, header.rootCell);
  return { header, root, warnings };
}
