// The OpenRelik worker's README: its Dockerfile is the one in the folder, and its compose snippet
// starts the worker the way the end-to-end test does (the app, --task-events, the task's queue)
// with the data folder mounted where the worker looks for it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/corpus.js';
import { POPHIST_TASK } from '../support/openrelik.js';

const dir = join(repoRoot, 'integrations/openrelik');
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const block = (mark: string, lang: string): string => new RegExp(`<!-- ${mark} -->\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(readme)?.[1] ?? '';

it('shows the Dockerfile that is in the folder', () => {
  expect(block('OPENRELIK-DOCKERFILE', 'dockerfile')).toBe(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
});

it('its compose snippet runs the worker with task events on the task’s queue, the data folder where the worker reads', () => {
  const compose = block('OPENRELIK-COMPOSE', 'yaml');
  const queue = POPHIST_TASK.split('.')[0]!;
  expect(compose).toMatch(new RegExp(`command: "python3 -m celery --app=pophist_openrelik\\.app worker --task-events --concurrency=\\d+ --loglevel=INFO -Q ${queue}"`));
  expect(compose).toContain('REDIS_URL=redis://openrelik-redis:6379');
  const tasks = readFileSync(join(dir, 'pophist_openrelik/tasks.py'), 'utf8');
  expect(tasks).toContain(`TASK_NAME = "${POPHIST_TASK}"`);
  const defaultData = /DATA_DIR = os\.getenv\("POPHIST_DATA_DIR"\) or "([^"]+)"/.exec(readFileSync(join(dir, 'pophist_openrelik/checks.py'), 'utf8'))![1]!;
  expect(compose).toContain(`- ./data:${defaultData}`);
  expect(compose).toContain(`POPHIST_DATA_DIR=${defaultData}`);
});
