import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COST, hashPassword } from '../../../server/register/passwords.ts';
import { login, makeApp, type TestApp } from '../helpers.ts';

// Issue 13: scrypt at N=2^15 is below OWASP's current minimum (N=2^17, r=8, p=1).
describe('password hashing cost (issue 13)', () => {
  it("defaults to OWASP's minimum, N=2^17, r=8, p=1", () => {
    expect(DEFAULT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  describe('a hash made at a lower cost', () => {
    let t: TestApp;
    const password = 'correct horse battery staple';
    const stored = () =>
      t.register.db.prepare('SELECT password_hash FROM users').pluck().get() as string;
    beforeAll(async () => {
      t = await makeApp(); // configured cost: TEST_COST (N=1024)
      await t.register.accounts.createUser({
        email: 'mod@example.org',
        name: 'Old Hash',
        passwordHash: await hashPassword(password, { N: 256, r: 8, p: 1 }),
      });
    });
    afterAll(() => t.close());

    it('is kept on a failed login and rehashed at the configured cost on the next good one', async () => {
      const old = stored();
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'mod@example.org', password: 'not the password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(stored()).toBe(old);
      const mod = await login(t.app, 'mod@example.org', password);
      expect(stored()).toMatch(/^scrypt\$1024\$8\$1\$/);
      // The session that login made survives the rehash, and the new hash works.
      const me = await t.app.inject({ url: '/api/session', headers: mod.read });
      expect(me.statusCode).toBe(200);
      await login(t.app, 'mod@example.org', password);
    });
  });
});
