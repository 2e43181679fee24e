/**
 * The house plan, checked in `npm run lint` (dependency-cruiser, because one tool covers both
 * the import cycles and the layer rules, type-only imports included).
 *
 *   contracts/  schemas and rules every part shares; imports nothing of the project's
 *   src/        the screen (main thread)      -> contracts, workers (pure engine and worker API types)
 *   workers/    the engine and its adapters   -> contracts
 *   data/       the pipeline                  -> contracts, workers
 *   server/     the Node server               -> contracts, workers, data (builds missing data)
 *   cli/        analyst commands              -> contracts, workers, data
 */
const layer = (name, path, mayImport) => ({
  name: `${name}-layer`,
  comment: `${name} may import only ${mayImport.join(', ') || 'npm packages'} of the project`,
  severity: 'error',
  from: { path: `^${path}/` },
  to: {
    path: '^(contracts|src|workers|data|server|cli|test|bench)/',
    pathNot: [`^${path}/`, ...mayImport.map((p) => `^${p}/`)],
  },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make modules impossible to load, test or split apart one by one.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('contracts', 'contracts', []),
    layer('screen', 'src', ['contracts', 'workers']),
    layer('engine', 'workers', ['contracts']),
    layer('pipeline', 'data', ['contracts', 'workers']),
    layer('server', 'server', ['contracts', 'workers', 'data']),
    layer('cli', 'cli', ['contracts', 'workers', 'data']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|public|var|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    moduleSystems: ['es6'],
  },
};
