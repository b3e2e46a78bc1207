// The OpenRelik end-to-end harness: a Redis server and Celery workers started for the test, on
// 127.0.0.1 only, each a process group of its own that stop() kills by its PID; a data folder laid
// out as OpenRelik's server lays it out (<data>/<folder uuid>/<file uuid><ext>); and the stand-in
// server (test/integrations/openrelik_server.py) that sends workflows as the server does.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { repoRoot } from './corpus.js';

export const PYTHON = '/usr/bin/python3';
export const POPHIST_TASK = 'openrelik-worker-pophist.tasks.inspect';
export const TIMESKETCH_TASK = 'openrelik-worker-timesketch.tasks.upload';
const HERE = join(repoRoot, 'test/integrations');

/** Whether Redis and Celery are here to run the test on; why not, when not. */
export function missingEngine(): string | undefined {
  if (spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status !== 0) return 'redis-server not installed (apt-get install redis-server)';
  if (spawnSync(PYTHON, ['-c', 'import celery, redis'], { stdio: 'ignore' }).status !== 0) return `Celery not importable by ${PYTHON} (apt-get install python3-celery python3-redis)`;
  return undefined;
}

/** An OpenRelik input file entry, as the server builds it from its database. */
export interface InputFile {
  id?: number;
  uuid: string;
  display_name: string;
  extension: string;
  data_type: string;
  mime_type?: string;
  path?: string;
}

/** A folder of the data folder, and the files put in it. */
export class DataFolder {
  readonly path: string;
  private nextId = 1;

  constructor(readonly data: string) {
    this.path = join(data, randomUUID().replaceAll('-', ''));
    mkdirSync(this.path, { recursive: true });
  }

  /** A copy of `source` stored as the server stores an upload; `slow` marks it for the kill case. */
  add(source: string, displayName: string, slow = false): InputFile {
    const uuid = randomUUID().replaceAll('-', '');
    const ext = extname(displayName);
    const path = join(this.path, `${slow ? 'slow-' : ''}${uuid}${ext}`);
    copyFileSync(source, path);
    return { id: this.nextId++, uuid, display_name: displayName, extension: ext.slice(1), data_type: 'openrelik:file:generic', mime_type: 'application/octet-stream', path };
  }

  /** A workflow's output folder, made as run_workflow makes it. */
  output(): string {
    const p = join(this.path, randomUUID().replaceAll('-', ''));
    mkdirSync(p);
    return p;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pong = (port: number): Promise<boolean | undefined> =>
  new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port }, () => c.write('PING\r\n'));
    c.setTimeout(1000, () => c.destroy());
    c.on('data', (d) => {
      c.destroy();
      resolve(d.toString().startsWith('+PONG') ? true : undefined);
    });
    c.on('error', () => resolve(undefined));
    c.on('close', () => resolve(undefined));
  });

/** Resolves when the process has exited, or after 5 s. */
function exited(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 5000);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The services of one test run, and where their logs go. */
export class Engine {
  readonly procs: ChildProcess[] = [];
  redisUrl = '';

  constructor(readonly dir: string) {}

  private start(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot): ChildProcess {
    const log = openSync(join(this.dir, `${name}.log`), 'a');
    // A process group of its own: stop() ends it and every child it forked, by its PID.
    const p = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    this.procs.push(p);
    return p;
  }

  async redis(): Promise<void> {
    const port = await freePort();
    this.start('redis', 'redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', this.dir], process.env);
    await waitFor('redis-server to answer PING', 10_000, () => pong(port));
    this.redisUrl = `redis://127.0.0.1:${port}/0`;
  }

  /**
   * A Celery worker as the compose snippet starts it (--task-events, its queue), at --concurrency=1;
   * without mingle and gossip, which only slow its start here; through celery_worker.py, which takes
   * out kombu 5.2's wait of up to 2 s before each task.
   */
  worker(name: string, app: string, queue: string, env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
    const args = [join(HERE, 'celery_worker.py'), `--app=${app}`, 'worker', '--task-events', '--concurrency=1', '--loglevel=INFO', '-Q', queue, '-n', `${name}@%h`, '--without-mingle', '--without-gossip'];
    return this.start(name, PYTHON, args, { ...process.env, ...env, REDIS_URL: this.redisUrl, PATH: `${dirname(process.execPath)}:${process.env.PATH}` }, cwd);
  }

  standIn(): ChildProcess {
    return this.worker('timesketch', 'timesketch_standin', 'openrelik-worker-timesketch', { PYTHONPATH: HERE }, HERE);
  }

  /** The stand-in server on a scenario; resolves with what it saw, bounded by `timeoutMs`. */
  server(scenario: object, timeoutMs: number): Promise<ServerRun> {
    return new Promise((resolve, reject) => {
      const p = spawn(PYTHON, [join(HERE, 'openrelik_server.py')], { env: { ...process.env, REDIS_URL: this.redisUrl }, stdio: ['pipe', 'pipe', 'pipe'] });
      const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(JSON.parse(out) as ServerRun);
        else reject(new Error(`the stand-in server exited ${code}: ${err.slice(-2000)}`));
      });
      p.stdin.end(JSON.stringify(scenario));
    });
  }

  /** Kills every process group started, by its leader's PID, and waits (bounded) for each to end. */
  async stop(): Promise<void> {
    for (const p of this.procs) {
      if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) continue;
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.all(this.procs.map(exited));
  }

  log(name: string): string {
    const p = join(this.dir, `${name}.log`);
    return existsSync(p) ? readFileSync(p, 'utf8') : '';
  }
}

export interface TaskOutcome {
  id: string;
  state: string;
  result?: TaskResult;
  error?: string;
}

export interface OutputFile {
  uuid: string;
  display_name: string;
  extension: string;
  data_type: string;
  path: string;
  original_path: string | null;
  source_file_id: number | null;
}

export interface TaskResult {
  output_files: OutputFile[];
  workflow_id: string;
  task_files: OutputFile[];
  command: string;
  meta: Record<string, unknown>;
  file_reports: { summary: string; priority: number; input_file_uuid: string; content_file_uuid: string }[];
  task_report: { title: string; summary: string; content: string; priority: number };
}

export interface ServerRun {
  registered: { task_name: string; queue_name: string; display_name: string; description: string; task_config?: { name: string; type: string }[] }[];
  workflows: Record<string, TaskOutcome[]>;
  events: Record<string, { type: string; hostname?: string; data?: Record<string, unknown> | null; exception?: string }[]>;
}

/** Every file under `dir`, recursively, with its size. */
export function tree(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(p, statSync(p).size);
    }
  };
  walk(dir);
  return out;
}
