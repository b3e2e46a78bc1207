// The layers' boundaries, checked by `npm run lint` (dependency-cruiser). Imports go one way,
// downward: pst and msg read the formats; analysis sits on them; report renders; cli drives.
// Another layer is reached only through its index.ts. Paths may sit under any folder named src
// (test/fixtures/layers holds a tree that breaks each rule, to prove the rules fire).
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name) => `(^|/)src/${name}/`;
module.exports = {
  forbidden: [
    {
      name: 'pst-imports-nothing-above',
      comment: 'The PST reader is the bottom layer: it knows nothing of what reads it.',
      severity: 'error',
      from: { path: layer('pst') },
      to: { path: '(^|/)src/(?!pst/)[^/]+/' },
    },
    {
      name: 'formats-import-no-analysis',
      comment: 'The format readers (msg, registry) import no analysis, report or CLI code.',
      severity: 'error',
      from: { path: '(^|/)src/(msg|registry)/' },
      to: { path: '(^|/)src/(analysis|accounts|report|cli)/' },
    },
    {
      name: 'analysis-imports-no-report-or-cli',
      severity: 'error',
      from: { path: '(^|/)src/(analysis|accounts)/' },
      to: { path: '(^|/)src/(report|cli)/' },
    },
    {
      name: 'report-reads-no-format',
      comment: 'The report renders findings; it never reads a PST or a .msg itself.',
      severity: 'error',
      from: { path: layer('report') },
      to: { path: '(^|/)src/(pst|msg|registry|cli)/' },
    },
    {
      name: 'only-through-index',
      comment: "Another layer's inner files are its own: import its index.ts.",
      severity: 'error',
      from: { path: '(^|/)src/([^/]+)/' },
      to: { path: '(^|/)src/[^/]+/.', pathNot: ['(^|/)src/$2/', '(^|/)src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-build-output',
      comment: 'Source never depends on build output (the worker entry is found at run time by URL).',
      severity: 'error',
      from: { path: '(^|/)src/' },
      to: { path: '(^|/)dist/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
