// The OpenRelik worker (integrations/openrelik) end to end, on a real Redis and real Celery
// workers: discovery as the server does it, tasks sent as the server sends them, results decoded
// and every output file read at the path the server would register; a chain into a stand-in for
// the Timesketch upload; failures; 20 inputs across 2 worker processes, one of them killed
// mid-task. Inputs are copies of the samples (and a damaged copy) in a data folder laid out as
// OpenRelik's; the reports must equal what `pophist inspect` prints on the same files.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli.js';
import { inCi } from '../support/corpus.js';
import { missingEngine, POPHIST_TASK, TIMESKETCH_TASK, tree, type TaskOutcome } from '../support/openrelik.js';
import { processState, Scenario } from '../support/openrelik-scenario.js';
import { describeSkipped } from '../support/skip.js';

const missing = missingEngine();
if (missing !== undefined && inCi) throw new Error(`CI=true but ${missing} (.ci/run installs redis-server, python3-celery, python3-redis)`);
const describeEngine = missing === undefined ? describe : (name: string, fn: () => void) => describeSkipped(name, `${missing}; skipped`, fn);

// What `pophist inspect` prints, from the CLI's main() in this process: the same bytes as the built
// CLI's (inspect-samples compares the two), without a process per comparison.
const pophistInspect = async (...args: string[]): Promise<string> => (await runCliInProcess(['inspect', ...args])).stdout;
// The worker's one run per input writes the page too, which hashes every input: its report is --json --hash.
const inspectJson = (path: string, ...options: string[]): Promise<string> => pophistInspect(path, '--json', '--hash', '--jobs', '1', ...options);

// One run for every test below: the workers' start-up is paid once.
const scenario = missing === undefined ? new Scenario() : undefined;
beforeAll(() => scenario?.start(), 150_000);
afterAll(() => scenario?.stop(), 30_000);

const sc = (): Scenario => scenario!;
const inputs = (name: string) => sc().inputs[name]!;
const outcome = (id: string): TaskOutcome[] => sc().run.workflows[id]!;
const events = (taskId: string) => sc().run.events[taskId] ?? [];
const types = (taskId: string): string[] => events(taskId).map((e) => e.type);

describeEngine('OpenRelik worker: discovery, one store, its outputs and reports', () => {
  it('is discovered as the server discovers tasks: inspect().registered("metadata"), parsed, on its queue', () => {
    const task = sc().run.registered.find((t) => t.task_name === POPHIST_TASK);
    expect(task).toMatchObject({ queue_name: 'openrelik-worker-pophist', display_name: expect.stringContaining('pophist') });
    expect(task!.task_config!.map((f) => f.name)).toEqual(['recover', 'window', 'profile_name', 'search_key', 'smtp', 'account_uid', 'pass_on']);
    expect(sc().run.registered.map((t) => t.task_name)).toContain(TIMESKETCH_TASK);
  });

  it('one store: the JSON equals pophist inspect --json --hash, the timeline equals --timeline, each at <output_path>/<uuid><ext>', async () => {
    const [task] = outcome('single');
    expect(task!.state, task!.error).toBe('SUCCESS');
    const r = task!.result!;
    const out = sc().workflow('single').output_path;
    const all = [...r.output_files, ...r.task_files];
    for (const f of all) expect(f.path).toBe(join(out, `${f.uuid}${f.extension}`));
    // Nothing else is left in the output folder: no working folder, no partial file.
    expect(readdirSync(out).sort()).toEqual(all.map((f) => `${f.uuid}${f.extension}`).sort());
    expect(r.output_files.map((f) => [f.display_name, f.data_type, f.source_file_id])).toEqual([['alice.pst.pophist.jsonl', 'openrelik:pophist:timesketch_jsonl', inputs('alice').id]]);
    expect(r.task_files.map((f) => f.display_name).sort()).toEqual(['alice.pst.pophist-report.md', 'alice.pst.pophist.html', 'alice.pst.pophist.json']);
    const byExt = (ext: string) => readFileSync(all.find((f) => f.extension === ext)!.path, 'utf8');
    expect(byExt('.json')).toBe(await inspectJson(inputs('alice').path!));
    expect(byExt('.jsonl')).toBe(await pophistInspect(inputs('alice').path!, '--timeline', 'timesketch-jsonl'));
    expect(byExt('.html')).toMatch(/^<!DOCTYPE html>[\s\S]*alice@example\.com/i);
    expect(r.workflow_id).toBe('single');
  });

  it('reports to the analyst: a markdown task report (accounts, tag counts, findings by kind) and a file report per input', () => {
    const r = outcome('single')[0]!.result!;
    expect(r.task_report.summary).toBe('1 input: 1 history-found');
    const md = r.task_report.content;
    expect(md).toContain('alice@example.com, uid da8ea945 (history), servers pop.example.com: 21 tags (2 deleted, 15 downloaded, 4 downloaded-and-deleted)');
    expect(md).toContain('downloads: 19, matched 16, ambiguous 0, not in store 3');
    for (const finding of ['downloads not-in-store: 3', 'UIDs no longer in the history (not-in-history): 1', 'messages with no POP3 origin (unexplained): 1', 'anomaly TRAILER (info): 1']) expect(md).toContain(`* ${finding}`);
    const [report] = r.file_reports;
    expect(r.file_reports).toHaveLength(1);
    expect(report).toMatchObject({ input_file_uuid: inputs('alice').uuid, priority: 20 });
    const content = r.task_files.find((f) => f.uuid === report!.content_file_uuid)!;
    expect(readFileSync(content.path, 'utf8')).toContain('not in store 3');
  });

  it('sends task-progress events from pophist’s progress, between task-started and task-succeeded', () => {
    const id = outcome('single')[0]!.id;
    const kinds = types(id);
    expect(kinds.indexOf('task-started')).toBeLessThan(kinds.indexOf('task-progress'));
    expect(kinds.at(-1)).toBe('task-succeeded');
    const progress = events(id).filter((e) => e.type === 'task-progress').map((e) => e.data as { step?: string; files_done: number; pophist?: { done: boolean; status?: string; folders?: number } });
    expect(progress.find((p) => p.step === 'report' && p.pophist?.done === false)?.pophist).toMatchObject({ folders: 11 });
    // One run per input: the report, the timeline and the page are read from the store once.
    expect(progress.filter((p) => p.pophist?.done === true).map((p) => [p.step, p.pophist!.status])).toEqual([['report', 'history-found']]);
    expect(progress.at(-1)).toEqual({ files_done: 1, files: 1 });
  });

});

describeEngine('OpenRelik worker: chains, options, damaged and bad input', () => {
  it('chained into the Timesketch upload, that task gets the timelines and nothing it would refuse', async () => {
    const [inspect, upload] = outcome('chain');
    expect(inspect!.state, inspect!.error).toBe('SUCCESS');
    expect(upload!.state, upload!.error).toBe('SUCCESS');
    const received = upload!.result!.meta.received as { path: string; extension: string; rows: number }[];
    expect(received.map((f) => f.path)).toEqual(inspect!.result!.output_files.map((f) => f.path));
    expect(received.map((f) => f.extension)).toEqual(['.jsonl', '.jsonl']);
    const rows = async (p: string) => (await pophistInspect(p, '--timeline', 'timesketch-jsonl')).split('\n').filter(Boolean).length;
    expect(received.map((f) => f.rows)).toEqual([await rows(inputs('alice').path!), await rows(inputs('two').path!)]);
    // The stand-in does refuse: passing the JSON on as well fails the upload.
    const [, refused] = outcome('chain-json');
    expect(refused!.state).toBe('FAILURE');
    expect(refused!.error).toMatch(/refuses two-accounts\.pst\.pophist\.json: not a \.jsonl or \.csv file/);
  });

  it('task_config reaches pophist: recover, window, profile selection; pass_on picks what goes on', async () => {
    const [task] = outcome('options');
    expect(task!.state, task!.error).toBe('SUCCESS');
    const r = task!.result!;
    expect(r.command).toBe('pophist inspect --timeline timesketch-jsonl --html PAGE --json-file REPORT --jobs 1 --recover --window=5 --smtp=frank@example.com');
    expect(r.output_files.map((f) => f.extension).sort()).toEqual(['.html', '.json', '.jsonl']);
    const json = readFileSync(r.output_files.find((f) => f.extension === '.json')!.path, 'utf8');
    expect(json).toBe(await inspectJson(inputs('rewritten').path!, '--recover', '--window=5', '--smtp=frank@example.com'));
    expect(r.task_report.content).toMatch(/\* items recovered from freed space: [1-9]/);
  });

  it('a damaged store gives an inconclusive result, not a failed task', async () => {
    const [task] = outcome('damaged');
    expect(task!.state, task!.error).toBe('SUCCESS');
    const r = task!.result!;
    expect(r.meta.statuses).toEqual([{ file: 'damaged.pst', status: 'inconclusive' }]);
    expect(readFileSync(r.task_files.find((f) => f.extension === '.json')!.path, 'utf8')).toBe(await inspectJson(inputs('damaged').path!));
    expect(r.task_report.content).toMatch(/Status: \*\*inconclusive\*\*\nCould not read: attachment 0 of message nid 0x100048/);
    expect(r.task_report.priority).toBe(40);
    expect(r.file_reports).toHaveLength(1);
  });

  it('a missing input file, an entry without a path, a path outside the data folder, a bad task_config: a clear failure, nothing written', () => {
    const failures = { missing: /input file gone\.pst does not exist at/, 'no-path': /input file alice\.pst has no path/, outside: /outside the data folder/, 'bad-config': /task_config window must be whole seconds/ };
    for (const [id, message] of Object.entries(failures)) {
      const [task] = outcome(id);
      expect(task!.state, id).toBe('FAILURE');
      expect(task!.error).toMatch(message);
      expect(task!.error).not.toMatch(/Traceback/);
      expect(readdirSync(sc().workflow(id).output_path), id).toEqual([]);
    }
  });

  it('a file that is not evidence is a skipped-file note in the report; the others are analysed', () => {
    const [task] = outcome('not-evidence');
    expect(task!.state, task!.error).toBe('SUCCESS');
    const r = task!.result!;
    expect(r.meta.skipped).toEqual([{ file: 'notes.txt', why: expect.stringMatching(/^not a PST, OST or MSG file/) }]);
    expect(r.task_report.summary).toBe('2 inputs: 1 history-found, 1 skipped');
    expect(r.task_report.content).toMatch(/## Skipped files\n\n\* notes\.txt: not a PST, OST or MSG file/);
    expect(new Set([...r.output_files, ...r.task_files].map((f) => f.source_file_id))).toEqual(new Set([inputs('two').id]));
  });

});

describeEngine('OpenRelik worker at scale: 20 inputs on 2 workers, one killed mid-task', () => {
  it('20 inputs across 2 worker processes (--concurrency=1 each): every result correct, both workers used', async () => {
    const paths = Array.from({ length: 20 }, (_, i) => inputs(`batch${i}`).path!);
    const multi = JSON.parse(await pophistInspect(...paths, '--json', '--hash', '--jobs', '1')) as { sources: unknown[] };
    const hosts = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const [task] = outcome(`batch${i}`);
      expect(task!.state, task!.error).toBe('SUCCESS');
      const json = [...task!.result!.output_files, ...task!.result!.task_files].find((f) => f.extension === '.json')!;
      // One input's report is the multi-input run's header with that input's source.
      expect(JSON.parse(readFileSync(json.path, 'utf8'))).toEqual({ ...multi, sources: [multi.sources[i]] });
      for (const e of events(task!.id)) if (e.type === 'task-started') hosts.add(e.hostname!.split('@')[0]!);
    }
    expect([...hosts].sort()).toEqual(['pophist1', 'pophist2']);
  });

  it('killing the worker process mid-task: the task is run again, never reported done with partial output', async () => {
    const [task] = outcome('slow');
    const kinds = types(task!.id);
    const starts = events(task!.id).filter((e) => e.type === 'task-started');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts[0]!.hostname!.split('@')[0]).toBe(sc().killed.worker);
    expect(kinds.filter((k) => k === 'task-succeeded')).toHaveLength(1);
    expect(kinds).not.toContain('task-failed');
    expect(sc().engine.log(sc().killed.worker)).toMatch(new RegExp(`pid:${sc().killed.pid} exited with 'signal 9 \\(SIGKILL\\)'`));
    // The run it had started died with it (PR_SET_PDEATHSIG): gone, or a zombie no one reaped yet.
    expect(processState(sc().killed.run)).toMatch(/^(gone|Z)$/);
    expect(task!.state, task!.error).toBe('SUCCESS');
    const r = task!.result!;
    const all = [...r.output_files, ...r.task_files];
    expect(readFileSync(all.find((f) => f.extension === '.json')!.path, 'utf8')).toBe(await inspectJson(inputs('slow').path!));
    // The lost run's working folder was removed by the run that finished: only the result's files remain.
    expect(readdirSync(sc().workflow('slow').output_path).sort()).toEqual(all.map((f) => `${f.uuid}${f.extension}`).sort());
  });

  it('nothing is written outside the output folders: the inputs unchanged, no temporary file left', () => {
    const after = tree(sc().tmp);
    const outputs = sc().workflows.map((w) => w.output_path + '/');
    for (const [path, size] of sc().before) expect(after.get(path), path).toBe(size);
    const added = [...after.keys()].filter((p) => !sc().before.has(p));
    const stray = added.filter((p) => !outputs.some((o) => p.startsWith(o)) && !p.endsWith('.log') && !p.endsWith('slow.mark'));
    expect(stray).toEqual([]);
    // pymp-… are Celery's own (its pool's), there while the workers run.
    expect(readdirSync(sc().workerTmp).filter((n) => !n.startsWith('pymp-'))).toEqual([]);
  });
});
