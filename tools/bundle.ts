// `npm run build`, after tsc: the CLI as one CommonJS script, dist/bundle/pophist.cjs, so that Node
// loads one file instead of about a hundred, and its V8 code cache (bin/pophist says how it is used);
// the worker threads of `inspect --jobs` and `case --jobs` likewise, dist/bundle/inspect-worker.cjs and case-worker.cjs.
// yargs' string-width is replaced by ours (src/cli/string-width.ts says why).

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const bundle = join(root, 'dist/bundle/pophist.cjs');

await build({
  entryPoints: { pophist: join(root, 'dist/cli/main.js'), 'inspect-worker': join(root, 'dist/cli/inspect-worker.js'), 'case-worker': join(root, 'dist/cli/case-worker.js') },
  outdir: join(root, 'dist/bundle'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  alias: { 'string-width': join(root, 'dist/cli/string-width.js') },
  // The modules use import.meta.url to find files beside them (package.json, the worker script,
  // packages loaded only when needed); the bundle sits as deep in dist/ as they do.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The cache holds what a run compiles: made after the commands people run most, on our own samples,
// their output discarded. A fresh process, so that the cache is made with Node's default flags.
rmSync(`${bundle}.cache`, { force: true });
const runs = [
  ['inspect', 'samples/pop3-unicode.pst'],
  ['inspect', 'samples/pop3-unicode.pst', '--json'],
  ['decode', 'samples/docs-example.bin', '--json'],
];
// bin/pophist, required rather than run, gives the loader.
const train = `
const { loadBundle } = require('./bin/pophist');
const bundle = loadBundle();
(async () => {
  for (const argv of ${JSON.stringify(runs)}) await bundle.main(argv);
  bundle.writeCache();
})();
`;
execFileSync(process.execPath, ['-e', train], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
