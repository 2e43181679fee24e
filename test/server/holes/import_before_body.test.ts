import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, login, makeApp, type TestApp } from '../helpers.ts';

/** Sends the headers of an 8 MB body and only its first kilobyte; resolves with the status. */
function partialUpload(url: string, headers: Record<string, string>): Promise<number | 'timeout'> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(8_000_000),
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve('timeout');
    }, 3000);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') resolve('timeout');
      else reject(err);
    });
    req.write('['.repeat(1024));
  });
}

// Issue 13 (high): POST /api/import read and parsed up to 10 MiB before it looked at the session.
describe('POST /api/import checks who is asking before reading the body (issue 13)', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await makeApp({ limits: { importsPerWindow: 3 } });
    await addModerator(t.register);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('answers an anonymous upload with 401 before its body has arrived', async () => {
    expect(await partialUpload(`${url}/api/import`, {})).toBe(401);
  });

  it('answers a moderator without the CSRF token with 403 before the body has arrived', async () => {
    const mod = await login(t.app);
    expect(await partialUpload(`${url}/api/import`, { cookie: mod.cookie })).toBe(403);
  });

  it('refuses deeply nested JSON with a 400 that says so', async () => {
    const mod = await login(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import?dryRun=true',
      headers: { ...mod.write, 'content-type': 'application/json' },
      payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].message).toMatch(/nested/i);
  });

  it('rate-limits imports per address', async () => {
    const mod = await login(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/import?dryRun=true',
        headers: { ...mod.write, 'content-type': 'text/csv' },
        payload: 'organisation_name\n',
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
  });
});
