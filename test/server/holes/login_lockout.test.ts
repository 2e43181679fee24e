import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addModerator, makeApp, type TestApp } from '../helpers.ts';

// Issue 13: 5 wrong passwords from any address locked the moderator out everywhere.
describe('failed logins are counted per account and address (issue 13)', () => {
  let t: TestApp;
  let mod: { email: string; password: string };
  beforeAll(async () => {
    t = await makeApp();
    mod = await addModerator(t.register);
  });
  afterAll(() => t.close());

  const attempt = (password: string, remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress,
      payload: { email: mod.email, password },
    });

  it('lets the moderator in from their own address while an attacker is locked out', async () => {
    for (let i = 0; i < 5; i++)
      expect((await attempt('wrong password!!', '203.0.113.9')).statusCode).toBe(401);
    expect((await attempt('wrong password!!', '203.0.113.9')).statusCode).toBe(429);
    expect((await attempt(mod.password, '203.0.113.9')).statusCode).toBe(429);
    expect((await attempt(mod.password, '198.51.100.7')).statusCode).toBe(200);
  });
});
