// How an analysis is asked for, resolved once (the shape of ripgrep's LowArgs → HiArgs): what a
// caller gives, with every default from this one place, becomes the ResolvedOptions that the entry
// point, the worker threads, the report header and so every renderer take. Plain data, so a worker
// thread receives it as is.

import type { RegistryFacts } from './account/known-accounts.js';
import type { ProfileFacts } from './locate/match-managers.js';

/** What a caller may give; whatever is left out takes its default. */
export interface GivenOptions {
  /** Tie each downloaded UID to the message it created. */
  correlate?: boolean;
  /** Seconds either side of a tag time for a `creation-time-near` match. */
  window?: number;
  /** What the analyst knows of the profile: with any of it, Outlook's own choice is marked. */
  profile?: ProfileFacts;
  /** Add the input's sha256. */
  hash?: boolean;
  /** The input is a history blob already extracted: decode it, whatever its first bytes. */
  as?: 'blob';
  /** Also search a store's freed space for older Message Managers and histories (one more pass over the file). */
  recover?: boolean;
  /** With `recover`: MiB that freed-space candidates may take (README "Limits"). */
  recoverMemory?: number;
  /** List every message of a store that carries a POP3 origin, with or without a history (a case joins them across inputs). */
  origins?: boolean;
  /** The user's registry hives, read for their accounts: each history is tied to its account, and a store's own account selected. */
  registry?: RegistryFacts;
}

export interface ResolvedOptions {
  /** False for a blob: there is no store to correlate with. */
  readonly correlate: boolean;
  /** Seconds; used only when `correlate`. */
  readonly window: number;
  readonly profile: ProfileFacts;
  readonly hash: boolean;
  readonly as?: 'blob';
  /** False for a blob: there is no store to search. */
  readonly recover: boolean;
  /** MiB that freed-space candidates may take when `recover`. */
  readonly recoverMemory: number;
  /** Present (true) when every message's POP3 origin is listed; absent for `inspect`. */
  readonly origins?: true;
  /** Absent when no hive was given. */
  readonly registry?: RegistryFacts;
}

/** Every default, here and nowhere else (the CLI's help shows these). */
export const DEFAULT_OPTIONS = { correlate: true, window: 2, hash: false, recover: false, recoverMemory: 64 } as const;

export function resolveOptions(given: GivenOptions = {}): ResolvedOptions {
  const blob = given.as === 'blob';
  const resolved = {
    correlate: !blob && (given.correlate ?? DEFAULT_OPTIONS.correlate),
    window: given.window ?? DEFAULT_OPTIONS.window,
    profile: given.profile ?? {},
    hash: given.hash ?? DEFAULT_OPTIONS.hash,
    recover: !blob && (given.recover ?? DEFAULT_OPTIONS.recover),
    recoverMemory: given.recoverMemory ?? DEFAULT_OPTIONS.recoverMemory,
  };
  const listed = !blob && given.origins === true ? { ...resolved, origins: true as const } : resolved;
  const withRegistry = given.registry ? { ...listed, registry: given.registry } : listed;
  return blob ? { ...withRegistry, as: 'blob' } : withRegistry;
}
