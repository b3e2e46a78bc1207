// The worker thread's side of the pool (worker-pool.ts): tasks come in one at a time, each answered
// by a stream of messages, of which at most CREDIT may wait in the other thread untaken. A thread
// whose task is not yet due therefore stops after a few pieces of its answer instead of holding all
// of it, and two jobs hold two pieces, not two whole answers.

import { parentPort } from 'node:worker_threads';

/** What the pool posts to a thread: a task, or leave to post more messages. */
export type ToWorker<T> = { kind: 'task'; task: T } | { kind: 'credit'; messages: number };

/** What a thread posts back: one message of its current task's answer; `last` ends the answer. */
export interface FromWorker<M> {
  message: M;
  last: boolean;
}

/**
 * Messages a thread may post ahead of what the pool has taken: a text piece is about a MiB, and a
 * small input's answer two messages, so a thread runs a few small inputs ahead but not a large one.
 */
const CREDIT = 8;

/**
 * Answers every task this thread is given, in turn, with the messages `answer` yields (at least one),
 * moving the buffers `transfer` names rather than copying them. A throw ends the thread, as an
 * uncaught error: the pool makes it the task's failure.
 */
export function serveTasks<T, M>(answer: (task: T) => Iterable<M>, transfer: (m: M) => ArrayBuffer[] = () => []): void {
  const port = parentPort!;
  const tasks: T[] = [];
  let credit = CREDIT;
  let wake: (() => void) | undefined;
  let working = false;

  const post = async (message: M, last: boolean): Promise<void> => {
    while (credit === 0) await new Promise<void>((r) => (wake = r));
    credit--;
    const reply: FromWorker<M> = { message, last };
    port.postMessage(reply, transfer(message));
  };
  const work = async (): Promise<void> => {
    working = true;
    for (let task = tasks.shift(); task !== undefined; task = tasks.shift()) {
      let held: { m: M } | undefined;
      for (const m of answer(task)) {
        if (held) await post(held.m, false);
        held = { m };
      }
      if (!held) throw new Error('a worker task gave no answer');
      await post(held.m, true);
    }
    working = false;
  };
  port.on('message', (m: ToWorker<T>) => {
    if (m.kind === 'credit') {
      credit += m.messages;
      wake?.();
      wake = undefined;
      return;
    }
    tasks.push(m.task);
    if (!working)
      work().catch((e: unknown) => {
        setImmediate(() => {
          throw e;
        });
      });
  });
}
