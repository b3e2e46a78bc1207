// How far the walk of one store has gone, for a caller that shows progress: folders and messages
// read, against totals known up front (the folder count of the walk, and the sum of the folders'
// PR_CONTENT_COUNT). Library code only counts; what is shown, and where, is the caller's choice.

import type { Folder } from '../../pst/index.js';

export interface Progress {
  foldersRead: number;
  folders: number;
  messagesRead: number;
  /** From the folders' content counts: a damaged count can make it differ from what is read. */
  messages: number;
}

export type ProgressListener = (p: Readonly<Progress>) => void;

// A call per message would cost more than the reading on a 100,000-message store.
const EVERY = 500;

export class ProgressCounter {
  private readonly p: Progress;

  constructor(
    private readonly listener: ProgressListener,
    folders: readonly Folder[],
  ) {
    const messages = folders.reduce((n, f) => n + (f.isSearch ? 0 : (f.contentCount ?? 0)), 0);
    this.p = { foldersRead: 0, folders: folders.length, messagesRead: 0, messages };
    listener(this.p);
  }

  message(): void {
    if (++this.p.messagesRead % EVERY === 0) this.listener(this.p);
  }

  folder(): void {
    this.p.foldersRead++;
    this.listener(this.p);
  }
}
