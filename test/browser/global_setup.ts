// Builds the Sefton data and the app once, serves them, and hands the URL to browser tests.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-browser-'));
  const dataDir = path.join(tmp, 'data');
  const distDir = path.join(tmp, 'dist');
  await buildAtlasData({ area: 'E08000014', rawDir: DEFAULT_DATA_OPTIONS.rawDir, outDir: dataDir });
  await build({
    root: REPO_ROOT,
    logLevel: 'error',
    build: { outDir: distDir, emptyOutDir: true, copyPublicDir: false },
  });
  const app = await buildApp({
    distDir,
    dataDir,
    register: { file: path.join(tmp, 'register.db') },
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('baseUrl', address);
  return async () => {
    await app.close();
    await rm(tmp, { recursive: true, force: true });
  };
}
