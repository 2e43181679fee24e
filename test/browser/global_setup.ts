// Builds the Sefton data and the app once, serves them, and hands the URL to browser tests.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';
import { hashPassword } from '../../server/register/passwords.ts';
import { openRegister } from '../../server/register/plugin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The served register's SQLite file, and a moderator account in it (register.test.ts). */
    registerDb: string;
    moderator: { email: string; password: string };
    /** The built app, for tests that serve their own data (england.test.ts). */
    distDir: string;
  }
}

const MODERATOR = { email: 'moderator@example.org', password: 'browser-test moderator password' };

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
  const registerDb = path.join(tmp, 'register.db');
  const app = await buildApp({
    distDir,
    dataDir,
    register: { file: registerDb },
  });
  // A moderator, made the way `npm run user:add` does, in the database the server has open.
  const accounts = await openRegister({ file: registerDb, seed: false, lock: false });
  try {
    await accounts.accounts.createUser({
      email: MODERATOR.email,
      name: 'Browser Test Moderator',
      passwordHash: await hashPassword(MODERATOR.password),
    });
  } finally {
    accounts.close();
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  project.provide('baseUrl', address);
  project.provide('registerDb', registerDb);
  project.provide('moderator', MODERATOR);
  project.provide('distDir', distDir);
  return async () => {
    await app.close();
    await rm(tmp, { recursive: true, force: true });
  };
}
