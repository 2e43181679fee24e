// npm start: builds the app data if missing, builds the app if it is missing or older than
// its sources, then serves both on localhost and prints the URL.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build as viteBuild } from 'vite';
import { buildAtlasData } from '../data/build.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../data/defaults.ts';
import { PipelineError } from '../data/errors.ts';
import { buildApp } from './app.ts';
import { appOptionsFromEnv, ConfigError } from './app_config.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'rebuild-data': { type: 'boolean', default: false },
  },
});

const distDir = path.join(REPO_ROOT, 'dist');
const dataDir = DEFAULT_DATA_OPTIONS.outDir;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

try {
  if (values['rebuild-data'] || !existsSync(path.join(dataDir, 'index.json'))) {
    process.stdout.write(
      `Building the atlas data for ${DEFAULT_DATA_OPTIONS.area} from ${DEFAULT_DATA_OPTIONS.rawDir}\n`,
    );
    await buildAtlasData({
      ...DEFAULT_DATA_OPTIONS,
      onProgress: (m) => process.stdout.write(`  ${m}\n`),
    });
  }
  const sources = ['src', 'workers'].map((d) => newestMtime(path.join(REPO_ROOT, d)));
  const built = existsSync(path.join(distDir, 'index.html'))
    ? statSync(path.join(distDir, 'index.html')).mtimeMs
    : 0;
  if (Math.max(...sources, statSync(path.join(REPO_ROOT, 'index.html')).mtimeMs) > built) {
    process.stdout.write('Building the app (vite build)…\n');
    await viteBuild({ root: REPO_ROOT, logLevel: 'warn', build: { copyPublicDir: false } });
  }
} catch (err) {
  if (err instanceof PipelineError) {
    process.stderr.write(`Data build failed.\n${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

let settings;
try {
  settings = appOptionsFromEnv(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`Configuration error:\n${err.message}\n`);
  process.exit(1);
}
const app = await buildApp({ distDir, dataDir, ...settings });
const address = await app.listen({ port: Number(values.port), host: values.host });
process.stdout.write(`Gap Atlas is running at ${address.replace('127.0.0.1', 'localhost')}/\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
