// The command line's analysis flags to the one ResolvedOptions of the run (ripgrep's LowArgs →
// HiArgs): checked and converted here, defaults filled in by the analysis's resolveOptions. Every
// part of the run (the entry point, the worker threads, the report header) takes what this returns.

import { registryFacts, resolveOptions, type ProfileFacts, type RegistryFacts, type ResolvedOptions } from '../analysis/index.js';
import { UsageError } from './errors.js';
import { readHiveFile } from './read-hive.js';

/** The flags of `inspect` and `decode` that change what is found, as yargs parsed them. */
export interface AnalysisFlags {
  hash: boolean;
  correlate?: boolean;
  window?: number;
  profileName?: string;
  searchKey?: string;
  smtp?: string;
  accountUid?: string;
  recover?: boolean;
  recoverMemory?: number;
  /** decode: the input is a blob. */
  blob?: boolean;
  /** inspect: users' registry hives (NTUSER.DAT) to tie each history to its account. */
  registry?: string[];
}

function profileFacts(flags: AnalysisFlags): ProfileFacts {
  const f: ProfileFacts = {};
  if (flags.profileName !== undefined) f.profileName = flags.profileName;
  if (flags.searchKey !== undefined) {
    const hex = flags.searchKey.replace(/\s+/g, '');
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new UsageError(`--search-key must be hex bytes, got ${JSON.stringify(flags.searchKey)}`);
    f.searchKey = Uint8Array.from(Buffer.from(hex, 'hex'));
  }
  if (flags.smtp !== undefined) f.smtp = flags.smtp;
  if (flags.accountUid !== undefined) {
    if (!/^[0-9a-fA-F]{8}$/.test(flags.accountUid)) throw new UsageError(`--account-uid must be 8 hex digits, got ${JSON.stringify(flags.accountUid)}`);
    f.accountUid = flags.accountUid.toLowerCase();
  }
  return f;
}

/** Every hive named, read once for the whole run; one that cannot be read stops the run before any input is. */
function registryOf(paths: readonly string[] | undefined): RegistryFacts | undefined {
  if (paths === undefined || paths.length === 0) return undefined;
  return registryFacts(
    paths.map((p) => {
      const { hive, problem } = readHiveFile(p);
      if (problem !== undefined) throw new UsageError(`--registry ${problem}: give a user's registry hive (NTUSER.DAT)`);
      return hive;
    }),
  );
}

export function optionsFromFlags(flags: AnalysisFlags): ResolvedOptions {
  return resolveOptions({
    registry: registryOf(flags.registry),
    correlate: flags.correlate,
    window: flags.window,
    profile: profileFacts(flags),
    hash: flags.hash,
    recover: flags.recover,
    recoverMemory: flags.recoverMemory,
    as: flags.blob ? 'blob' : undefined,
  });
}
