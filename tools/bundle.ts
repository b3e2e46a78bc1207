// `npm run build`, after tsc: the CLI as one CommonJS script, dist/bundle/pophist.cjs, so that Node
// loads one file instead of about a hundred, and its V8 code cache (bin/pophist says how it is used);
// the worker threads of `inspect --jobs` and `case --jobs` likewise, dist/bundle/inspect-worker.cjs and case-worker.cjs.
// yargs' string-width is replaced by ours (src/cli/string-width.ts says why).

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Every character outside ASCII as a \u escape: esbuild escapes those of strings, but not those of
// the comments it keeps, and a bundle that is all ASCII is read by bin/pophist as a one-byte string,
// without a UTF-8 decode. An escape means the same character in a string, a template or a regular
// expression, and is plain text in a comment.
for (const name of readdirSync(join(root, 'dist/bundle')).filter((n) => n.endsWith('.cjs'))) {
  const path = join(root, 'dist/bundle', name);
  const text = readFileSync(path, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(path, ascii);
}

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
