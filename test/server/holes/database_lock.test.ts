import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupRegister } from '../../../server/db/backup.ts';
import { openRegister, type Register } from '../../../server/register/plugin.ts';
import { RAW_DIR, removeTempDirs, runCli, tempDir } from '../helpers.ts';

const open = (file: string) => openRegister({ file, rawDir: RAW_DIR, seed: false, log: () => {} });

// Issue 13: a second server on the same database started without complaint and deleted the
// lock file when it stopped; `npm run restore` then ran under the live first server and a
// submission that had had its 201 was lost.
describe('one live process per register database (issue 13)', () => {
  afterAll(removeTempDirs);

  it('refuses a second register on a database another one holds, and keeps holding it', async () => {
    const file = path.join(tempDir(), 'register.db');
    const first = await open(file);
    await expect(open(file)).rejects.toThrow(/in use by another process/);
    // The refused one must not have released anything on its way out.
    await expect(open(file)).rejects.toThrow(/in use by another process/);
    expect(await first.assets.count()).toBe(0);
    first.close();
    const next = await open(file);
    next.close();
  });

  it('refuses restore under a live server even when every file beside the database is deleted', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'register.db');
    const backup = path.join(dir, 'backup.db');
    const seedCopy = await open(path.join(dir, 'source.db'));
    seedCopy.close();
    backupRegister(path.join(dir, 'source.db'), backup);
    const live: Register = await open(file);
    // What the second server did when it stopped: remove the marker files.
    for (const f of [`${file}.pid`]) if (existsSync(f)) rmSync(f);
    const refused = await runCli('server/cli/restore.ts', ['--from', backup, '--db', file]);
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/in use by another process/);
    live.close();
    const done = await runCli('server/cli/restore.ts', ['--from', backup, '--db', file]);
    expect(done.code, done.stderr).toBe(0);
  });
});
