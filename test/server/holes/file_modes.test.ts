import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupRegister } from '../../../server/db/backup.ts';
import { openRegister } from '../../../server/register/plugin.ts';
import { removeTempDirs, RAW_DIR, tempDir } from '../helpers.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

// Issue 13: the database, its WAL and backups were world-readable (0644 under the usual umask).
describe('register files are readable by their owner only (issue 13)', () => {
  afterAll(removeTempDirs);

  it('creates the database, WAL, shared memory and backups with mode 0600', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    const register = await openRegister({ file, rawDir: RAW_DIR, seed: false, log: () => {} });
    await register.accounts.createUser({ email: 'a@example.org', name: 'A', passwordHash: 'x' });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    const copy = path.join(dir, 'backup.db');
    backupRegister(file, copy);
    expect(mode(copy)).toBe(0o600);
    register.close();
  });
});
