/**
 * The import rules of the code base (issue 16), checked by `npm test` (tests/unit/architecture.test.ts)
 * and by hand with `npx depcruise --config .dependency-cruiser.cjs <folders>`:
 *
 * - no import cycle between files;
 * - the top-level folders form layers: a folder imports only folders below it in LAYERS, so no
 *   two folders can import each other, directly or round about (server/ and worker/ in particular
 *   share what they both need through temporal/, db/ and activities/).
 */
const LAYERS = [
  'dsl', // the definition schema and the domain vocabulary: pure
  'activities', // side effects the workflow asks for, and the interfaces of what they need
  'workflows', // the interpreter (imports activity types only)
  'db', // the app database: adapter, migrations, and the engine's stores on it (directory, notifier, ballot box)
  'api', // the HTTP contract: zod schemas of every request and response
  'temporal', // Temporal infrastructure: codec, client, worker runner, binaries
  'procedures', // built-in definitions and demo data
  'server', // the HTTP API (entry: server/main.ts, server/dev.ts)
  'worker', // the standalone worker (entry: worker/main.ts)
  'cli', // the jiceng command
  'designer', // the web app
  'testkit', // real-component harness shared by tests, bench and fuzz
  'scripts', // tools: setup, test runner, production topology (which bench/ drives), holiday tables
  'bench',
  'fuzz',
  'tests',
];

const layerRules = LAYERS.map((folder, i) => ({
  name: `layer-${folder}`,
  comment: `${folder}/ may import only ${LAYERS.slice(0, i).join(', ') || 'libraries'}`,
  severity: 'error',
  from: { path: `^${folder}/` },
  to: { path: `^(${LAYERS.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'a file cycle: split out what both sides need', severity: 'error', from: {}, to: { circular: true } },
    ...layerRules,
    { name: 'worker-not-server', comment: 'the worker and the API share temporal/, db/ and activities/, never each other', severity: 'error', from: { path: '^worker/' }, to: { path: '^server/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data|\\.tools)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};

/** Read by tests/unit/architecture.test.ts (dependency-cruiser ignores it: not part of its config). */
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
