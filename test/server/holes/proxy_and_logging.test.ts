import type { FastifyInstance } from 'fastify';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp, type AppOptions } from '../../../server/app.ts';
import { appOptionsFromEnv } from '../../../server/app_config.ts';
import type { Register } from '../../../server/register/plugin.ts';
import { addModerator, removeTempDirs, submission, tempDir, TEST_COST } from '../helpers.ts';

const apps: FastifyInstance[] = [];
async function app(env: Record<string, string>, extra: Partial<AppOptions> = {}) {
  const dir = tempDir();
  const a = await buildApp({
    ...appOptionsFromEnv({ GAP_ATLAS_DB: path.join(dir, 'r.db'), ...env }),
    distDir: path.join(dir, 'none'),
    dataDir: path.join(dir, 'none'),
    register: { file: path.join(dir, 'r.db'), seed: false },
    passwordCost: TEST_COST,
    ...extra,
  });
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});
afterAll(removeTempDirs);

/** These tests run on the embedded SQLite register (a file in a temporary folder). */
function sqliteOf(a: FastifyInstance): Register {
  const r = a.atlasRegister;
  if (r.kind !== 'sqlite') throw new Error('expected the SQLite register');
  return r;
}

// Issue 13: behind an HTTPS proxy the cookie never got Secure and every client shared the
// proxy's address for rate limits.
describe('behind a TLS proxy (GAP_ATLAS_TRUST_PROXY, GAP_ATLAS_COOKIE_SECURE)', () => {
  it('takes the client address and https from the proxy headers when told to trust it', async () => {
    const a = await app({
      GAP_ATLAS_TRUST_PROXY: '127.0.0.1',
      GAP_ATLAS_SUBMISSIONS_PER_HOUR: '1',
    });
    const post = (client: string) =>
      a.inject({
        method: 'POST',
        url: '/api/assets',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': client, 'x-forwarded-proto': 'https' },
        payload: submission(),
      });
    expect((await post('203.0.113.1')).statusCode).toBe(201);
    expect((await post('203.0.113.2')).statusCode).toBe(201);
    expect((await post('203.0.113.1')).statusCode).toBe(429);
  });

  it('marks the session cookie Secure behind the proxy, or always when configured', async () => {
    const settings: Record<string, string>[] = [
      { GAP_ATLAS_TRUST_PROXY: '127.0.0.1' },
      { GAP_ATLAS_COOKIE_SECURE: 'true' },
    ];
    for (const env of settings) {
      const a = await app(env);
      await addModerator(sqliteOf(a));
      const res = await a.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: 'mod@example.org', password: 'correct horse battery staple' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'gap_atlas_session')?.secure).toBe(true);
    }
  });
});

// Issue 13: with the disk full, 40 submissions got 500 and left no trace while /api/health said ok.
describe('errors are logged and the health check proves the database can write', () => {
  it('logs a failed write without secrets, and /api/health answers 503', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    const a = await app({}, { logStream: stream });
    const db = sqliteOf(a).db;
    expect((await a.inject('/api/health')).statusCode).toBe(200);
    // A full disk: the database may not grow by a single page.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const res = await a.inject({
      method: 'POST',
      url: '/api/assets',
      headers: { cookie: 'gap_atlas_session=secretcookievalue', authorization: 'Bearer sekrit' },
      payload: submission({ email: 'private.person@example.org', description: 'x'.repeat(3900) }),
    });
    expect(res.statusCode).toBe(500);
    const health = await a.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'error', database: 'cannot write' });
    expect(log).toMatch(/database or disk is full|SQLITE_FULL/);
    expect(log).toContain('/api/assets');
    for (const secret of ['secretcookievalue', 'sekrit', 'private.person@example.org']) {
      expect(log).not.toContain(secret);
    }
  });

  it('answers 503 from /api/health when the database refuses writes', async () => {
    const a = await app({}, { logStream: new Writable({ write: (_c, _e, done) => done() }) });
    expect((await a.inject('/api/health')).statusCode).toBe(200);
    sqliteOf(a).db.pragma('query_only = ON'); // every write now fails, reads still work
    const health = await a.inject('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ database: 'cannot write' });
  });
});
