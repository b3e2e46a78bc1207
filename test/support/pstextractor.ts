// pst-extractor 1.12 as a second, independent oracle: folder names and contents-table row counts.
// It cannot open ANSI files and refuses cyclic encryption; it also writes to the console from
// inside the library, so the console is silenced around every call.

import { PSTFile, type PSTFolder } from 'pst-extractor';

export interface ExtractorFolder {
  nid: number;
  path: string[];
  /** Rows of the contents table; -1 where it has none (search folders). */
  messageCount: number;
}

export type ExtractorResult = { ok: true; folders: ExtractorFolder[] } | { ok: false; error: string };

function quietly<T>(fn: () => T): T {
  const saved = { log: console.log, warn: console.warn, error: console.error, debug: console.debug, info: console.info };
  const mute = (): void => {};
  Object.assign(console, { log: mute, warn: mute, error: mute, debug: mute, info: mute });
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

export function pstExtractorTree(file: string): ExtractorResult {
  return quietly((): ExtractorResult => {
    let pst: PSTFile;
    try {
      pst = new PSTFile(file);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    try {
      const folders: ExtractorFolder[] = [];
      const walk = (f: PSTFolder, path: string[]): void => {
        const nid = f.descriptorNodeId.toNumber();
        folders.push({ nid, path, messageCount: f.emailCount });
        // A search folder (NID type 3) has no hierarchy table; pst-extractor throws if asked for one.
        if ((nid & 0x1f) !== 3) for (const sub of f.getSubFolders()) walk(sub, [...path, sub.displayName]);
      };
      walk(pst.getRootFolder(), []);
      return { ok: true, folders };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    } finally {
      pst.close();
    }
  });
}
