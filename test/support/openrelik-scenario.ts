// The workflows the OpenRelik end-to-end test sends, all at once, and the run itself: Redis, two
// pophist workers and the Timesketch stand-in started, the stand-in server sending every workflow,
// and the pool process running the slow input's first attempt killed mid-task.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferSource } from '../../src/pst/file/source.js';
import { NodeDatabase } from '../../src/pst/ndb/database.js';
import { NidType } from '../../src/pst/ndb/ids.js';
import { repoRoot } from './corpus.js';
import { DataFolder, Engine, POPHIST_TASK, TIMESKETCH_TASK, tree, waitFor, type InputFile, type ServerRun } from './openrelik.js';
import { samplePath } from './samples.js';

export const BATCH = ['correlation-cases.pst', 'localized-inbox.pst', 'message-manager.msg', 'no-history.pst', 'pop3-ansi-cyclic.pst', 'pop3-rewritten-ansi.pst', 'pop3-rewritten.pst', 'pop3-unicode.pst', 'pre2010-profile.pst', 'two-accounts.pst'];

export interface Workflow {
  id: string;
  input_files: InputFile[];
  output_path: string;
  tasks: { task_name: string; task_config?: object }[];
}

/** A copy of pop3-unicode.pst whose Message Manager's first attachment block is overwritten: it cannot be read. */
function damagedCopy(dir: string): string {
  const bytes = new Uint8Array(readFileSync(samplePath('pop3-unicode.pst')));
  const db = new NodeDatabase(new BufferSource(bytes));
  for (const n of db.allNodes()) {
    if ((n.nid & 0x1f) !== NidType.ASSOC_MESSAGE) continue;
    const message = db.requireNode(n.nid);
    const attachment = message.subnodeNids().find((s) => (s & 0x1f) === NidType.ATTACHMENT);
    if (attachment === undefined) continue;
    const at = db.blocks.offsetOf(message.subnode(attachment)!.bidData)!;
    bytes.fill(0xff, at, at + 4);
    break;
  }
  const path = join(dir, 'damaged.pst');
  writeFileSync(path, bytes);
  return path;
}

/** A process's state letter from /proc (`stat`: pid (comm) state ppid …), or "gone". */
export function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0]!;
  } catch {
    return 'gone';
  }
}

const parentOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);

export class Scenario {
  readonly tmp = mkdtempSync(join(tmpdir(), 'pophist-openrelik-'));
  readonly data = join(this.tmp, 'data');
  readonly workerTmp = join(this.tmp, 'worker-tmp');
  readonly engine = new Engine(this.tmp);
  readonly folder = new DataFolder(this.data);
  readonly workflows: Workflow[] = [];
  readonly inputs: Record<string, InputFile> = {};
  /** Every file under tmp, with its size, before the run. */
  readonly before: Map<string, number>;
  run!: ServerRun;
  killed!: { pid: number; worker: string; run: number };

  constructor() {
    mkdirSync(this.workerTmp);
    const { folder, inputs } = this;
    inputs.slow = folder.add(samplePath('pop3-ansi-cyclic.pst'), 'slow.pst', true);
    this.add('slow', [inputs.slow]);
    inputs.alice = folder.add(samplePath('pop3-unicode.pst'), 'alice.pst');
    this.add('single', [inputs.alice]);
    inputs.two = folder.add(samplePath('two-accounts.pst'), 'two-accounts.pst');
    this.add('chain', [inputs.alice, inputs.two], {}, TIMESKETCH_TASK);
    this.add('chain-json', [inputs.two], { pass_on: ['timeline', 'json'] }, TIMESKETCH_TASK);
    inputs.rewritten = folder.add(samplePath('pop3-rewritten.pst'), 'frank.pst');
    this.add('options', [inputs.rewritten], { recover: true, window: '5', smtp: 'frank@example.com', profile_name: '', pass_on: ['timeline', 'json', 'html'] });
    inputs.damaged = folder.add(damagedCopy(this.tmp), 'damaged.pst');
    this.add('damaged', [inputs.damaged]);
    inputs.notes = folder.add(samplePath('README.md'), 'notes.txt');
    this.add('not-evidence', [inputs.notes, inputs.two]);
    this.add('missing', [{ ...inputs.alice, path: join(folder.path, 'gone.pst'), display_name: 'gone.pst' }]);
    const { path: _, ...noPath } = inputs.alice;
    this.add('no-path', [noPath]);
    this.add('outside', [{ ...inputs.alice, path: samplePath('pop3-unicode.pst') }]);
    this.add('bad-config', [inputs.alice], { window: 'two' });
    for (const [i, name] of [...BATCH, ...BATCH].entries()) {
      inputs[`batch${i}`] = folder.add(samplePath(name), name);
      this.add(`batch${i}`, [inputs[`batch${i}`]!]);
    }
    this.before = tree(this.tmp);
  }

  private add(id: string, files: InputFile[], taskConfig: object = {}, chain?: string): void {
    const tasks = [{ task_name: POPHIST_TASK, task_config: taskConfig }, ...(chain ? [{ task_name: chain }] : [])];
    this.workflows.push({ id, input_files: files, output_path: this.folder.output(), tasks });
  }

  workflow(id: string): Workflow {
    return this.workflows.find((w) => w.id === id)!;
  }

  /** Starts everything, sends every workflow, kills the slow input's first run, and waits for the results. */
  async start(): Promise<void> {
    const { engine, tmp } = this;
    await engine.redis();
    const mark = join(tmp, 'slow.mark');
    const env = { POPHIST_DATA_DIR: this.data, POPHIST_BIN: join(repoRoot, 'test/integrations/slow_pophist.py'), REAL_POPHIST: join(repoRoot, 'bin/pophist'), SLOW_NAME: 'slow-', SLOW_MARK: mark, TMPDIR: this.workerTmp };
    const cwd = join(repoRoot, 'integrations/openrelik');
    const workers = ['pophist1', 'pophist2'].map((name) => ({ name, proc: engine.worker(name, 'pophist_openrelik.app', 'openrelik-worker-pophist', env, cwd) }));
    engine.standIn();
    const server = engine.server({ expect_tasks: [POPHIST_TASK, TIMESKETCH_TASK], timeout: 100, workflows: this.workflows }, 110_000);
    // The slow input's first run waits in its pool process: that process is killed, as the OOM killer would.
    const marked = await waitFor('the slow task to start', 60_000, () => {
      try {
        return readFileSync(mark, 'utf8');
      } catch {
        return undefined;
      }
    });
    const [pool, slowRun] = marked.split(' ').map(Number) as [number, number];
    const owner = workers.find((w) => w.proc.pid === parentOf(pool));
    if (!owner) throw new Error(`the slow run's parent ${pool} is not a pool process of a pophist worker`);
    process.kill(pool, 'SIGKILL');
    this.killed = { pid: pool, worker: owner.name, run: slowRun };
    this.run = await server;
  }

  async stop(): Promise<void> {
    await this.engine.stop();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
