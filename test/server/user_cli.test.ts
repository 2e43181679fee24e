import Fastify from 'fastify';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRegister, registerApi } from '../../server/register/plugin.ts';
import { verifyPassword } from '../../server/register/passwords.ts';
import { runCli, tempDir, removeTempDirs } from './helpers.ts';

describe('npm run user:add', () => {
  it('creates a moderator from a piped password, hashed with scrypt and a salt', async () => {
    const db = path.join(tempDir(), 'register.db');
    const env = { GAP_ATLAS_DB: db };
    const add = (args: string[], input: string) =>
      runCli('server/cli/user_add.ts', args, { input, env });

    const ok = await add(
      ['--email', 'Moderator@Example.org', '--name', 'Sam Moderator'],
      'a long enough passphrase\n',
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/moderator 1 created: Sam Moderator <moderator@example.org>/);
    const [second, duplicate, short, badEmail] = await Promise.all([
      add(['--email', 'other@example.org', '--name', 'Other'], 'a long enough passphrase\n'),
      add(['--email', 'moderator@example.org', '--name', 'Again'], 'another long passphrase\n'),
      add(['--email', 'x@example.org', '--name', 'X'], 'short\n'),
      add(['--email', 'not-an-email', '--name', 'X'], 'a long enough passphrase\n'),
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already has an account/);
    expect(short.code).toBe(1);
    expect(badEmail.code).toBe(2);

    const register = await openRegister({ file: db, seed: false, lock: false });
    try {
      const a = await register.accounts.findByEmail('moderator@example.org');
      const b = await register.accounts.findByEmail('other@example.org');
      expect(a?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      // Same password, different salts, different hashes.
      expect(a?.passwordHash).not.toBe(b?.passwordHash);
      expect(await verifyPassword('a long enough passphrase', a?.passwordHash ?? '')).toBe(true);
      expect(await verifyPassword('a long enough passphrasE', a?.passwordHash ?? '')).toBe(false);

      // And the account can log in through the API.
      const app = Fastify();
      await registerApi(app, { db: register });
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'moderator@example.org', password: 'a long enough passphrase' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.name).toBe('Sam Moderator');
      await app.close();
    } finally {
      register.close();
    }

    const reset = await add(
      ['--email', 'moderator@example.org', '--reset'],
      'a brand new passphrase\n',
    );
    expect(reset.code, reset.stderr).toBe(0);
  });
});

afterAll(removeTempDirs);
