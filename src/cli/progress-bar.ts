// A progress bar on stderr while a large store is read: only on a terminal, only once the input
// has taken a second (a small store finishes before any bar would be read), cleared when the
// input is done. cli-progress draws it; the library only counts (src/analysis/evidence/progress.ts).

import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { Progress, ProgressListener } from '../analysis/index.js';
import { escapeText } from '../report/index.js';

/** How long an input runs before its bar appears: a second, or POPHIST_PROGRESS_DELAY milliseconds. */
function delayMs(): number {
  const v = process.env.POPHIST_PROGRESS_DELAY;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 1000;
}

// cli-progress takes tens of milliseconds to load: only a run that shows a bar pays for it.
let cliProgress: typeof CliProgress | undefined;
const loadCliProgress = (): typeof CliProgress => (cliProgress ??= createRequire(import.meta.url)('cli-progress') as typeof CliProgress);

export interface InputProgress {
  /** Absent when no bar is to be shown: the library then does not count at all. */
  listener?: ProgressListener;
  done(): void;
}

const NONE: InputProgress = { listener: undefined, done: () => undefined };

/** Whether to show progress at all: stderr is a terminal and --quiet was not given. */
export function progressWanted(quiet: boolean): boolean {
  return !quiet && process.stderr.isTTY === true;
}

export function inputProgress(path: string, wanted: boolean): InputProgress {
  if (!wanted) return NONE;
  const start = performance.now();
  const delay = delayMs();
  let bar: CliProgress.SingleBar | undefined;
  const payload = (p: Readonly<Progress>) => ({ foldersRead: p.foldersRead, folders: p.folders });
  return {
    listener: (p) => {
      if (bar) {
        bar.setTotal(Math.max(p.messages, p.messagesRead));
        bar.update(p.messagesRead, payload(p));
        return;
      }
      if (performance.now() - start < delay) return;
      bar = new (loadCliProgress().SingleBar)({
        stream: process.stderr,
        format: `${escapeText(path)} {bar} {value}/{total} messages, {foldersRead}/{folders} folders`,
        barsize: 20,
        clearOnComplete: true,
        hideCursor: true,
        fps: 10,
      });
      bar.start(Math.max(p.messages, p.messagesRead), p.messagesRead, payload(p));
    },
    done: () => bar?.stop(),
  };
}
