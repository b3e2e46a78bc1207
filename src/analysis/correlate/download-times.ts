// The tags of one history by UID (as decoded and as written): when each UID was downloaded, and its
// first delete-only tag. Built once per history; every question is a map lookup.

import { tagSeconds } from '../history/tag-time.js';
import type { TagTimes } from './time-checks.js';

interface Tag {
  index: number;
  operation: string;
  uid: string;
  encodedUid: string;
  timeRaw: string;
}

export class DownloadTimes implements TagTimes {
  /** A UID's download second, or its seconds when several tags download it. */
  private readonly downloads = new Map<string, number | number[]>();
  private readonly deletes = new Map<string, number>();

  constructor(
    entries: readonly Tag[],
    private readonly window: number,
  ) {
    for (const e of entries) {
      if (e.operation === 'deleted') {
        if (!this.deletes.has(e.uid)) this.deletes.set(e.uid, e.index);
        continue;
      }
      const second = tagSeconds(e.timeRaw);
      for (const key of e.encodedUid === e.uid ? [e.uid] : [e.uid, e.encodedUid]) {
        const had = this.downloads.get(key);
        if (had === undefined) this.downloads.set(key, second);
        else if (typeof had === 'number') this.downloads.set(key, [had, second]);
        else had.push(second);
      }
    }
  }

  /** Whether a download tag of the UID lies within the window of `second`: its own tag explains a message created then. */
  owns(uid: string, second: number): boolean {
    const had = this.downloads.get(uid);
    if (had === undefined) return false;
    return typeof had === 'number' ? Math.abs(had - second) <= this.window : had.some((t) => Math.abs(t - second) <= this.window);
  }

  hasDownload(uid: string): boolean {
    return this.downloads.has(uid);
  }

  /** Index of the UID's first delete tag. */
  firstDelete(uid: string): number | undefined {
    return this.deletes.get(uid);
  }
}
