// `npm run build`, after tsc: the CLI as one ES module, dist/bundle/pophist.mjs, so that Node loads
// one file instead of about a hundred. yargs' string-width is replaced by ours (src/cli/string-width.ts
// says why).

import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

await build({
  entryPoints: [join(root, 'dist/cli/main.js')],
  outfile: join(root, 'dist/bundle/pophist.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  alias: { 'string-width': join(root, 'dist/cli/string-width.js') },
  // The packages loaded only when needed (msgreader, cli-progress) are required at run time.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
});
