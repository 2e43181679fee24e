import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/register/secrets.ts';
import {
  addModerator,
  login,
  makeApp,
  sessionCookie,
  snapshot,
  submit,
  testClock,
  type TestApp,
} from './helpers.ts';

describe('what the public, edit-token holders and moderators may see and do', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
    await addModerator(t.register);
  });
  afterAll(() => t.close());

  it('keeps pending assets from the public everywhere', async () => {
    const { id } = await submit(t.app, { serviceName: 'Pending Pantry Unique' });
    expect((await t.app.inject(`/api/assets/${id}`)).statusCode).toBe(404);
    const list = await t.app.inject('/api/assets');
    expect(list.body).not.toContain('Pending Pantry Unique');
    for (const format of ['geojson', 'csv', 'oruk']) {
      const res = await t.app.inject(`/api/assets/export?format=${format}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, format).not.toContain('Pending Pantry Unique');
    }
    const nearby = await t.app.inject(
      '/api/assets/nearby?lat=53.4561&lon=-2.9952&name=Pending%20Pantry%20Unique',
    );
    expect(nearby.json().features).toHaveLength(0);
  });

  it('shows a pending asset to its own edit-token holder only', async () => {
    const a = await submit(t.app);
    const b = await submit(t.app);
    const own = await t.app.inject({
      url: `/api/assets/${a.id}`,
      headers: { authorization: `Bearer ${a.editToken}` },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().properties.status).toBe('pending');
    const other = await t.app.inject({
      url: `/api/assets/${b.id}`,
      headers: { authorization: `Bearer ${a.editToken}` },
    });
    expect(other.statusCode).toBe(403);
    const before = snapshot(t.register);
    const patchOther = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${b.id}`,
      headers: { authorization: `Bearer ${a.editToken}` },
      payload: { serviceName: 'Hijacked' },
    });
    expect(patchOther.statusCode).toBe(403);
    expect(snapshot(t.register)).toBe(before);
    for (const authorization of [
      'Bearer',
      'Bearer short',
      `Basic ${a.editToken}`,
      `bearer ${a.editToken}`,
    ]) {
      const res = await t.app.inject({ url: `/api/assets/${a.id}`, headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('stores edit tokens and session ids only as hashes', async () => {
    const a = await submit(t.app);
    const dump = JSON.stringify(t.register.db.prepare('SELECT * FROM assets').all());
    expect(dump).not.toContain(a.editToken);
    expect(dump).toContain(hashToken(a.editToken));
    expect(a.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes = 256 bits
    const mod = await login(t.app);
    const sessionId = mod.cookie.split('=')[1] ?? '';
    const sessions = JSON.stringify(t.register.db.prepare('SELECT * FROM sessions').all());
    expect(sessions).not.toContain(sessionId);
    expect(sessions).toContain(hashToken(sessionId));
  });

  it('needs a token or a moderator to PATCH', async () => {
    const a = await submit(t.app);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/assets/${a.id}`,
      payload: { serviceName: 'x' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('keeps every moderation route behind a session', async () => {
    const a = await submit(t.app);
    const routes: [string, string][] = [
      ['GET', '/api/moderation/queue'],
      ['GET', '/api/moderation/stale'],
      ['GET', `/api/assets/${a.id}/history`],
      ['GET', '/api/session'],
      ['POST', `/api/assets/${a.id}/approve`],
      ['POST', `/api/assets/${a.id}/reject`],
      ['POST', `/api/assets/${a.id}/archive`],
      ['POST', `/api/assets/${a.id}/merge`],
      ['POST', '/api/import'],
    ];
    for (const [method, url] of routes) {
      const res = await t.app.inject({
        method: method as 'GET' | 'POST',
        url,
        payload: method === 'POST' ? {} : undefined,
      });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    // An edit token is no moderator login.
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${a.id}/approve`,
      headers: { authorization: `Bearer ${a.editToken}` },
      payload: {},
    });
    expect(res.statusCode).toBe(401);
  });

  it('refuses state-changing moderator requests without the CSRF token', async () => {
    const a = await submit(t.app);
    const mod = await login(t.app);
    const before = snapshot(t.register);
    const attempts = [
      { method: 'POST', url: `/api/assets/${a.id}/approve`, payload: {} },
      { method: 'POST', url: `/api/assets/${a.id}/reject`, payload: { reason: 'spam' } },
      { method: 'POST', url: `/api/assets/${a.id}/archive`, payload: {} },
      { method: 'PATCH', url: `/api/assets/${a.id}`, payload: { serviceName: 'Changed' } },
      { method: 'POST', url: '/api/import', payload: { type: 'FeatureCollection', features: [] } },
    ] as const;
    for (const attempt of attempts) {
      for (const headers of [
        mod.read,
        { ...mod.read, 'x-csrf-token': 'wrong' },
        { ...mod.read, 'x-csrf-token': '' },
      ]) {
        const res = await t.app.inject({ ...attempt, headers });
        expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      }
    }
    // Another session's CSRF token is no good either.
    const other = await login(t.app);
    const crossed = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${a.id}/approve`,
      headers: { cookie: mod.cookie, 'x-csrf-token': other.csrf },
      payload: {},
    });
    expect(crossed.statusCode).toBe(403);
    expect(snapshot(t.register)).toBe(before);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/assets/${a.id}/approve`,
      headers: mod.write,
      payload: {},
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sets the session cookie httpOnly and SameSite=Strict, and logs out', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'MOD@example.org', password: 'correct horse battery staple' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gap_atlas_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeUndefined(); // plain http here; see the https test below
    const headers = { cookie: sessionCookie(res) };
    expect((await t.app.inject({ url: '/api/session', headers })).json().user.email).toBe(
      'mod@example.org',
    );
    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/api/session', headers });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { ...headers, 'x-csrf-token': res.json().csrfToken as string },
    });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/moderation/queue', headers })).statusCode).toBe(401);
  });

  it('sends security headers with a CSP the map can run under', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('login limits', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    t = await makeApp({ limits: { accountFailures: 3 } });
    await addModerator(t.register);
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'mod@example.org', password: `wrong ${i}` },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('Wrong email or password');
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'mod@example.org', password: 'correct horse battery staple' },
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Unknown accounts answer exactly like wrong passwords.
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'nobody@example.org', password: 'whatever' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toBe('Wrong email or password');
  });

  it('unlocks once the window has passed', async () => {
    const clock = testClock();
    t = await makeApp({ limits: { accountFailures: 2, accountWindowMs: 60_000 }, now: clock.now });
    await addModerator(t.register);
    for (let i = 0; i < 2; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'mod@example.org', password: 'no' },
      });
    }
    const payload = { email: 'mod@example.org', password: 'correct horse battery staple' };
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload })).statusCode).toBe(
      429,
    );
    clock.advance(61_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload })).statusCode).toBe(
      200,
    );
  });

  it('limits login attempts per IP across accounts', async () => {
    t = await makeApp({ limits: { loginsPerWindow: 4 } });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: `user${i}@example.org`, password: 'guess' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('expires sessions', async () => {
    const clock = testClock();
    t = await makeApp({ now: clock.now, sessionTtlMs: 60_000 });
    await addModerator(t.register);
    const mod = await login(t.app);
    expect(
      (await t.app.inject({ url: '/api/moderation/queue', headers: mod.read })).statusCode,
    ).toBe(200);
    clock.advance(61_000);
    expect(
      (await t.app.inject({ url: '/api/moderation/queue', headers: mod.read })).statusCode,
    ).toBe(401);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    t = await makeApp({ trustProxy: true });
    await addModerator(t.register);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: 'mod@example.org', password: 'correct horse battery staple' },
    });
    expect(res.cookies.find((c) => c.name === 'gap_atlas_session')?.secure).toBe(true);
  });
});

describe('edit limits', () => {
  it('limits edits by token per IP, but not moderators', async () => {
    const t = await makeApp({ limits: { editsPerWindow: 2 } });
    try {
      await addModerator(t.register);
      const mod = await login(t.app);
      const a = await submit(t.app);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/assets/${a.id}`,
          headers: { authorization: `Bearer ${a.editToken}` },
          payload: { description: `edit ${i}` },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([200, 200, 429]);
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/api/assets/${a.id}`,
          headers: mod.write,
          payload: { description: `moderator edit ${i}` },
        });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});

describe('submission limits', () => {
  it('limits submissions per IP (configurable)', async () => {
    const t = await makeApp({ limits: { submissionsPerWindow: 3 } });
    try {
      for (let i = 0; i < 3; i++) await submit(t.app);
      const res = await t.app.inject({ method: 'POST', url: '/api/assets', payload: {} });
      expect(res.statusCode).toBe(429);
      expect(res.json().error).toMatch(/Too many requests/);
      expect(await t.register.assets.count()).toBe(3);
    } finally {
      await t.close();
    }
  });
});
