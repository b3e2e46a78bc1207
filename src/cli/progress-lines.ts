// `inspect --progress-json`: progress as JSON lines (contract pophist/progress@1,
// schema/progress.schema.json) on stderr instead of the bar, for a program that runs pophist and
// shows or forwards its progress (the OpenRelik worker sends them on as task-progress events).
// A line is one JSON object, so it is told apart from pophist's other stderr lines ("pophist: …").
// The lines are advisory: a reader that goes away ends them, never the run.

import { writeSync } from 'node:fs';
import type { Progress, ProgressListener } from '../analysis/index.js';
import type { SourceStatus } from '../report/index.js';

export const PROGRESS_SCHEMA = 'pophist/progress@1';

/** At most one reading line per input this often: a store of 10,000 folders reports on each. */
const EVERY_MS = 250;

export interface ProgressLines {
  /** The listener for input `index` (0-based, in input order) while it is read in this thread. */
  reading(index: number, path: string): ProgressListener;
  /** Input `index`'s source is written (also the only line for an input read in a worker thread). */
  done(index: number, path: string, status: SourceStatus): void;
}

/** Lines for a run over `inputs` inputs. */
export function progressLines(inputs: number): ProgressLines {
  let open = true;
  const write = (line: object): void => {
    if (!open) return;
    try {
      writeSync(2, `${JSON.stringify({ schema: PROGRESS_SCHEMA, ...line })}\n`);
    } catch {
      open = false; // the reader closed its end (EPIPE): the report goes on
    }
  };
  return {
    reading: (index, path) => {
      let last = -Infinity;
      return (p: Readonly<Progress>) => {
        const now = performance.now();
        if (now - last < EVERY_MS) return;
        last = now;
        write({ input: index, inputs, path, done: false, foldersRead: p.foldersRead, folders: p.folders, messagesRead: p.messagesRead, messages: p.messages });
      };
    },
    done: (index, path, status) => write({ input: index, inputs, path, done: true, status }),
  };
}
