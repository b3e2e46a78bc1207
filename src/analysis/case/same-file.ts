// Inputs that are one file: the same inode (a hard link, a symbolic link, a path named twice), or
// the same bytes (a copy). A case counts such a file once; the others are said to be the same.
// Only files of equal size are hashed, so a case of distinct stores reads nothing extra.

import { statSync } from 'node:fs';
import { sha256File, type EvidencePath } from '../evidence/open-file.js';

export interface SameAs {
  of: number;
  by: 'link' | 'same-bytes';
}

/** Per input, the earlier input it is the same file as; unreadable paths are left to the analysis to report. */
export function sameFiles(paths: readonly EvidencePath[]): (SameAs | undefined)[] {
  const out: (SameAs | undefined)[] = paths.map(() => undefined);
  const stats = paths.map((p) => {
    try {
      const st = statSync(p);
      return st.isFile() ? st : undefined;
    } catch {
      return undefined;
    }
  });
  const byInode = new Map<string, number>();
  const bySize = new Map<number, number[]>();
  stats.forEach((st, i) => {
    if (!st) return;
    const inode = `${st.dev}:${st.ino}`;
    const first = byInode.get(inode);
    if (first !== undefined) out[i] = { of: first, by: 'link' };
    else {
      byInode.set(inode, i);
      bySize.set(st.size, [...(bySize.get(st.size) ?? []), i]);
    }
  });
  for (const [size, group] of bySize) {
    if (group.length < 2 || size === 0) continue;
    const byHash = new Map<string, number>();
    for (const i of group) {
      let hash: string;
      try {
        hash = sha256File(paths[i]!, size);
      } catch {
        continue;
      }
      const first = byHash.get(hash);
      if (first !== undefined) out[i] = { of: first, by: 'same-bytes' };
      else byHash.set(hash, i);
    }
  }
  return out;
}
