// How bin/pophist starts the CLI: the bundle (npm run build: every module of the CLI in one script)
// compiled with the V8 code cache the build made for it, so that a run does not parse and compile
// half a megabyte of JavaScript first. V8 rejects a cache made by another V8 version or with other
// flags, but tells scripts apart only by their length, and a release build of V8 does not check the
// cache's checksum (a damaged one can crash it). The cache file therefore starts with the sha256 of
// the source it was made from and the sha256 of the rest of the file, and is used only when both
// hold. Without a usable cache the script is compiled from its source, as it would be without one.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../bundle/pophist.cjs', import.meta.url));

export interface LoadedBundle {
  main(argv: string[]): Promise<number>;
  /** Whether V8 took the cache beside the script. */
  cacheUsed: boolean;
  /** Writes the code cache of the script as it is now (what has run so far compiled) beside it. */
  writeCache(): void;
}

const cachePath = (script: string): string => `${script}.cache`;
const sha256 = (data: string | Uint8Array): Buffer => createHash('sha256').update(data).digest();
const HASH_BYTES = 32;

/** The V8 data of the cache beside the script, when it was made from that source and is whole. */
function readCache(path: string, sourceHash: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cachePath(path));
  } catch {
    return undefined;
  }
  const data = file.subarray(2 * HASH_BYTES);
  const fits = data.length > 0 && file.subarray(0, HASH_BYTES).equals(sourceHash) && file.subarray(HASH_BYTES, 2 * HASH_BYTES).equals(sha256(data));
  return fits ? data : undefined;
}

/** Runs the CommonJS bundle at `path` with its code cache, when it has a usable one, and returns its exports. */
export function loadBundle(path = BUNDLE): LoadedBundle {
  // The CommonJS wrapper, as Node's own loader would give the bundle.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(path, 'utf8')}\n})`;
  const sourceHash = sha256(source);
  const cachedData = readCache(path, sourceHash);
  const script = new Script(source, { filename: path, cachedData });
  const module = { exports: {} as { main: LoadedBundle['main'] } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(path), module, path, dirname(path));
  return {
    main: module.exports.main,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    writeCache: () => {
      const data = script.createCachedData();
      writeFileSync(cachePath(path), Buffer.concat([sourceHash, sha256(data), data]));
    },
  };
}
