// External oracles and real tools (libpff's pff-tools, python3, mactime, chromium). Missing locally:
// skip with a message; in CI: fail.

import { execFileSync } from 'node:child_process';
import { describe } from 'vitest';
import { inCi } from './corpus.js';
import { describeSkipped } from './skip.js';

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const hasPffTools = has('pffexport') && has('pffinfo');
if (!hasPffTools && inCi) throw new Error('CI=true but pffexport/pffinfo are not installed (.ci/run installs pff-tools)');

/** pffexport's version line ("pffexport 20180714"): part of the key of an answer kept by content. */
export const pffVersion = hasPffTools ? execFileSync('pffexport', ['-V'], { encoding: 'utf8' }).split('\n')[0]!.trim() : '';

export function describeWithPff(name: string, fn: () => void): void {
  if (hasPffTools) describe(name, fn);
  else describeSkipped(name, 'pffexport not installed (apt-get install pff-tools); skipped', fn);
}

/** A test that needs a Python module (pandas): skipped with a message locally, required in CI. */
export function describeWithPython(module: string, pkg: string, name: string, fn: () => void): void {
  if (has(`/usr/bin/python3`) && pythonHas(module)) {
    describe(name, fn);
    return;
  }
  if (inCi) throw new Error(`CI=true but the Python module ${module} is not installed (.ci/run installs ${pkg})`);
  describeSkipped(name, `python3 module ${module} not installed (apt-get install ${pkg}); skipped`, fn);
}

function pythonHas(module: string): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A test that drives a real program (python3, mactime, chromium): skipped with a message locally, required in CI. */
export function describeWithTool(path: string, pkg: string, name: string, fn: () => void): void {
  describeWithTools([[path, pkg]], name, fn);
}

/** As describeWithTool, for a test that needs several programs, each as [command, Debian package]. */
export function describeWithTools(tools: readonly (readonly [string, string])[], name: string, fn: () => void): void {
  const missing = tools.find(([path]) => !has(path));
  if (!missing) {
    describe(name, fn);
    return;
  }
  const [path, pkg] = missing;
  if (inCi) throw new Error(`CI=true but ${path} is not installed (.ci/run installs ${pkg})`);
  describeSkipped(name, `${path} not installed (apt-get install ${pkg}); skipped`, fn);
}
